package dev.bulwark.attest.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * JSON text exactly as Python's {@code json.dumps} writes it by default ({@code ", "} and {@code ":
 * "} separators, non-ASCII escaped): the platform token's digest of a GPU's claims is taken over
 * that text, so a relying party recomputing it must produce the same bytes.
 */
final class PythonJson {
  private PythonJson() {}

  static String dumps(JsonNode n) {
    StringBuilder out = new StringBuilder();
    write(n, out);
    return out.toString();
  }

  private static void write(JsonNode n, StringBuilder out) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      out.append("null");
    } else if (n.isBoolean()) {
      out.append(n.booleanValue() ? "true" : "false");
    } else if (n.isIntegralNumber()) {
      out.append(n.bigIntegerValue());
    } else if (n.isNumber()) {
      out.append(n.doubleValue());
    } else if (n.isTextual()) {
      string(n.textValue(), out);
    } else if (n.isArray()) {
      out.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        write(n.get(i), out);
      }
      out.append(']');
    } else {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        string(e.getKey(), out);
        out.append(": ");
        write(e.getValue(), out);
      }
      out.append('}');
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
