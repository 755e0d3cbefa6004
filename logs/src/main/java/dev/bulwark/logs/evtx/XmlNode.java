package dev.bulwark.logs.evtx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An element of an event's XML: name, attributes in document order, child elements and text.
 * Mutable while the binary XML is being rendered; read-only afterwards by convention.
 */
public final class XmlNode {
  final String name;
  final Map<String, String> attributes = new LinkedHashMap<>(4);
  final List<XmlNode> children = new ArrayList<>(4);
  StringBuilder text;

  XmlNode(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public Map<String, String> attributes() {
    return attributes;
  }

  public List<XmlNode> children() {
    return children;
  }

  /** The element's own text (concatenated character data), empty when none. */
  public String text() {
    return text == null ? "" : text.toString();
  }

  void appendText(String s) {
    if (text == null) {
      text = new StringBuilder(s);
    } else {
      text.append(s);
    }
  }

  public XmlNode child(String childName) {
    for (XmlNode c : children) {
      if (c.name.equals(childName)) {
        return c;
      }
    }
    return null;
  }

  /** The element as indented XML, in the layout of libevtx's evtxexport. */
  public String toXml() {
    StringBuilder b = new StringBuilder();
    write(b, 0);
    return b.toString();
  }

  private void write(StringBuilder b, int depth) {
    b.append("  ".repeat(depth)).append('<').append(name);
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      b.append(' ').append(a.getKey()).append("=\"").append(escape(a.getValue(), true)).append('"');
    }
    if (children.isEmpty() && (text == null || text.isEmpty())) {
      b.append("/>\n");
      return;
    }
    b.append('>');
    if (!children.isEmpty()) {
      b.append('\n');
      for (XmlNode c : children) {
        c.write(b, depth + 1);
      }
      b.append("  ".repeat(depth));
    } else {
      b.append(escape(text.toString(), false));
    }
    b.append("</").append(name).append(">\n");
  }

  static String escape(String s, boolean attribute) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> attribute ? "&quot;" : null;
            default -> null;
          };
      if (rep != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }
}
