package dev.bulwark.config.parse;

import dev.bulwark.config.doc.ListNode;
import dev.bulwark.config.doc.MapNode;
import dev.bulwark.config.doc.Node;
import dev.bulwark.config.doc.ParseException;
import dev.bulwark.config.doc.Scalar;
import java.util.Map;

/**
 * Spring Boot settings ({@code application.properties} and {@code application.yml}) as one tree: a
 * dotted key {@code management.endpoints.web.exposure.include} becomes nested maps, the same shape
 * the YAML form has, so one rule reads both. Keys in YAML written with dots ({@code server.ssl:
 * {enabled: false}}) are split the same way.
 */
public final class SpringProperties {
  static final int MAX_LINES = 100_000;

  private SpringProperties() {}

  /**
   * Reads the properties format: {@code key=value}, {@code key: value}, continuations, comments.
   */
  public static MapNode parse(String path, String text) throws ParseException {
    String[] lines = text.split("\r?\n", -1);
    if (lines.length > MAX_LINES) {
      throw new ParseException(path, MAX_LINES, "more than " + MAX_LINES + " lines");
    }
    MapNode root = new MapNode(1);
    for (int i = 0; i < lines.length; i++) {
      int start = i + 1;
      String line = lines[i].stripLeading();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      StringBuilder logical = new StringBuilder();
      while (endsWithOddBackslashes(line) && i + 1 < lines.length) {
        logical.append(line, 0, line.length() - 1);
        line = lines[++i].stripLeading();
      }
      logical.append(line);
      String l = logical.toString();
      int sep = separator(l);
      String key = (sep < 0 ? l : l.substring(0, sep)).strip();
      String value = sep < 0 ? "" : l.substring(sep).strip();
      // "key = value": whitespace, then at most one '=' or ':' separate key from value
      if (value.startsWith("=") || value.startsWith(":")) {
        value = value.substring(1).strip();
      }
      if (key.isEmpty()) {
        throw new ParseException(path, start, "a property without a key");
      }
      put(root, key, start, new Scalar(start, value, Scalar.Type.STRING));
    }
    return root;
  }

  private static boolean endsWithOddBackslashes(String s) {
    int n = 0;
    for (int k = s.length() - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
      n++;
    }
    return n % 2 == 1;
  }

  private static int separator(String l) {
    for (int k = 0; k < l.length(); k++) {
      char c = l.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == '=' || c == ':' || c == ' ' || c == '\t') {
        return k;
      }
    }
    return -1;
  }

  /** The YAML form with dotted keys split into nested maps. */
  public static Node nest(Node yaml) {
    if (!(yaml instanceof MapNode m)) {
      return yaml;
    }
    MapNode root = new MapNode(m.startLine());
    copyInto(root, m);
    return root;
  }

  private static void copyInto(MapNode target, MapNode source) {
    for (Map.Entry<String, Node> e : source.entries().entrySet()) {
      Node v = e.getValue();
      Node copy;
      if (v instanceof MapNode child) {
        MapNode c = new MapNode(child.startLine());
        copyInto(c, child);
        copy = c;
      } else {
        copy = copyLeaf(v);
      }
      put(target, e.getKey(), v.line(), copy);
    }
  }

  private static Node copyLeaf(Node n) {
    return switch (n) {
      case Scalar s -> new Scalar(s.startLine(), s.text(), s.type());
      case ListNode l -> {
        ListNode c = new ListNode(l.startLine());
        l.items().forEach(x -> c.add(x instanceof MapNode mm ? nest(mm) : copyLeaf(x)));
        yield c;
      }
      case MapNode mm -> nest(mm);
    };
  }

  /** Puts {@code value} under a dotted key, creating (or merging into) the maps on the way. */
  private static void put(MapNode root, String dottedKey, int line, Node value) {
    String[] parts = dottedKey.split("\\.");
    MapNode at = root;
    for (int k = 0; k < parts.length - 1; k++) {
      Node next = at.get(parts[k]);
      if (next == null) {
        MapNode created = new MapNode(line);
        at.put(parts[k], line, created);
        next = created;
      }
      if (!(next instanceof MapNode nm)) {
        return; // a.b=1 and a.b.c=2 together: keep the first
      }
      at = nm;
    }
    String last = parts[parts.length - 1];
    Node existing = at.get(last);
    if (existing instanceof MapNode em && value instanceof MapNode vm) {
      for (Map.Entry<String, Node> e : vm.entries().entrySet()) {
        put(em, e.getKey(), e.getValue().line(), detach(e.getValue()));
      }
      return;
    }
    at.put(last, line, value);
  }

  private static Node detach(Node n) {
    return n instanceof MapNode m ? nest(m) : copyLeaf(n);
  }
}
