package dev.bulwark.yara.lang;

import dev.bulwark.yara.lang.Token.Kind;
import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * Splits YARA source into tokens. Hex strings are lexed on demand ({@link #hexString}) because a
 * brace opens both a rule body and a hex string; a slash always opens a regular expression since
 * YARA divides with a backslash.
 */
final class Lexer {
  static final Set<String> KEYWORDS =
      Set.of(
          "all",
          "and",
          "any",
          "ascii",
          "at",
          "base64",
          "base64wide",
          "condition",
          "contains",
          "endswith",
          "entrypoint",
          "false",
          "filesize",
          "for",
          "fullword",
          "global",
          "import",
          "icontains",
          "iendswith",
          "iequals",
          "in",
          "include",
          "istartswith",
          "matches",
          "meta",
          "nocase",
          "none",
          "not",
          "of",
          "or",
          "private",
          "rule",
          "startswith",
          "strings",
          "them",
          "true",
          "wide",
          "xor",
          "defined");

  private final String file;
  private final String src;
  private int pos;
  private int line = 1;
  private int lineStart;

  Lexer(String file, String src) {
    this.file = file;
    this.src = src;
  }

  YaraSyntaxException error(int l, int c, String problem) {
    return new YaraSyntaxException(file, l, c, problem);
  }

  private int col() {
    return pos - lineStart + 1;
  }

  private void skipSpace() throws YaraSyntaxException {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0xFEFF) {
        pos++;
      } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '/') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '*') {
        int l = line;
        int cl = col();
        pos += 2;
        while (true) {
          if (pos + 1 >= src.length()) {
            throw error(l, cl, "unterminated comment");
          }
          if (src.charAt(pos) == '*' && src.charAt(pos + 1) == '/') {
            pos += 2;
            break;
          }
          if (src.charAt(pos) == '\n') {
            line++;
            lineStart = pos + 1;
          }
          pos++;
        }
      } else {
        return;
      }
    }
  }

  /** True when the next non-blank character is {@code c} (used to tell a hex string apart). */
  boolean peekChar(char c) throws YaraSyntaxException {
    skipSpace();
    return pos < src.length() && src.charAt(pos) == c;
  }

  private Token tok(Kind k, String text, int l, int c) {
    return new Token(k, text, null, 0, 0, l, c);
  }

  Token next() throws YaraSyntaxException {
    skipSpace();
    int l = line;
    int c = col();
    if (pos >= src.length()) {
      return tok(Kind.EOF, "", l, c);
    }
    char ch = src.charAt(pos);
    if (Character.isLetter(ch) || ch == '_') {
      int s = pos;
      while (pos < src.length() && (isWord(src.charAt(pos)))) {
        pos++;
      }
      String w = src.substring(s, pos);
      if (w.length() > 128) {
        throw error(l, c, "identifier too long: " + w.substring(0, 20) + "…");
      }
      return tok(KEYWORDS.contains(w) ? Kind.KEYWORD : Kind.IDENT, w, l, c);
    }
    if (ch == '$' || ch == '#' || ch == '@' || ch == '!') {
      if (ch == '!' && pos + 1 < src.length() && src.charAt(pos + 1) == '=') {
        pos += 2;
        return tok(Kind.OP, "!=", l, c);
      }
      int s = pos;
      pos++;
      while (pos < src.length() && isWord(src.charAt(pos))) {
        pos++;
      }
      if (ch == '$' && pos < src.length() && src.charAt(pos) == '*') {
        pos++;
      }
      String name = src.substring(s + 1, pos);
      Kind k =
          switch (ch) {
            case '$' -> Kind.STRING_ID;
            case '#' -> Kind.STRING_COUNT;
            case '@' -> Kind.STRING_OFFSET;
            default -> Kind.STRING_LENGTH;
          };
      return tok(k, name, l, c);
    }
    if (Character.isDigit(ch)) {
      return number(l, c);
    }
    if (ch == '"') {
      return text(l, c);
    }
    if (ch == '/') {
      return regex(l, c);
    }
    for (String op :
        new String[] {
          "..", "<<", ">>", "<=", ">=", "==", "!=", "(", ")", "[", "]", "{", "}", ",", ":", "=",
          "<", ">", "+", "-", "*", "\\", "%", "&", "|", "^", "~", ".", "!"
        }) {
      if (src.startsWith(op, pos)) {
        pos += op.length();
        return tok(Kind.OP, op, l, c);
      }
    }
    throw error(l, c, "unexpected character '" + printable(ch) + "'");
  }

  private static String printable(char ch) {
    return ch < 0x20 || ch > 0x7e ? String.format("\\u%04x", (int) ch) : String.valueOf(ch);
  }

  static boolean isWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private Token number(int l, int c) throws YaraSyntaxException {
    int s = pos;
    try {
      if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
        pos += 2;
        int b = pos;
        while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
          pos++;
        }
        return new Token(
            Kind.INT,
            src.substring(s, pos),
            null,
            Long.parseUnsignedLong(src.substring(b, pos), 16),
            0,
            l,
            c);
      }
      if (src.startsWith("0o", pos)) {
        pos += 2;
        int b = pos;
        while (pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7') {
          pos++;
        }
        return new Token(
            Kind.INT,
            src.substring(s, pos),
            null,
            Long.parseLong(src.substring(b, pos), 8),
            0,
            l,
            c);
      }
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
      if (pos + 1 < src.length()
          && src.charAt(pos) == '.'
          && Character.isDigit(src.charAt(pos + 1))) {
        pos++;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
          pos++;
        }
        return new Token(
            Kind.DOUBLE,
            src.substring(s, pos),
            null,
            0,
            Double.parseDouble(src.substring(s, pos)),
            l,
            c);
      }
      long v = Long.parseLong(src.substring(s, pos));
      if (src.startsWith("KB", pos)) {
        pos += 2;
        v = Math.multiplyExact(v, 1024L);
      } else if (src.startsWith("MB", pos)) {
        pos += 2;
        v = Math.multiplyExact(v, 1024L * 1024);
      }
      if (pos < src.length() && isWord(src.charAt(pos))) {
        throw error(l, c, "invalid number '" + src.substring(s, pos + 1) + "'");
      }
      return new Token(Kind.INT, src.substring(s, pos), null, v, 0, l, c);
    } catch (NumberFormatException | ArithmeticException e) {
      throw error(l, c, "integer out of range: " + src.substring(s, pos));
    }
  }

  private Token text(int l, int c) throws YaraSyntaxException {
    pos++;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int s = pos;
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw error(l, c, "unterminated string");
      }
      char ch = src.charAt(pos++);
      if (ch == '"') {
        break;
      }
      if (ch == '\\') {
        if (pos >= src.length()) {
          throw error(l, c, "unterminated string");
        }
        char e = src.charAt(pos++);
        switch (e) {
          case 'n' -> out.write('\n');
          case 't' -> out.write('\t');
          case 'r' -> out.write('\r');
          case '"' -> out.write('"');
          case '\\' -> out.write('\\');
          case 'x' -> {
            if (pos + 2 > src.length()
                || Character.digit(src.charAt(pos), 16) < 0
                || Character.digit(src.charAt(pos + 1), 16) < 0) {
              throw error(line, col(), "illegal escape sequence \\x in string");
            }
            out.write(Integer.parseInt(src.substring(pos, pos + 2), 16));
            pos += 2;
          }
          default -> throw error(line, col() - 2, "illegal escape sequence \\" + e);
        }
      } else {
        byte[] b = String.valueOf(ch).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(ch) && pos < src.length()) {
          b = src.substring(pos - 1, pos + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          pos++;
        }
        out.writeBytes(b);
      }
    }
    return new Token(Kind.TEXT, src.substring(s, pos - 1), out.toByteArray(), 0, 0, l, c);
  }

  private Token regex(int l, int c) throws YaraSyntaxException {
    pos++;
    StringBuilder sb = new StringBuilder();
    boolean inClass = false;
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw error(l, c, "unterminated regular expression");
      }
      char ch = src.charAt(pos++);
      if (ch == '\\') {
        if (pos >= src.length()) {
          throw error(l, c, "unterminated regular expression");
        }
        char n = src.charAt(pos++);
        if (n == '/') {
          sb.append('/');
        } else {
          sb.append('\\').append(n);
        }
        continue;
      }
      if (ch == '[' && !inClass) {
        inClass = true;
        sb.append(ch);
        // a ']' right after '[' or '[^' is a literal
        if (pos < src.length() && src.charAt(pos) == '^') {
          sb.append('^');
          pos++;
        }
        if (pos < src.length() && src.charAt(pos) == ']') {
          sb.append("\\]");
          pos++;
        }
        continue;
      }
      if (ch == ']' && inClass) {
        inClass = false;
      } else if (ch == '/' && !inClass) {
        break;
      }
      sb.append(ch);
    }
    int fs = pos;
    while (pos < src.length() && (src.charAt(pos) == 'i' || src.charAt(pos) == 's')) {
      pos++;
    }
    String flags = src.substring(fs, pos);
    return new Token(
        Kind.REGEX,
        sb.toString(),
        flags.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        0,
        0,
        l,
        c);
  }

  /** Reads a hex string from the opening brace to the closing one; comments inside are dropped. */
  Token hexString() throws YaraSyntaxException {
    skipSpace();
    int l = line;
    int c = col();
    pos++; // '{'
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw error(l, c, "unterminated hex string");
      }
      char ch = src.charAt(pos);
      if (ch == '}') {
        pos++;
        break;
      }
      if (ch == '/'
          && pos + 1 < src.length()
          && (src.charAt(pos + 1) == '/' || src.charAt(pos + 1) == '*')) {
        skipSpace();
        sb.append(' ');
        continue;
      }
      if (ch == '\n') {
        line++;
        lineStart = pos + 1;
      }
      sb.append(ch);
      pos++;
    }
    return tok(Kind.HEX, sb.toString(), l, c);
  }
}
