package dev.bulwark.yara.lang;

/**
 * One lexical token of a rule file. {@code text} is the identifier, keyword or operator as written;
 * {@code bytes} the decoded value of a text string; {@code number} of an integer.
 */
record Token(Kind kind, String text, byte[] bytes, long number, double real, int line, int column) {
  enum Kind {
    IDENT,
    KEYWORD,
    STRING_ID, // $a, $a*, $
    STRING_COUNT, // #a
    STRING_OFFSET, // @a
    STRING_LENGTH, // !a
    INT,
    DOUBLE,
    TEXT,
    REGEX, // text = pattern, bytes = flags as ASCII
    HEX, // text = body between the braces
    OP,
    EOF
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isOp(String t) {
    return kind == Kind.OP && text.equals(t);
  }

  boolean isKeyword(String t) {
    return kind == Kind.KEYWORD && text.equals(t);
  }

  String describe() {
    return switch (kind) {
      case EOF -> "end of file";
      case TEXT -> "a text string";
      case REGEX -> "a regular expression";
      case HEX -> "a hex string";
      default -> "'" + text + "'";
    };
  }
}
