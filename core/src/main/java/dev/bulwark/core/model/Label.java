package dev.bulwark.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A verdict on one finding, with the finding's content at the time (so labels stay useful for
 * training after the code moves on) and its provenance: who said it, when, with which Bulwark.
 * {@code confidence} and {@code properties} are the finding's; labels written before they were kept
 * read back with them null and empty.
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
    String tool,
    String confidence,
    Map<String, String> properties) {

  public Label {
    if (fingerprint == null || fingerprint.isBlank()) {
      throw new IllegalArgumentException("a label needs the finding's fingerprint");
    }
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(at, "at");
    properties = properties == null ? Map.of() : new TreeMap<>(properties);
  }

  /** A label without the finding's content: only its fingerprint is known. */
  public static Label bare(
      String fingerprint,
      Verdict verdict,
      String severity,
      String note,
      String by,
      Instant at,
      String tool) {
    return new Label(
        fingerprint,
        verdict,
        severity,
        note,
        null,
        null,
        null,
        null,
        null,
        null,
        by,
        at,
        tool,
        null,
        Map.of());
  }

  /**
   * A verdict on {@code f}, keeping its content; {@code severity} is the team's when it differs
   * from Bulwark's, else null.
   */
  public static Label of(
      Finding f,
      Verdict verdict,
      String severity,
      String note,
      String by,
      Instant at,
      String tool) {
    Location loc = f.primaryLocation();
    // the file the finding is in (a manifest, a log, a mailbox), so the item can be found again
    String path = loc.artifactPath().orElse(loc.display());
    String snippet = loc instanceof Location.File file ? file.snippet() : null;
    return new Label(
        f.fingerprint(),
        verdict,
        severity != null ? severity : f.severity().label(),
        note,
        f.analyzer(),
        f.ruleId(),
        f.title(),
        f.message(),
        path,
        snippet,
        by,
        at,
        tool,
        f.confidence().label(),
        f.properties());
  }
}
