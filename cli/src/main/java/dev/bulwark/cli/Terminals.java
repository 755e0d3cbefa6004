package dev.bulwark.cli;

import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.terminal.Terminal;
import dev.bulwark.core.terminal.TerminalProgress;

/** Progress display for commands: a bar on a terminal's stderr, nothing when piped. */
final class Terminals {
  private Terminals() {}

  /** A progress reporter that is closed (and its line cleared) when the command ends. */
  record ProgressScope(Progress progress, TerminalProgress bar) implements AutoCloseable {
    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  static ProgressScope progress(boolean disabled) {
    Terminal t = Terminal.detect();
    if (disabled || !t.progressOnStderr()) {
      return new ProgressScope(Progress.none(), null);
    }
    TerminalProgress bar = new TerminalProgress(System.err, t.width());
    return new ProgressScope(bar, bar);
  }
}
