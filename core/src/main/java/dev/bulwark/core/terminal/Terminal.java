package dev.bulwark.core.terminal;

import java.util.Map;

/**
 * What Bulwark knows about where its output goes. The JVM cannot ask whether stderr is a terminal,
 * so the {@code bulwark} launcher tells it through {@code BULWARK_STDOUT_TTY} and {@code
 * BULWARK_STDERR_TTY}; without the launcher, a console means both are terminals.
 */
public record Terminal(boolean stdoutTty, boolean stderrTty, boolean noColor, int width) {

  public static Terminal detect() {
    return detect(System.getenv(), System.console() != null);
  }

  static Terminal detect(Map<String, String> env, boolean hasConsole) {
    boolean out = flag(env.get("BULWARK_STDOUT_TTY"), hasConsole);
    boolean err = flag(env.get("BULWARK_STDERR_TTY"), hasConsole);
    boolean noColor = env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty();
    int width = 100;
    try {
      if (env.containsKey("COLUMNS")) {
        width = Math.max(40, Integer.parseInt(env.get("COLUMNS").trim()));
      }
    } catch (NumberFormatException e) {
      // keep the default width
    }
    return new Terminal(out, err, noColor, width);
  }

  private static boolean flag(String value, boolean fallback) {
    return value == null ? fallback : value.equals("1") || value.equalsIgnoreCase("true");
  }

  /** Colour on stdout only for a terminal, and never when NO_COLOR is set. */
  public boolean colorOnStdout() {
    return stdoutTty && !noColor;
  }

  /** A progress bar only when stderr is a terminal. */
  public boolean progressOnStderr() {
    return stderrTty;
  }
}
