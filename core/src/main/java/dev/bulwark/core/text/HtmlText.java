package dev.bulwark.core.text;

/** Text placed in HTML by Bulwark's reports: every character with a meaning in markup escaped. */
public final class HtmlText {
  private HtmlText() {}

  /** Escapes {@code < > & " '}; null becomes "". */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
