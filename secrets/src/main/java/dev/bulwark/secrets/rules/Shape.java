package dev.bulwark.secrets.rules;

/**
 * What must surround a keyword before a rule's regex is worth running. Checked on raw bytes in a
 * few nanoseconds, a shape turns away the many lines where a common word ("key", "token",
 * "password") is not being assigned a value — which is most of them — and keeps the linear but slow
 * NFA of RE2/J for lines that can match.
 */
public enum Shape {
  /** No precondition. */
  ANY,
  /** {@code <identifier with keyword> <op> "literal"}: op is =, :, =>, :=, ??= or ||=. */
  QUOTED_ASSIGNMENT,
  /** {@code <identifier with keyword> <op> value}, the value quoted or not. */
  ASSIGNMENT,
  /** Like ASSIGNMENT, with the identifier first on its line (after export/set/ENV/ARG/-). */
  LINE_ASSIGNMENT,
  /** {@code <identifier with keyword>("literal"}. */
  CALL,
  /** {@code scheme://user:password@host}: after the keyword "://" come user info and an @. */
  URL_USERINFO,
  /** The keyword is the start of a token: token characters follow it directly. */
  TOKEN,
  /** The keyword names an XML element whose text follows: {@code <db.password>value</}. */
  XML_ELEMENT;

  public static Shape parse(String text) {
    return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }

  /**
   * Tests the shape around a keyword at {@code buf[kwStart, kwEnd)}; scans stop at a newline and
   * never leave {@code [lineStart, lineEnd)}, which may be looser bounds than the actual line.
   * {@code minValue} is the shortest value worth a regex run (the value after the operator, the
   * token after the keyword, the element's text).
   */
  public boolean test(
      byte[] buf, int lineStart, int lineEnd, int kwStart, int kwEnd, int minValue) {
    return switch (this) {
      case ANY -> true;
      case QUOTED_ASSIGNMENT ->
          valueLength(
                  buf, lineEnd, afterOperator(buf, lineEnd, identEnd(buf, kwEnd, lineEnd), true))
              >= minValue;
      case ASSIGNMENT ->
          valueLength(
                  buf, lineEnd, afterOperator(buf, lineEnd, identEnd(buf, kwEnd, lineEnd), false))
              >= minValue;
      case LINE_ASSIGNMENT ->
          firstOnLine(buf, lineStart, identStart(buf, kwStart, lineStart))
              && valueLength(
                      buf,
                      lineEnd,
                      afterOperator(buf, lineEnd, identEnd(buf, kwEnd, lineEnd), false))
                  >= minValue;
      case CALL -> call(buf, lineEnd, identEnd(buf, kwEnd, lineEnd));
      case URL_USERINFO -> userinfo(buf, kwEnd, lineEnd);
      case TOKEN -> tokenRun(buf, kwEnd, lineEnd) >= minValue;
      case XML_ELEMENT -> xmlElement(buf, lineStart, lineEnd, kwStart, kwEnd, minValue);
    };
  }

