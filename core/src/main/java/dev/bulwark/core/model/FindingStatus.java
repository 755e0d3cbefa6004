package dev.bulwark.core.model;

import java.util.Locale;

/**
 * Where a finding stands across scans of a project: open while scans still report it, fixed once a
 * scan of the same analyzers no longer does (and open again if it comes back).
 */
public enum FindingStatus {
  OPEN,
  FIXED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named exactly by its label ({@code open}, {@code fixed}). */
  public static FindingStatus parse(String label) {
    for (FindingStatus s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status must be open or fixed, got '" + label + "'");
  }
}
