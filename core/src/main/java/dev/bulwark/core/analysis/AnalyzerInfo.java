package dev.bulwark.core.analysis;

import java.util.Objects;

/** Who an analyzer is: a short id used in findings and options, a name and its phase. */
public record AnalyzerInfo(String id, String name, String description, Phase phase) {
  public AnalyzerInfo {
    if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("analyzer id must be lower-case kebab case, got " + id);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(phase, "phase");
  }
}
