package dev.bulwark.intel.analysis;

import java.util.List;

/**
 * A threat-intelligence report tailored to one organisation: who is likely to come for it (with the
 * evidence of each ranking), with which techniques, what its detections cannot see, and which
 * known-exploited vulnerabilities its stack carries. Every figure the renderers print is here.
 */
public record IntelReport(
    String organisation,
    List<String> sectors,
    List<String> countries,
    String exposure,
    List<String> crownJewels,
    String generatedAt,
    Inputs inputs,
    List<RankedActor> actors,
    List<TechniqueRow> techniques,
    Coverage coverage,
    List<KevExposure> kevInStack,
    List<String> notes,
    Summary summary) {

  /** A report without an executive summary. */
  public IntelReport(
      String organisation,
      List<String> sectors,
      List<String> countries,
      String exposure,
      List<String> crownJewels,
      String generatedAt,
      Inputs inputs,
      List<RankedActor> actors,
      List<TechniqueRow> techniques,
      Coverage coverage,
      List<KevExposure> kevInStack,
      List<String> notes) {
    this(
        organisation,
        sectors,
        countries,
        exposure,
        crownJewels,
        generatedAt,
        inputs,
        actors,
        techniques,
        coverage,
        kevInStack,
        notes,
        Summary.NONE);
  }

  /** The same report with an executive summary. */
  public IntelReport withSummary(Summary s) {
    return new IntelReport(
        organisation,
        sectors,
        countries,
        exposure,
        crownJewels,
        generatedAt,
        inputs,
        actors,
        techniques,
        coverage,
        kevInStack,
        notes,
        s);
  }

  /** A sentence of the executive summary with the facts of the report it rests on, verbatim. */
  public record SummarySentence(String text, List<String> facts) {
    public SummarySentence {
      facts = List.copyOf(facts);
    }
  }

  /** A sentence the model wrote that was dropped, and why. */
  public record DroppedSentence(String text, String reason) {}

  /**
   * The executive summary a model wrote from the report's facts: only sentences whose every figure,
   * identifier and actor name is in the facts they cite are kept. Empty when no model was asked.
   */
  public record Summary(
      String model, String prompt, List<SummarySentence> sentences, List<DroppedSentence> dropped) {
    public static final Summary NONE = new Summary("", "", List.of(), List.of());

    public Summary {
      sentences = List.copyOf(sentences);
      dropped = List.copyOf(dropped);
    }

    public boolean present() {
      return !model.isEmpty();
    }
  }

  public IntelReport {
    sectors = List.copyOf(sectors);
    countries = List.copyOf(countries);
    crownJewels = List.copyOf(crownJewels);
    actors = List.copyOf(actors);
    techniques = List.copyOf(techniques);
    kevInStack = List.copyOf(kevInStack);
    notes = List.copyOf(notes);
  }

  /** What the report was computed from. */
  public record Inputs(
      int attackGroups,
      int mispActors,
      int techniques,
      int kevEntries,
      int stackComponents,
      int stackCves,
      int rulesInForce,
      int rulesInForceWithTechniques,
      int catalogRules,
      int techniquesSeenInHunts) {}

  /** One reason an actor ranks where it does, with the points it gave. */
  public record Evidence(String factor, String detail, String source, double points) {}

  /** An actor likely to target the organisation. */
  public record RankedActor(
      int rank,
      String name,
      String stixId,
      List<String> attackIds,
      List<String> aliases,
      double score,
      double relevance,
      double recencyFactor,
      Integer lastActiveYear,
      List<Evidence> evidence,
      int techniqueCount,
      List<String> cves) {
    public RankedActor {
      attackIds = List.copyOf(attackIds);
      aliases = List.copyOf(aliases);
      evidence = List.copyOf(evidence);
      cves = List.copyOf(cves);
    }
  }

  /** How a technique stands against the organisation's detections. */
  public enum Status {
    /** A rule in force names it, or a hunt saw it. */
    DETECTED,
    /** A rule in force names its parent technique or one of its sub-techniques. */
    PARTIAL,
    /** Nothing in force names it. */
    GAP
  }

  /** A rule that would cover a gap. */
  public record CandidateRule(
      String id, String title, String author, String logsource, String file) {}

  /** A technique of the ranked actors, weighted by who uses it. */
  public record TechniqueRow(
      String id,
      String name,
      List<String> tactics,
      double weight,
      Status status,
      List<String> actors,
      List<String> rulesInForce,
      List<String> seenInHunts,
      List<CandidateRule> candidates,
      List<String> dataSources) {
    public TechniqueRow {
      tactics = List.copyOf(tactics);
      actors = List.copyOf(actors);
      rulesInForce = List.copyOf(rulesInForce);
      seenInHunts = List.copyOf(seenInHunts);
      candidates = List.copyOf(candidates);
      dataSources = List.copyOf(dataSources);
    }
  }

  /** Coverage figures over the weighted technique union. */
  public record Coverage(
      int techniques,
      int detected,
      int partial,
      int gaps,
      double weightedCoverage,
      int gapsWithCandidateRules) {}

  /** A known-exploited vulnerability present in the organisation's stack. */
  public record KevExposure(
      String cve,
      String vendor,
      String product,
      String name,
      String dateAdded,
      String dueDate,
      boolean overdue,
      String ransomwareUse,
      List<String> components,
      List<String> actors) {
    public KevExposure {
      components = List.copyOf(components);
      actors = List.copyOf(actors);
    }
  }
}
