package dev.bulwark.core.model;

import java.util.Locale;

/** How sure the analyzer is that a finding is a true positive. */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Confidence parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown confidence '" + text + "' (expected high, medium or low)", e);
    }
  }
}