  private static boolean tokenChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '+'
        || c == '/'
        || c == '='
        || c == '.'
        || c == '~';
  }

  /** Length of the run of token characters at {@code i}, after any spaces. */
  private static int tokenRun(byte[] buf, int i, int lineEnd) {
    i = skipSpaces(buf, i, lineEnd);
    int start = i;
    while (i < lineEnd && tokenChar(buf[i] & 0xff)) {
      i++;
    }
    return i - start;
  }

  /** Length of the value starting at {@code i} (-1: no value): up to a quote, space or line end. */
  private static int valueLength(byte[] buf, int lineEnd, int i) {
    if (i < 0) {
      return -1;
    }
    if (i < lineEnd && isQuote(buf[i] & 0xff)) {
      i++;
    }
    int start = i;
    while (i < lineEnd) {
      int c = buf[i] & 0xff;
      if (isQuote(c) || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        break;
      }
      i++;
    }
    return i - start;
  }

  private static boolean xmlElement(
      byte[] buf, int lineStart, int lineEnd, int kwStart, int kwEnd, int minValue) {
    int start = identStart(buf, kwStart, lineStart);
    while (start > lineStart && buf[start - 1] == ':') {
      start = identStart(buf, start - 1, lineStart);
    }
    if (start == lineStart || buf[start - 1] != '<') {
      return false;
    }
    int i = identEnd(buf, kwEnd, lineEnd);
    if (i >= lineEnd || buf[i] != '>') {
      return false;
    }
    int text = i + 1;
    int j = text;
    while (j < lineEnd && buf[j] != '<' && buf[j] != '\n') {
      j++;
    }
    return j - text >= minValue;
  }

  private static boolean identChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.';
  }

  private static int identEnd(byte[] buf, int pos, int lineEnd) {
    int i = pos;
    while (i < lineEnd && identChar(buf[i] & 0xff)) {
      i++;
    }
    return i;
  }

  private static int identStart(byte[] buf, int pos, int lineStart) {
    int i = pos;
    while (i > lineStart && identChar(buf[i - 1] & 0xff)) {
      i--;
    }
    return i;
  }

  private static int skipSpaces(byte[] buf, int i, int end) {
    while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isQuote(int c) {
    return c == '"' || c == '\'' || c == '`';
  }

  /**
   * After the identifier: optional closing quote or ']', an operator, then a (quoted) value;
   * returns where the value starts (at its opening quote, past a string prefix), or -1.
   */
  private static int afterOperator(byte[] buf, int lineEnd, int i, boolean quoted) {
    if (i < lineEnd && (isQuote(buf[i] & 0xff) || buf[i] == ']')) {
      i++;
    }
    i = skipSpaces(buf, i, lineEnd);
    if (i >= lineEnd) {
      return -1;
    }
    int c = buf[i] & 0xff;
    if (c == '=') {
      i++;
      if (i < lineEnd && (buf[i] == '>' || buf[i] == '=')) {
        i++;
      }
    } else if (c == ':') {
      i++;
      if (i < lineEnd && buf[i] == '=') {
        i++;
      }
    } else if ((c == '?' || c == '|') && i + 2 < lineEnd && buf[i + 1] == c && buf[i + 2] == '=') {
      i += 3;
    } else {
      return -1;
    }
    i = skipSpaces(buf, i, lineEnd);
    if (i >= lineEnd) {
      return -1;
    }
    c = buf[i] & 0xff;
    if (quoted) {
      if (i + 1 < lineEnd
          && (c == 'r' || c == 'b' || c == 'u' || c == 'f')
          && isQuote(buf[i + 1] & 0xff)) {
        return i + 1;
      }
      if (c == 'n' && i + 11 < lineEnd && buf[i + 3] == ' ' && buf[i + 4] == 'S') {
        int q = i + 10;
        while (q < lineEnd && !isQuote(buf[q] & 0xff)) {
          q++;
        }
        return q < lineEnd ? q : -1; // new String("…")
      }
      return isQuote(c) ? i : -1;
    }
    return c != '\r' && c != '\n' && c != '$' && c != '(' ? i : -1;
  }

  private static boolean firstOnLine(byte[] buf, int lowerBound, int identStart) {
    int lineStart = identStart;
    while (lineStart > lowerBound && buf[lineStart - 1] != '\n') {
      lineStart--;
    }
    int i = skipSpaces(buf, lineStart, identStart);
    for (String prefix : new String[] {"export ", "set ", "ENV ", "ARG ", "- "}) {
      if (startsWith(buf, i, identStart, prefix)) {
        i = skipSpaces(buf, i + prefix.length(), identStart);
        break;
      }
    }
    return i == identStart;
  }

  private static boolean startsWith(byte[] buf, int i, int end, String s) {
    if (end - i < s.length()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (buf[i + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean call(byte[] buf, int lineEnd, int i) {
    i = skipSpaces(buf, i, lineEnd);
    if (i >= lineEnd || buf[i] != '(') {
      return false;
    }
    i = skipSpaces(buf, i + 1, lineEnd);
    return i < lineEnd && isQuote(buf[i] & 0xff);
  }

  private static boolean userinfo(byte[] buf, int i, int lineEnd) {
    boolean colon = false;
    int limit = Math.min(lineEnd, i + 200);
    for (; i < limit; i++) {
      int c = buf[i] & 0xff;
      if (c == '@') {
        return colon;
      }
      if (c == ':') {
        colon = true;
      } else if (c == '/' || c == ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\t'
          || c == '\n') {
        return false;
      }
    }
    return false;
  }
}
