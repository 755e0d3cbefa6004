package dev.bulwark.config.parse;

import dev.bulwark.config.doc.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits HCL native syntax into tokens. Quoted templates and heredocs become one token each (their
 * interpolations are kept as text, with nested braces and strings balanced); comments disappear;
 * line breaks are tokens because they end attributes and blocks.
 */
final class HclLexer {
  enum T {
    IDENT,
    NUMBER,
    STRING,
    NEWLINE,
    PUNCT,
    EOF
  }

  /**
   * A token: {@code text} is the source for idents, numbers and punctuation and the decoded value
   * for strings; {@code template} marks a string holding {@code ${…}} or {@code %{…}}.
   */
  record Token(T type, String text, int line, int start, int end, boolean template) {
    boolean is(String punct) {
      return type == T.PUNCT && text.equals(punct);
    }
  }

  private static final String[] PUNCTS = {
    "...", "==", "!=", "<=", ">=", "&&", "||", "=>", "{", "}", "[", "]", "(", ")", "=", ",", ".",
    ":", "?", "!", "<", ">", "+", "-", "*", "/", "%"
  };

  private final String path;
  private final String src;
  private int pos;
  private int line = 1;

  HclLexer(String path, String src) {
    this.path = path;
    this.src = src;
  }

  List<Token> tokens() throws ParseException {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipSpaceAndComments(out);
      if (pos >= src.length()) {
        out.add(new Token(T.EOF, "", line, pos, pos, false));
        return out;
      }
      char c = src.charAt(pos);
      int start = pos;
      int startLine = line;
      if (c == '\n') {
        pos++;
        line++;
        out.add(new Token(T.NEWLINE, "\n", startLine, start, pos, false));
      } else if (Character.isLetter(c) || c == '_') {
        while (pos < src.length() && isIdentPart(src.charAt(pos))) {
          pos++;
        }
        out.add(new Token(T.IDENT, src.substring(start, pos), startLine, start, pos, false));
      } else if (Character.isDigit(c)) {
        while (pos < src.length()
            && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
          // a dot followed by a non-digit is an attribute access on the number, not a fraction
          if (src.charAt(pos) == '.'
              && (pos + 1 >= src.length() || !Character.isDigit(src.charAt(pos + 1)))) {
            break;
          }
          if ((src.charAt(pos) == 'e' || src.charAt(pos) == 'E')
              && pos + 1 < src.length()
              && (src.charAt(pos + 1) == '+' || src.charAt(pos + 1) == '-')) {
            pos++;
          }
          pos++;
        }
        out.add(new Token(T.NUMBER, src.substring(start, pos), startLine, start, pos, false));
      } else if (c == '"') {
        out.add(quoted());
      } else if (c == '<' && src.startsWith("<<", pos) && heredocAhead()) {
        out.add(heredoc());
      } else {
        String p = punct();
        if (p == null) {
          throw new ParseException(path, line, "unexpected character '" + c + "'");
        }
        pos += p.length();
        out.add(new Token(T.PUNCT, p, startLine, start, pos, false));
      }
    }
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private String punct() {
    for (String p : PUNCTS) {
      if (src.startsWith(p, pos)) {
        return p;
      }
    }
    return null;
  }

