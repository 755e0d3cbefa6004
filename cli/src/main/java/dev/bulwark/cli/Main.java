package dev.bulwark.cli;

import java.io.PrintWriter;

/** Entry point of the {@code bulwark} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit status. */
  public static int run(String... args) {
    picocli.CommandLine cl = BulwarkCommand.commandLine();
    try {
      return cl.execute(args);
    } finally {
      cl.getOut().flush();
      cl.getErr().flush();
    }
  }

  /**
   * Runs a command line printing to the given writers instead of standard output and error, so that
   * callers (tests among them) can run commands side by side.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    picocli.CommandLine cl = BulwarkCommand.commandLine();
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
