package dev.bulwark.port.translate;

import java.util.Locale;
import java.util.Set;

/** C identifiers as Rust identifiers: snake case for values, raw identifiers for keywords. */
public final class Names {
  private static final Set<String> KEYWORDS =
      Set.of(
          "as",
          "break",
          "const",
          "continue",
          "crate",
          "else",
          "enum",
          "extern",
          "false",
          "fn",
          "for",
          "if",
          "impl",
          "in",
          "let",
          "loop",
          "match",
          "mod",
          "move",
          "mut",
          "pub",
          "ref",
          "return",
          "self",
          "Self",
          "static",
          "struct",
          "super",
          "trait",
          "true",
          "type",
          "unsafe",
          "use",
          "where",
          "while",
          "async",
          "await",
          "dyn",
          "abstract",
          "become",
          "box",
          "do",
          "final",
          "macro",
          "override",
          "priv",
          "typeof",
          "unsized",
          "virtual",
          "yield",
          "try");

  private Names() {}

  public static String ident(String c) {
    String s = snake(c);
    return KEYWORDS.contains(s) ? "r#" + s : s;
  }

  public static String constant(String c) {
    return snake(c).toUpperCase(Locale.ROOT);
  }

  static String snake(String c) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      if (Character.isUpperCase(ch)) {
        boolean prevLower =
            i > 0 && (Character.isLowerCase(c.charAt(i - 1)) || Character.isDigit(c.charAt(i - 1)));
        boolean nextLower = i + 1 < c.length() && Character.isLowerCase(c.charAt(i + 1));
        boolean prevUpper = i > 0 && Character.isUpperCase(c.charAt(i - 1));
        if (i > 0 && c.charAt(i - 1) != '_' && (prevLower || (prevUpper && nextLower))) {
          out.append('_');
        }
        out.append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  /** A C array size as a Rust constant expression (suffixes dropped). */
  public static String constExpr(String size) {
    if (size == null) {
      throw new Unsupported("an array of unknown size");
    }
    return size.replaceAll("(?i)(\\d)[ul]+\\b", "$1").replaceAll("\\s+", " ").strip();
  }
}