  private void skipSpaceAndComments(List<Token> out) throws ParseException {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\uFEFF') {
        pos++;
      } else if (c == '#' || src.startsWith("//", pos)) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (src.startsWith("/*", pos)) {
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new ParseException(path, line, "comment /* is never closed");
        }
        for (int i = pos; i < end; i++) {
          if (src.charAt(i) == '\n') {
            line++;
          }
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private Token quoted() throws ParseException {
    int start = pos;
    int startLine = line;
    pos++; // opening quote
    StringBuilder value = new StringBuilder();
    boolean template = false;
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw new ParseException(path, startLine, "string is never closed");
      }
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        break;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        char e = src.charAt(pos + 1);
        switch (e) {
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case 'r' -> value.append('\r');
          case '"' -> value.append('"');
          case '\\' -> value.append('\\');
          case 'u' -> {
            if (pos + 6 > src.length()) {
              throw new ParseException(path, line, "bad \\u escape");
            }
            try {
              value.append((char) Integer.parseInt(src.substring(pos + 2, pos + 6), 16));
            } catch (NumberFormatException ex) {
              throw new ParseException(path, line, "bad \\u escape");
            }
            pos += 4;
          }
          default -> value.append('\\').append(e);
        }
        pos += 2;
        continue;
      }
      if ((c == '$' || c == '%') && src.startsWith("{", pos + 1)) {
        if (pos > 0 && src.startsWith(c + "" + c + "{", pos)) {
          value.append(c).append('{');
          pos += 3;
          continue;
        }
        template = true;
        int end = balancedEnd(pos + 2, startLine);
        value.append(src, pos, end);
        pos = end;
        continue;
      }
      if ((c == '$' || c == '%') && src.startsWith(c + "" + c + "{", pos)) {
        value.append(c).append('{');
        pos += 3;
        continue;
      }
      value.append(c);
      pos++;
    }
    return new Token(T.STRING, value.toString(), startLine, start, pos, template);
  }

  /** The offset after the '}' closing an interpolation whose body starts at {@code from}. */
  private int balancedEnd(int from, int startLine) throws ParseException {
    int depth = 1;
    int p = from;
    while (p < src.length()) {
      char c = src.charAt(p);
      if (c == '\n') {
        line++;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (--depth == 0) {
          return p + 1;
        }
      } else if (c == '"') {
        // a string inside the interpolation
        p++;
        while (p < src.length() && src.charAt(p) != '"') {
          if (src.charAt(p) == '\\') {
            p++;
          } else if (src.charAt(p) == '\n') {
            line++;
          }
          p++;
        }
      }
      p++;
    }
    throw new ParseException(path, startLine, "interpolation ${ is never closed");
  }

  private boolean heredocAhead() {
    int p = pos + 2;
    if (p < src.length() && src.charAt(p) == '-') {
      p++;
    }
    return p < src.length() && (Character.isLetter(src.charAt(p)) || src.charAt(p) == '_');
  }

  private Token heredoc() throws ParseException {
    int start = pos;
    int startLine = line;
    pos += 2;
    boolean indented = false;
    if (src.charAt(pos) == '-') {
      indented = true;
      pos++;
    }
    int markerStart = pos;
    while (pos < src.length() && isIdentPart(src.charAt(pos))) {
      pos++;
    }
    String marker = src.substring(markerStart, pos);
    while (pos < src.length() && src.charAt(pos) != '\n') {
      if (!Character.isWhitespace(src.charAt(pos))) {
        throw new ParseException(path, line, "text after heredoc marker <<" + marker);
      }
      pos++;
    }
    if (pos >= src.length()) {
      throw new ParseException(path, startLine, "heredoc <<" + marker + " is never closed");
    }
    pos++;
    line++;
    List<String> body = new ArrayList<>();
    while (true) {
      if (pos >= src.length()) {
        throw new ParseException(path, startLine, "heredoc <<" + marker + " is never closed");
      }
      int eol = src.indexOf('\n', pos);
      String l = eol < 0 ? src.substring(pos) : src.substring(pos, eol);
      pos = eol < 0 ? src.length() : eol; // the newline after the marker stays a token
      if (l.strip().equals(marker)) {
        break;
      }
      if (eol >= 0) {
        pos++;
        line++;
      }
      body.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
    }
    if (indented) {
      int min = Integer.MAX_VALUE;
      for (String l : body) {
        if (!l.isBlank()) {
          int ind = 0;
          while (ind < l.length() && (l.charAt(ind) == ' ' || l.charAt(ind) == '\t')) {
            ind++;
          }
          min = Math.min(min, ind);
        }
      }
      final int cut = min == Integer.MAX_VALUE ? 0 : min;
      body.replaceAll(l -> l.length() >= cut ? l.substring(cut) : l.strip());
    }
    String text = String.join("\n", body) + (body.isEmpty() ? "" : "\n");
    boolean template = text.contains("${") || text.contains("%{");
    return new Token(T.STRING, text, startLine, start, pos, template);
  }
}
