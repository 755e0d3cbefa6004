package dev.bulwark.ai.label;

import java.time.Instant;
import java.util.Objects;

/**
 * A verdict on one finding, with the finding's content at the time (so labels stay useful for
 * training after the code moves on) and its provenance: who said it, when, with which Bulwark.
 */
public record Label(
    String fingerprint,
    Verdict verdict,
    String severity,
    String note,
    String analyzer,
    String ruleId,
    String title,
    String message,
    String path,
    String snippet,
    String by,
    Instant at,
    String tool) {

  public Label {
    if (fingerprint == null || fingerprint.isBlank()) {
      throw new IllegalArgumentException("a label needs the finding's fingerprint");
    }
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(at, "at");
  }
}
