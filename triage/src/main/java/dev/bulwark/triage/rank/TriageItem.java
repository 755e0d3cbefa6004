package dev.bulwark.triage.rank;

import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Location;
import java.util.Map;

/**
 * What the ranker sees of a finding or an incident: the same fields whether it comes from a new
 * report or from a past verdict, so training and ranking read identical inputs.
 */
public record TriageItem(
    String fingerprint,
    String analyzer,
    String ruleId,
    String severity,
    String confidence,
    String title,
    String message,
    String path,
    String snippet,
    Map<String, String> properties) {

  public TriageItem {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  public static TriageItem of(Label l) {
    return new TriageItem(
        l.fingerprint(),
        l.analyzer(),
        l.ruleId(),
        l.severity(),
        l.confidence(),
        l.title(),
        l.message(),
        l.path(),
        l.snippet(),
        l.properties());
  }

  public static TriageItem of(Finding f) {
    Location loc = f.primaryLocation();
    return new TriageItem(
        f.fingerprint(),
        f.analyzer(),
        f.ruleId(),
        f.severity().label(),
        f.confidence().label(),
        f.title(),
        f.message(),
        loc instanceof Location.File file ? file.path() : loc.display(),
        loc instanceof Location.File file ? file.snippet() : null,
        f.properties());
  }

  /** The text embedded for "similar past verdicts": where, which rule, what it says, the code. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (String s : new String[] {path, ruleId, title, message, snippet}) {
      if (s != null && !s.isBlank()) {
        b.append(s.strip()).append('\n');
      }
    }
    return b.toString();
  }

  /** Severity as a rank, critical highest; unknown severities rank lowest. */
  public int severityRank() {
    return switch (severity == null ? "" : severity) {
      case "critical" -> 4;
      case "high" -> 3;
      case "medium" -> 2;
      case "low" -> 1;
      default -> 0;
    };
  }

  /** Confidence as a rank, high highest. */
  public int confidenceRank() {
    return switch (confidence == null ? "" : confidence) {
      case "high" -> 2;
      case "medium" -> 1;
      default -> 0;
    };
  }
}
