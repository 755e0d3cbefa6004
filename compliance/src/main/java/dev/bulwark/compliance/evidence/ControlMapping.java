package dev.bulwark.compliance.evidence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Which Bulwark results speak to one control, loaded from {@code mappings/800-53/<control>.yaml}:
 * the analyzers whose completed runs are evidence, how recent a run must be, which open findings
 * make the control not satisfied, and what to run when there is no evidence.
 */
public record ControlMapping(
    String control,
    String title,
    List<String> analyzers,
    @JsonProperty("max-age-days") int maxAgeDays,
    @JsonProperty("fails-when") FailsWhen failsWhen,
    @JsonProperty("what-to-run") String whatToRun) {

  public ControlMapping {
    Objects.requireNonNull(control, "control");
    if (analyzers == null || analyzers.isEmpty()) {
      throw new IllegalArgumentException("mapping " + control + " names no analyzer");
    }
    analyzers = List.copyOf(analyzers);
    if (maxAgeDays <= 0) {
      throw new IllegalArgumentException("mapping " + control + ": max-age-days must be positive");
    }
    Objects.requireNonNull(failsWhen, "fails-when of " + control);
    Objects.requireNonNull(whatToRun, "what-to-run of " + control);
  }

  /**
   * Findings that make the control fail: from one of {@code analyzers}, or (with {@code tagged})
   * any finding whose rule names this control; at or above {@code minSeverity}.
   */
  public record FailsWhen(
      List<String> analyzers,
      @JsonProperty("tagged-with-control") boolean tagged,
      @JsonProperty("min-severity") String minSeverity) {
    public FailsWhen {
      analyzers = analyzers == null ? List.of() : List.copyOf(analyzers);
      Objects.requireNonNull(minSeverity, "min-severity");
    }
  }
}
