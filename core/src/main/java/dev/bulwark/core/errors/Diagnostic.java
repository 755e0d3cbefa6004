package dev.bulwark.core.errors;

import java.util.Objects;

/**
 * Something a scan wants a person to know that is not a finding: an unreadable file, a skipped
 * archive, a rule that failed to load. Diagnostics never stop a scan.
 */
public record Diagnostic(Level level, String source, String path, String message) {

  /** How much the diagnostic matters; {@link #ERROR} means some input was not analysed. */
  public enum Level {
    ERROR,
    WARNING,
    NOTE
  }

  public Diagnostic {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic error(String source, String path, String message) {
    return new Diagnostic(Level.ERROR, source, path, message);
  }

  public static Diagnostic warning(String source, String path, String message) {
    return new Diagnostic(Level.WARNING, source, path, message);
  }

  public static Diagnostic note(String source, String path, String message) {
    return new Diagnostic(Level.NOTE, source, path, message);
  }

  public String display() {
    return (path == null || path.isEmpty() ? "" : path + ": ") + message + " [" + source + "]";
  }
}
