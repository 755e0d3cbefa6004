package dev.bulwark.logs.hunt;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.TaxonomyRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Detections as Bulwark findings: the log file as artifact, the record id and rule author kept. */
public final class Findings {
  public static final String ANALYZER = "logs";

  private Findings() {}

  public static Finding of(Detection d, Incident incident) {
    String ruleId = ruleId(d);
    StringBuilder message = new StringBuilder(d.ruleTitle());
    if (d.summary() != null) {
      message.append(": ").append(d.summary());
    }
    if (d.host() != null) {
      message.append(" on ").append(d.host());
    }
    if (d.user() != null && !EventFacts.anonymous(d.user())) {
      message.append(" as ").append(d.user());
    }
    Finding.Builder b =
        Finding.builder(ANALYZER, ruleId)
            .title(d.ruleTitle())
            .message(message.toString())
            .severity(d.severity())
            .confidence(
                d.rule().status() == dev.bulwark.logs.sigma.Status.STABLE
                    ? Confidence.HIGH
                    : Confidence.MEDIUM)
            .location(
                new Location.LogEvent(d.source(), d.recordId(), d.time(), d.channel(), d.host()))
            .property("author", d.rule().author())
            .property("level", d.rule().level() == null ? null : d.rule().level().yamlName())
            .property("eventId", d.eventId())
            .property("user", d.user())
            .property("tactics", d.tactics().isEmpty() ? null : String.join(",", d.tactics()))
            .property("incident", incident == null ? null : incident.id())
            .property("ruleSource", d.rule().path())
            .identity(d.source())
            .identity(String.valueOf(d.recordId()));
    for (String t : d.techniques()) {
      b.taxon(new TaxonomyRef(TaxonomyRef.Taxonomy.ATTACK, t));
    }
    for (Detection m : d.members()) {
      b.location(new Location.LogEvent(m.source(), m.recordId(), m.time(), m.channel(), m.host()));
    }
    String cmd = EventFacts.field(d.fields(), "CommandLine");
    b.property("commandLine", cmd);
    return b.build();
  }

  /** A stable rule id: the Sigma id when present, else the rule's name or title. */
  public static String ruleId(Detection d) {
    if (d.rule().id() != null) {
      return "sigma-" + d.rule().id();
    }
    String n = d.rule().name() != null ? d.rule().name() : d.ruleTitle();
    return "sigma-" + n.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  static final String DRL =
      "Detection Rule License 1.1, https://github.com/SigmaHQ/Detection-Rule-License";

  /** Whether a rule came from outside Bulwark (SigmaHQ or the user's own), not its own pack. */
  static boolean external(Detection d) {
    return d.rule().path() == null || !d.rule().path().startsWith("builtin:");
  }

  /**
   * The attribution the Detection Rule License asks for, when rules from outside Bulwark fired: the
   * licence and the authors of those rules. Null when only Bulwark's own rules fired.
   */
  public static String attribution(List<Detection> detections) {
    Map<String, Integer> authors = new LinkedHashMap<>();
    for (Detection d : detections) {
      if (external(d)) {
        authors.merge(d.rule().author() == null ? "unknown" : d.rule().author(), 1, Integer::sum);
      }
    }
    if (authors.isEmpty()) {
      return null;
    }
    List<String> top =
        authors.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(5)
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .toList();
    return "Sigma rules by their authors, shared under the "
        + DRL
        + "; rule authors of these detections: "
        + String.join("; ", top)
        + (authors.size() > 5 ? "; and " + (authors.size() - 5) + " more (in the reports)" : "");
  }

  /** Descriptors for the rules that fired, for SARIF's rule metadata. */
  public static List<RuleDescriptor> descriptors(List<Detection> detections) {
    Map<String, RuleDescriptor> out = new LinkedHashMap<>();
    for (Detection d : detections) {
      out.computeIfAbsent(
          ruleId(d),
          id -> {
            List<TaxonomyRef> taxa = new ArrayList<>();
            d.techniques().forEach(t -> taxa.add(new TaxonomyRef(TaxonomyRef.Taxonomy.ATTACK, t)));
            String author = d.rule().author() == null ? "unknown" : d.rule().author();
            String help =
                (d.rule().description() == null ? d.ruleTitle() : d.rule().description())
                    + "\n\nRule author: "
                    + author
                    + (d.rule().path() != null && !d.rule().path().startsWith("builtin:")
                        ? "\nRule: " + d.rule().path() + " (shared under the " + DRL + ")"
                        : "")
                    + (d.rule().falsepositives().isEmpty()
                        ? ""
                        : "\nFalse positives: " + String.join("; ", d.rule().falsepositives()));
            // the short description is what HTML reports show: it carries the attribution too
            String shortDescription =
                external(d)
                    ? d.ruleTitle() + " (Sigma rule by " + author + "; " + DRL + ")"
                    : d.ruleTitle();
            return new RuleDescriptor(
                id, d.ruleTitle(), shortDescription, help, d.severity(), taxa, d.rule().tags());
          });
    }
    return List.copyOf(out.values());
  }
}
