package dev.bulwark.hygiene.check;

import java.util.Locale;

/**
 * The kind of system a check-up reads: it picks the probes and the fix shown for each check ({@code
 * fix.linux}, {@code fix.macos}, {@code fix.windows} in the catalogue).
 */
public enum Platform {
  LINUX,
  MACOS,
  WINDOWS;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How people name it. */
  public String title() {
    return switch (this) {
      case LINUX -> "Linux";
      case MACOS -> "macOS";
      case WINDOWS -> "Windows";
    };
  }
}
