package dev.bulwark.core.model;

import java.util.Locale;

/** How bad a finding is if it is real, from {@link #CRITICAL} down to {@link #INFO}. */
public enum Severity {
  CRITICAL(9.5),
  HIGH(8.0),
  MEDIUM(5.5),
  LOW(3.0),
  INFO(0.0);

  private final double securitySeverity;

  Severity(double securitySeverity) {
    this.securitySeverity = securitySeverity;
  }

  /** SARIF result level, as code-scanning tools map it: critical/high → error, medium → warning. */
  public String sarifLevel() {
    return switch (this) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** Numeric score in GitHub's {@code security-severity} convention (0–10). */
  public double securitySeverity() {
    return securitySeverity;
  }

  /**
   * The one numeric order of severities, critical highest (4) to info (0): what lists sort by and
   * what the store indexes, so its values never change.
   */
  public int rank() {
    return INFO.ordinal() - ordinal();
  }

  /** The rank of a severity's label; 0, as info, for null or anything not a severity. */
  public static int rankOf(String label) {
    for (Severity s : values()) {
      if (s.label().equals(label)) {
        return s.rank();
      }
    }
    return INFO.rank();
  }

  /** True when this severity is as bad as {@code threshold} or worse. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a severity name case-insensitively; accepts common aliases such as "moderate". */
  public static Severity parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "critical", "crit" -> CRITICAL;
      case "high", "error" -> HIGH;
      case "medium", "moderate", "warning" -> MEDIUM;
      case "low", "note" -> LOW;
      case "info", "informational", "none" -> INFO;
      default ->
          throw new IllegalArgumentException(
              "unknown severity '" + text + "' (expected critical, high, medium, low or info)");
    };
  }
}
