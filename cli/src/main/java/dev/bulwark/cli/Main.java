package dev.bulwark.cli;

import dev.bulwark.core.terminal.Terminal;
import java.io.PrintWriter;

/** Entry point of the {@code bulwark} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit status. */
  public static int run(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // the version alone needs no command model: answer before picocli reads any annotation
      for (String line : new BulwarkCommand.Version().getVersion()) {
        System.out.println(line);
      }
      return 0;
    }
    if (TopLevelHelp.asks(args)) {
      // nor does the list of commands: picocli's model costs more than everything else here
      System.out.print(TopLevelHelp.render(Terminal.detect().colorOnStdout()));
      System.out.flush();
      return 0;
    }
    picocli.CommandLine cl = BulwarkCommand.commandLine(args);
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
    picocli.CommandLine cl = BulwarkCommand.commandLine(args);
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
