package dev.bulwark.threatmodel.evidence;

import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.RiskTracking;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.rules.Levels;
import dev.bulwark.threatmodel.rules.Risk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links a scan's findings to the model's risks. A technical asset names its code with tags {@code
 * path:PREFIX} (repository paths) and {@code component:PURL-PREFIX} (SBOM components); a finding
 * located there bears on the asset's risks (and on those of links from it) when its CWE or analyzer
 * is one the risk's rule lists in {@link #CONFIRMING}. A confirming finding raises the risk's
 * likelihood one step and an accepted or mitigated risk back to in progress. Each link cites the
 * finding's fingerprint.
 *
 * <p>The other direction: for weaknesses Bulwark's code and secret analyzers look for ({@link
 * #CHECKED_BY_SCAN}), a scan whose analyzers all completed, which ran rules filed under the risk's
 * CWEs and raised none of them in the asset's code, is evidence the control is in place (queries
 * parameterised, output encoded, no secret in the code). An unchecked risk is then marked
 * mitigated, citing the rules that checked. A risk the model's authors already decided on
 * (accepted, false positive) keeps their decision; a confirming finding always wins over the
 * absence of one.
 */
public final class EvidenceLinker {
  /** Rule id to the finding CWEs (or {@code analyzer:NAME}) that confirm it. */
  static final Map<String, Set<String>> CONFIRMING =
      Map.ofEntries(
          Map.entry("sql-nosql-injection", Set.of("89", "943", "564")),
          Map.entry("cross-site-scripting", Set.of("79", "80")),
          Map.entry("xml-external-entity", Set.of("611", "776")),
          Map.entry("path-traversal", Set.of("22", "23", "73")),
          Map.entry("server-side-request-forgery", Set.of("918")),
          Map.entry("untrusted-deserialization", Set.of("502")),
          Map.entry("ldap-injection", Set.of("90")),
          Map.entry("search-query-injection", Set.of("74", "917")),
          Map.entry("cross-site-request-forgery", Set.of("352")),
          Map.entry("missing-file-validation", Set.of("434")),
          Map.entry("unencrypted-communication", Set.of("319", "295", "297")),
          Map.entry("stride-tampering-data-flow", Set.of("319", "295")),
          Map.entry("missing-authentication", Set.of("306", "287")),
          Map.entry("missing-vault", Set.of("798", "259", "321", "analyzer:secrets")),
          Map.entry("accidental-secret-leak", Set.of("798", "259", "321", "analyzer:secrets")),
          Map.entry("missing-hardening", Set.of("1104", "1395", "analyzer:deps")),
          Map.entry("container-baseimage-backdooring", Set.of("1104", "analyzer:deps")),
          Map.entry("stride-information-disclosure-datastore", Set.of("312", "311", "798")),
          Map.entry("unencrypted-asset", Set.of("311", "312")));

  /**
   * Rules whose control a clean scan can show: the weakness is in the asset's own code and
   * Bulwark's analyzers have rules for it. Transport, hardening and architecture risks are not here
   * because a scan of the code says nothing about them.
   */
  static final Set<String> CHECKED_BY_SCAN =
      Set.of(
          "sql-nosql-injection",
          "cross-site-scripting",
          "xml-external-entity",
          "path-traversal",
          "server-side-request-forgery",
          "untrusted-deserialization",
          "ldap-injection",
          "search-query-injection",
          "accidental-secret-leak");

  /**
   * What a scan looked for: the rules it ran with their CWEs, and whether every analyzer run
   * completed (a failed or skipped run proves nothing about what it did not see).
   */
  public record Coverage(Map<String, Set<String>> cwesByRule, boolean complete) {
    public Coverage {
      cwesByRule = Map.copyOf(cwesByRule);
    }

    /** No scan, or one nothing can be concluded from. */
    public static Coverage none() {
      return new Coverage(Map.of(), false);
    }

    /** The scan's rules filed under any of {@code cwes}, sorted. */
    List<String> rulesFor(Set<String> cwes) {
      return cwesByRule.entrySet().stream()
          .filter(e -> e.getValue().stream().anyMatch(cwes::contains))
          .map(Map.Entry::getKey)
          .sorted()
          .toList();
    }
  }

  private EvidenceLinker() {}

  /** Which assets a finding is in, by the assets' {@code path:} and {@code component:} tags. */
  public static Set<String> assetsOf(ThreatModel model, Finding f) {
    Set<String> out = new HashSet<>();
    for (TechnicalAsset a : model.technicalAssets()) {
      for (String tag : a.tags()) {
        if (tag.startsWith("path:") && inPath(f, tag.substring(5))) {
          out.add(a.id());
        } else if (tag.startsWith("component:") && inComponent(f, tag.substring(10))) {
          out.add(a.id());
        }
      }
    }
    return out;
  }

