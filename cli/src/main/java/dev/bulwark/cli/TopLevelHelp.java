package dev.bulwark.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The usage text of {@code bulwark --help}, written without picocli.
 *
 * <p>picocli's jar is compiled for Java 5, so the JVM can neither archive its classes (CDS, AOT
 * cache) nor verify them with the fast verifier, and building any picocli command model costs about
 * 0.15 CPU-seconds before the first line is printed. The top-level help needs nothing of that: it
 * is the list in {@link BulwarkCommand#COMMANDS} laid out the way picocli lays it out (a test
 * compares the two, plain and in colour, so they cannot drift apart).
 */
final class TopLevelHelp {
  /** picocli's default usage width. */
  static final int WIDTH = 80;

  private static final String BOLD = "\u001B[1m";
  private static final String BOLD_OFF = "\u001B[21m\u001B[0m";
  private static final String YELLOW = "\u001B[33m";
  private static final String YELLOW_OFF = "\u001B[39m\u001B[0m";

  private TopLevelHelp() {}

  /**
   * Whether these arguments ask for the top-level help alone: no arguments, {@code -h}, {@code
   * --help} or {@code help}.
   */
  static boolean asks(String... args) {
    if (args.length == 0) {
      return true;
    }
    return args.length == 1
        && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"));
  }

  /** The help text for the built-in command list. */
  static String render(boolean ansi) {
    List<String[]> rows = new ArrayList<>();
    for (BulwarkCommand.Entry e : BulwarkCommand.COMMANDS) {
      rows.add(new String[] {e.name(), e.summary()});
    }
    rows.add(new String[] {"help", BulwarkCommand.HELP_SUMMARY});
    return render(rows, ansi);
  }

  /** The help text for these (name, summary) rows; separate so tests can try other lists. */
  static String render(List<String[]> commands, boolean ansi) {
    String nl = System.lineSeparator();
    StringBuilder b = new StringBuilder();
    b.append("Usage: ")
        .append(bold(BulwarkCommand.NAME, ansi))
        .append(" [")
        .append(yellow("-hV", ansi))
        .append("] [COMMAND]")
        .append(nl);
    b.append(BulwarkCommand.DESCRIPTION).append(nl);
    b.append("  ")
        .append(yellow("-h", ansi))
        .append(", ")
        .append(yellow("--help", ansi))
        .append("      Show this help message and exit.")
        .append(nl);
    b.append("  ")
        .append(yellow("-V", ansi))
        .append(", ")
        .append(yellow("--version", ansi))
        .append("   Print version information and exit.")
        .append(nl);
    b.append("Commands:").append(nl);
    int nameWidth = 0;
    for (String[] c : commands) {
      nameWidth = Math.max(nameWidth, c[0].length());
    }
    // picocli's command list: two spaces, the name padded to the longest plus two spaces, then the
    // summary wrapped at the usage width with continuation lines indented two more
    int textColumn = 2 + nameWidth + 2;
    for (String[] c : commands) {
      List<String> lines = wrap(c[1], WIDTH - textColumn, WIDTH - textColumn - 2);
      b.append("  ").append(bold(c[0], ansi)).append(" ".repeat(textColumn - 2 - c[0].length()));
      for (int i = 0; i < lines.size(); i++) {
        if (i > 0) {
          b.append(" ".repeat(textColumn + 2));
        }
        b.append(lines.get(i)).append(nl);
      }
    }
    for (String f : BulwarkCommand.FOOTER) {
      b.append(f).append(nl);
    }
    return b.toString();
  }

  /**
   * Greedy word wrap as picocli does it: the first line holds {@code first} columns, the others
   * {@code rest}, and every word but the text's last needs room for the space after it.
   */
  private static List<String> wrap(String text, int first, int rest) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int limit = first;
    String[] words = text.split(" ");
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      int needed = line.length() + 1 + word.length() + (i == words.length - 1 ? 0 : 1);
      if (line.length() > 0 && needed > limit) {
        lines.add(line.toString());
        line.setLength(0);
        limit = rest;
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String bold(String s, boolean ansi) {
    return ansi ? BOLD + s + BOLD_OFF : s;
  }

  private static String yellow(String s, boolean ansi) {
    return ansi ? YELLOW + s + YELLOW_OFF : s;
  }
}
