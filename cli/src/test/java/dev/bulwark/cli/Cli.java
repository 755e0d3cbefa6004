package dev.bulwark.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the CLI in-process and captures what it prints through the command line's own writers, so
 * tests never swap {@code System.out} and may run side by side.
 */
final class Cli {
  record Result(int exit, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(exit, out.toString(), err.toString());
  }
}
