package dev.bulwark.logs.sigma;

import java.util.Locale;

/** A Sigma rule's {@code status}: how far its authors trust it. */
public enum Status {
  STABLE,
  TEST,
  EXPERIMENTAL,
  DEPRECATED,
  UNSUPPORTED;

  /** The name as written in rules. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a status as written; null when absent. */
  static Status parse(String text) throws SigmaException {
    if (text == null) {
      return null;
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (Status s : values()) {
      if (s.yamlName().equals(t)) {
        return s;
      }
    }
    throw new SigmaException(
        "unknown status '" + text + "' (stable, test, experimental, deprecated or unsupported)");
  }
}