  private static boolean inPath(Finding f, String prefix) {
    String p = prefix.endsWith("/") || prefix.isEmpty() ? prefix : prefix + "/";
    return f.locations().stream()
        .map(Location::artifactPath)
        .flatMap(java.util.Optional::stream)
        .anyMatch(path -> path.equals(prefix) || path.startsWith(p));
  }

  private static boolean inComponent(Finding f, String purlPrefix) {
    return f.locations().stream()
        .anyMatch(l -> l instanceof Location.Package pkg && pkg.purl().startsWith(purlPrefix));
  }

  public static List<Risk> link(ThreatModel model, List<Risk> risks, List<Finding> findings) {
    return link(model, risks, findings, Coverage.none());
  }

  /** Links findings to risks and, where {@code coverage} shows a clean check, marks mitigation. */
  public static List<Risk> link(
      ThreatModel model, List<Risk> risks, List<Finding> findings, Coverage coverage) {
    List<Risk> out = new ArrayList<>();
    for (Risk r : risks) {
      Set<String> wanted = CONFIRMING.get(r.rule().id());
      if (wanted == null) {
        out.add(r);
        continue;
      }
      String assetId = assetOf(model, r);
      List<Risk.Evidence> evidence = new ArrayList<>(r.evidence());
      for (Finding f : findings) {
        if (assetId == null || !assetsOf(model, f).contains(assetId)) {
          continue;
        }
        String why = null;
        for (String cwe : f.cwes()) {
          if (wanted.contains(cwe)) {
            why = "CWE-" + cwe + " in the code of " + assetId;
          }
        }
        if (why == null && wanted.contains("analyzer:" + f.analyzer())) {
          why = f.analyzer() + " finding in " + assetId;
        }
        if (why != null) {
          evidence.add(
              new Risk.Evidence(
                  f.fingerprint(),
                  f.ruleId(),
                  f.primaryLocation().display(),
                  Risk.Effect.CONFIRMS,
                  why));
        }
      }
      if (evidence.size() == r.evidence().size()) {
        out.add(mitigatedByCleanScan(model, r, assetId, wanted, coverage));
        continue;
      }
      // A finding shows the control missing: a risk the model marks accepted or mitigated is open
      // again, and says why.
      RiskTracking.Status status =
          r.status() == RiskTracking.Status.UNCHECKED || r.status().open()
              ? r.status()
              : RiskTracking.Status.IN_PROGRESS;
      if (status != r.status()) {
        List<Risk.Evidence> reopened = new ArrayList<>();
        for (Risk.Evidence e : evidence) {
          reopened.add(
              e.effect() == Risk.Effect.CONFIRMS && !r.evidence().contains(e)
                  ? new Risk.Evidence(
                      e.fingerprint(),
                      e.ruleId(),
                      e.location(),
                      e.effect(),
                      e.why()
                          + "; the model marks it "
                          + r.status().label()
                          + " but the control is missing")
                  : e);
        }
        evidence = reopened;
      }
      out.add(r.with(Levels.raise(r.likelihood()), status, evidence));
    }
    return out;
  }

  private static Risk mitigatedByCleanScan(
      ThreatModel model, Risk r, String assetId, Set<String> wanted, Coverage coverage) {
    if (!coverage.complete()
        || assetId == null
        || r.status() != RiskTracking.Status.UNCHECKED
        || !CHECKED_BY_SCAN.contains(r.rule().id())) {
      return r;
    }
    List<String> paths =
        model.technicalAssets().stream()
            .filter(a -> a.id().equals(assetId))
            .flatMap(a -> a.tags().stream())
            .filter(t -> t.startsWith("path:"))
            .map(t -> t.substring(5))
            .sorted()
            .toList();
    if (paths.isEmpty()) {
      // The scan cannot have looked at code the model does not point to.
      return r;
    }
    Set<String> cwes = new HashSet<>();
    for (String w : wanted) {
      if (!w.startsWith("analyzer:")) {
        cwes.add("CWE-" + w);
      }
    }
    List<String> checkedBy = coverage.rulesFor(cwes);
    if (checkedBy.isEmpty()) {
      return r;
    }
    List<Risk.Evidence> evidence = new ArrayList<>(r.evidence());
    evidence.add(
        new Risk.Evidence(
            "",
            String.join(",", checkedBy),
            String.join(",", paths),
            Risk.Effect.MITIGATES,
            cwes.stream().sorted().collect(java.util.stream.Collectors.joining("/"))
                + " looked for by "
                + checkedBy.size()
                + " rule(s) in the code of "
                + assetId
                + ", none found"));
    return r.with(r.likelihood(), RiskTracking.Status.MITIGATED, evidence);
  }

  /** The asset whose code a risk is about: the asset itself, or a link's calling side. */
  private static String assetOf(ThreatModel model, Risk r) {
    return switch (r.kind()) {
      case TECHNICAL_ASSET -> r.elementId();
      case COMMUNICATION_LINK ->
          model.links().stream()
              .filter(l -> l.id().equals(r.elementId()))
              .map(CommunicationLink::sourceId)
              .findFirst()
              .orElse(null);
      default -> null;
    };
  }
}
