package dev.bulwark.threatmodel.rules;

import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import java.util.List;
import java.util.Objects;

/**
 * One risk rule, read from a YAML file: which elements it looks at, the condition that raises the
 * risk, its STRIDE category and CWE, how impact and likelihood are rated, and the mitigation.
 */
public record Rule(
    String id,
    String title,
    Stride stride,
    int cwe,
    Kind match,
    Condition when,
    List<Rating> impact,
    List<Rating> likelihood,
    String description,
    String mitigation,
    String file) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(stride, "stride of " + id);
    Objects.requireNonNull(match, "match of " + id);
    Objects.requireNonNull(when, "when of " + id);
    impact = List.copyOf(impact);
    likelihood = List.copyOf(likelihood);
  }

  /** A level chosen when its condition holds; the last entry of a list has none. */
  public record Rating(Condition when, String level) {}

  /** STRIDE threat categories. */
  public enum Stride {
    SPOOFING("spoofing"),
    TAMPERING("tampering"),
    REPUDIATION("repudiation"),
    INFORMATION_DISCLOSURE("information-disclosure"),
    DENIAL_OF_SERVICE("denial-of-service"),
    ELEVATION_OF_PRIVILEGE("elevation-of-privilege");

    private final String label;

    Stride(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static java.util.Optional<Stride> parse(String s) {
      for (Stride v : values()) {
        if (v.label.equals(s)) {
          return java.util.Optional.of(v);
        }
      }
      return java.util.Optional.empty();
    }
  }
}
