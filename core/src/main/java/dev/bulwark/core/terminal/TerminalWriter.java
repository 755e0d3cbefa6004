package dev.bulwark.core.terminal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one way Bulwark's commands print to a terminal. The format strings are Bulwark's own; every
 * value put into them — and every line printed whole — is passed through {@link TerminalText}, so
 * nothing read from an input can move the cursor, recolour or hide text, rewrite the clipboard or
 * the window title, or reorder what is shown. Single values are neutralised as one line; text
 * printed whole keeps its line breaks.
 */
public final class TerminalWriter {
  private final Consumer<String> out;
  private final Runnable flush;

  public TerminalWriter(PrintStream out) {
    this.out = out::print;
    this.flush = out::flush;
  }

  /**
   * Prints to a writer, such as a command line's {@code getOut()}; each call is flushed, so what is
   * printed is never left in a buffer when the command ends.
   */
  public TerminalWriter(PrintWriter out) {
    this.out =
        text -> {
          out.print(text);
          out.flush();
        };
    this.flush = out::flush;
  }

  /** Standard output, as it is when the writer is made (tests replace it). */
  public static TerminalWriter stdout() {
    return new TerminalWriter(System.out);
  }

  /** Standard error, as it is when the writer is made. */
  public static TerminalWriter stderr() {
    return new TerminalWriter(System.err);
  }

  /** {@code format} is Bulwark's; each argument is shown as one neutralised line. */
  public TerminalWriter printf(String format, Object... args) {
    return printf(Locale.ROOT, format, args);
  }

  /** As {@link #printf(String, Object...)}, formatting numbers for {@code locale}. */
  public TerminalWriter printf(Locale locale, String format, Object... args) {
    Object[] safe = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      // numbers keep their formatting (%,d); anything else is shown as neutralised text
      safe[i] =
          a == null || a instanceof Number || a instanceof Boolean
              ? a
              : TerminalText.line(a.toString());
    }
    out.accept(String.format(locale, format, safe));
    return this;
  }

  /** Prints text that may span lines, keeping its line breaks, then a line break. */
  public TerminalWriter println(String text) {
    out.accept(TerminalText.block(text) + "\n");
    return this;
  }

  /** A line break. */
  public TerminalWriter println() {
    out.accept("\n");
    return this;
  }

  /** Prints text that may span lines, keeping its line breaks. */
  public TerminalWriter print(String text) {
    out.accept(TerminalText.block(text));
    return this;
  }

  public void flush() {
    flush.run();
  }
}
