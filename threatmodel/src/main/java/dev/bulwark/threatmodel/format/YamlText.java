package dev.bulwark.threatmodel.format;

import java.util.List;

/** Writes YAML by hand: every string double-quoted and escaped, so no value can change type. */
final class YamlText {
  private final StringBuilder out = new StringBuilder();

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  YamlText line(int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
    return this;
  }

  YamlText key(int indent, String key) {
    return line(indent, quote(key) + ":");
  }

  YamlText text(int indent, String key, String value) {
    return line(indent, key + ": " + quote(value));
  }

  YamlText bool(int indent, String key, boolean value) {
    return line(indent, key + ": " + value);
  }

  YamlText plain(int indent, String key, String value) {
    return line(indent, key + ": " + value);
  }

  YamlText list(int indent, String key, List<String> values) {
    if (values.isEmpty()) {
      return line(indent, key + ": []");
    }
    line(indent, key + ":");
    for (String v : values) {
      line(indent + 1, "- " + quote(v));
    }
    return this;
  }

  YamlText blank() {
    out.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
