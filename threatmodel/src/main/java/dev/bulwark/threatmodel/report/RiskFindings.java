package dev.bulwark.threatmodel.report;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.threatmodel.model.SourceRef;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.rules.Levels;
import dev.bulwark.threatmodel.rules.Risk;
import dev.bulwark.threatmodel.rules.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Risks as core findings, so every report format and the console show them: the location is the
 * element's line in the model file, the fingerprint the risk's synthetic id.
 */
public final class RiskFindings {
  public static final String ANALYZER = "threatmodel";

  private RiskFindings() {}

  public static List<Finding> of(ThreatModel model, String modelPath, List<Risk> risks) {
    List<Finding> out = new ArrayList<>();
    for (Risk r : risks) {
      SourceRef src = model.source(r.kind(), r.elementId()).orElse(new SourceRef(modelPath, 1));
      String file = src.file().equals(modelPath) || src.file().isEmpty() ? modelPath : src.file();
      StringBuilder msg =
          new StringBuilder(r.rule().title())
              .append(" at ")
              .append(r.kind().label())
              .append(" '")
              .append(r.elementTitle())
              .append("': ")
              .append(r.rule().description());
      msg.append(" Impact ").append(r.impact()).append(", likelihood ").append(r.likelihood());
      msg.append(", status ").append(r.status().label()).append('.');
      if (!r.evidence().isEmpty()) {
        msg.append(" Evidence: ")
            .append(
                r.evidence().stream()
                    .map(RiskFindings::evidenceText)
                    .collect(Collectors.joining("; ")))
            .append('.');
      }
      Finding.Builder b =
          Finding.builder(ANALYZER, r.rule().id())
              .title(r.rule().title())
              .message(msg.toString())
              .severity(Levels.reportSeverity(r.severity()))
              .confidence(r.evidence().isEmpty() ? Confidence.MEDIUM : Confidence.HIGH)
              .location(new Location.File(file.replace('\\', '/'), Region.line(src.line())))
              .taxon(TaxonomyRef.cwe(r.rule().cwe()))
              .remediation(r.rule().mitigation())
              .identity(r.syntheticId())
              .property("threatmodel.risk", r.syntheticId())
              .property("threatmodel.element", r.kind().label() + ":" + r.elementId())
              .property("threatmodel.stride", r.rule().stride().label())
              .property("threatmodel.impact", r.impact())
              .property("threatmodel.likelihood", r.likelihood())
              .property("threatmodel.severity", r.severity())
              .property("threatmodel.status", r.status().label());
      String cited =
          r.evidence().stream()
              .map(Risk.Evidence::fingerprint)
              .filter(fp -> !fp.isEmpty())
              .collect(Collectors.joining(","));
      if (!cited.isEmpty()) {
        b.property("threatmodel.evidence", cited);
      }
      // A clean check cites the scan's rules that looked, not a finding: there is none to cite.
      String checked =
          r.evidence().stream()
              .filter(e -> e.fingerprint().isEmpty())
              .map(e -> e.why() + " (rules " + e.ruleId() + "; code " + e.location() + ")")
              .collect(Collectors.joining("; "));
      if (!checked.isEmpty()) {
        b.property("threatmodel.mitigation", checked);
      }
      r.tracking().ifPresent(t -> b.property("threatmodel.tracking", t.riskId()));
      out.add(b.build());
    }
    return out;
  }

  static String evidenceText(Risk.Evidence e) {
    String effect = e.effect().name().toLowerCase(java.util.Locale.ROOT);
    if (e.fingerprint().isEmpty()) {
      return effect + ": " + e.why() + " (rules " + e.ruleId() + ")";
    }
    return effect + " by " + e.ruleId() + " at " + e.location() + " [" + e.fingerprint() + "]";
  }

  public static List<RuleDescriptor> rules(List<Rule> rules) {
    return rules.stream()
        .map(r ->
            new RuleDescriptor(
                r.id(),
                r.title(),
                r.description().isEmpty() ? r.title() : r.description(),
                r.mitigation(),
                Levels.reportSeverity(
                    Levels.severity(
                        r.impact().get(r.impact().size() - 1).level(),
                        r.likelihood().get(r.likelihood().size() - 1).level())),
                List.of(TaxonomyRef.cwe(r.cwe())),
                List.of("threat-model", "stride:" + r.stride().label())))
        .toList();
  }

  /** Risks per rule, in rule order, rules without risks left out. */
  public static Map<String, Integer> countsByRule(List<Risk> risks) {
    Map<String, Integer> out = new LinkedHashMap<>();
    risks.forEach(r -> out.merge(r.rule().id(), 1, Integer::sum));
    return out;
  }
}
