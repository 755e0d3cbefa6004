package dev.bulwark.core.terminal;

/**
 * Text that came from an input — a file name, a line of a file, a mail header, a log's host name or
 * command line — made safe to print on a terminal. Control characters (C0 and C1, DEL, so every
 * escape sequence: colours, cursor movement, OSC 52 clipboard writes, window titles), bidirectional
 * overrides and isolates (the "Trojan Source" characters) and invisible separators are shown as
 * visible escapes ({@code \x1b}, {@code \u202e}) instead of acting on the terminal. Everything
 * else, including non-Latin text, passes unchanged.
 */
public final class TerminalText {
  private TerminalText() {}

  /** One line: line breaks and tabs are shown as escapes too, so a value cannot forge lines. */
  public static String line(String s) {
    return neutralise(s, false);
  }

  /**
   * Several lines (a snippet, a diff, a narrative): line feeds and tabs are kept, a carriage return
   * before a line feed is dropped, every other control is shown as an escape.
   */
  public static String block(String s) {
    return neutralise(s, true);
  }

  /** Whether a character acts on a terminal or hides text, rather than being shown. */
  public static boolean unsafe(int cp) {
    return cp < 0x20
        || cp == 0x7f
        || (cp >= 0x80 && cp <= 0x9f)
        || cp == 0x061c
        || (cp >= 0x200b && cp <= 0x200f)
        || (cp >= 0x2028 && cp <= 0x202e)
        || (cp >= 0x2060 && cp <= 0x2069)
        || cp == 0xfeff;
  }

  private static String neutralise(String s, boolean multiLine) {
    if (s == null) {
      return "null";
    }
    int n = s.length();
    int i = 0;
    while (i < n && !unsafe(s.charAt(i)) && !Character.isSurrogate(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
    while (i < n) {
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      if (multiLine && (cp == '\n' || cp == '\t')) {
        b.append((char) cp);
      } else if (multiLine && cp == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
        // CRLF line ends read as plain line ends
      } else if (cp == '\n') {
        b.append("\\n");
      } else if (cp == '\r') {
        b.append("\\r");
      } else if (cp == '\t') {
        b.append("\\t");
      } else if (cp < 0x80 && unsafe(cp)) {
        b.append(String.format("\\x%02x", cp));
      } else if (unsafe(cp) || (len == 1 && Character.isSurrogate((char) cp))) {
        b.append(String.format("\\u%04x", cp));
      } else {
        b.appendCodePoint(cp);
      }
      i += len;
    }
    return b.toString();
  }
}
