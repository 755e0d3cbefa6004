package dev.bulwark.logs.sigma;

import dev.bulwark.core.model.Severity;
import java.util.Locale;

/** A Sigma rule's {@code level}, and the finding severity it becomes. */
public enum Level {
  INFORMATIONAL(Severity.INFO),
  LOW(Severity.LOW),
  MEDIUM(Severity.MEDIUM),
  HIGH(Severity.HIGH),
  CRITICAL(Severity.CRITICAL);

  private final Severity severity;

  Level(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }

  /** The name as written in rules. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a level named in a setting. */
  public static Level of(String text) {
    try {
      return parse(text);
    } catch (SigmaException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** Parses a level as written ("info" is accepted for informational); null when absent. */
  static Level parse(String text) throws SigmaException {
    if (text == null) {
      return null;
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("info")) {
      return INFORMATIONAL;
    }
    for (Level l : values()) {
      if (l.yamlName().equals(t)) {
        return l;
      }
    }
    throw new SigmaException(
        "unknown level '" + text + "' (informational, low, medium, high or critical)");
  }
}
