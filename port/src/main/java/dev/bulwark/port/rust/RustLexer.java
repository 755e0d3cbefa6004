package dev.bulwark.port.rust;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Rust source into tokens: identifiers and keywords, literals, punctuation. Comments (nested
 * block comments included), string, byte-string, raw-string and character literals are consumed
 * whole, so a word inside them is never mistaken for code.
 */
public final class RustLexer {

  public enum Kind {
    IDENT,
    LITERAL,
    PUNCT,
    LIFETIME
  }

  /** A token with its offsets in the source and its 1-based line. */
  public record Token(Kind kind, String text, int start, int end, int line) {
    public boolean is(String s) {
      return text.equals(s);
    }
  }

  /** Raised on input that is not lexically Rust (an unterminated comment or literal). */
  public static final class LexException extends Exception {
    private static final long serialVersionUID = 1L;

    public LexException(String message) {
      super(message);
    }
  }

  private final String s;
  private int i;
  private int line = 1;

  private RustLexer(String s) {
    this.s = s;
  }

  public static List<Token> lex(String source) throws LexException {
    return new RustLexer(source).run();
  }

  private List<Token> run() throws LexException {
    List<Token> out = new ArrayList<>();
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && peek(1) == '/') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && peek(1) == '*') {
        blockComment();
      } else if (c == 'r'
          && (peek(1) == '"' || peek(1) == '#' && (peek(2) == '"' || peek(2) == '#'))) {
        out.add(rawString(i, 1));
      } else if (c == 'b' && peek(1) == 'r' && (peek(2) == '"' || peek(2) == '#')) {
        out.add(rawString(i, 2));
      } else if (c == 'b' && peek(1) == '"') {
        out.add(quoted(i, i + 1, '"'));
      } else if (c == 'b' && peek(1) == '\'') {
        out.add(quoted(i, i + 1, '\''));
      } else if (c == '"') {
        out.add(quoted(i, i, '"'));
      } else if (c == '\'') {
        out.add(charOrLifetime());
      } else if (Character.isLetter(c) || c == '_') {
        int st = i;
        if (c == 'r' && peek(1) == '#') {
          i += 2;
        }
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        String text = s.substring(st, i);
        // r#unsafe is an identifier named "unsafe", not the keyword
        out.add(new Token(Kind.IDENT, text, st, i, line));
      } else if (Character.isDigit(c)) {
        int st = i;
        while (i < s.length()
            && (Character.isLetterOrDigit(s.charAt(i))
                || s.charAt(i) == '_'
                || s.charAt(i) == '.'
                    && i + 1 < s.length()
                    && Character.isDigit(s.charAt(i + 1)))) {
          i++;
        }
        out.add(new Token(Kind.LITERAL, s.substring(st, i), st, i, line));
      } else {
        out.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1, line));
        i++;
      }
    }
    return out;
  }

  private char peek(int k) {
    return i + k < s.length() ? s.charAt(i + k) : '\0';
  }

  private void blockComment() throws LexException {
    int startLine = line;
    int depth = 0;
    while (i < s.length()) {
      if (s.charAt(i) == '/' && peek(1) == '*') {
        depth++;
        i += 2;
      } else if (s.charAt(i) == '*' && peek(1) == '/') {
        depth--;
        i += 2;
        if (depth == 0) {
          return;
        }
      } else {
        if (s.charAt(i) == '\n') {
          line++;
        }
        i++;
      }
    }
    throw new LexException("unterminated block comment starting on line " + startLine);
  }

  private Token rawString(int st, int prefix) throws LexException {
    int startLine = line;
    i = st + prefix;
    int hashes = 0;
    while (peek(0) == '#') {
      hashes++;
      i++;
    }
    if (peek(0) != '"') {
      throw new LexException("malformed raw string on line " + line);
    }
    i++;
    String close = "\"" + "#".repeat(hashes);
    int end = s.indexOf(close, i);
    if (end < 0) {
      throw new LexException("unterminated raw string starting on line " + startLine);
    }
    for (int k = i; k < end; k++) {
      if (s.charAt(k) == '\n') {
        line++;
      }
    }
    i = end + close.length();
    return new Token(Kind.LITERAL, s.substring(st, i), st, i, startLine);
  }

  private Token quoted(int st, int open, char q) throws LexException {
    int startLine = line;
    i = open + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\n') {
        line++;
      }
      i++;
      if (c == q) {
        return new Token(Kind.LITERAL, s.substring(st, i), st, i, startLine);
      }
    }
    throw new LexException("unterminated literal starting on line " + startLine);
  }

  private Token charOrLifetime() throws LexException {
    int st = i;
    // 'a' or '\n' is a char; 'a without a closing quote is a lifetime or label
    if (peek(1) == '\\') {
      return quoted(st, st, '\'');
    }
    if (peek(2) == '\'') {
      i += 3;
      return new Token(Kind.LITERAL, s.substring(st, i), st, i, line);
    }
    int cp = s.codePointAt(i + 1);
    int after = i + 1 + Character.charCount(cp);
    if (after < s.length() && s.charAt(after) == '\'') {
      i = after + 1;
      return new Token(Kind.LITERAL, s.substring(st, i), st, i, line);
    }
    i++;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    return new Token(Kind.LIFETIME, s.substring(st, i), st, i, line);
  }
}
