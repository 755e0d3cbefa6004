package dev.bulwark.config.rules;

import dev.bulwark.config.doc.ListNode;
import dev.bulwark.config.doc.MapNode;
import dev.bulwark.config.doc.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A path through a document, written with dots: {@code spec.containers.*.image}. Segments:
 *
 * <ul>
 *   <li>{@code name} — the entry of a map; applied to a list, the entry of each element (so a path
 *       need not say whether nested blocks were written once or many times);
 *   <li>{@code a|b} — either entry;
 *   <li>{@code *} — every value of a map or element of a list;
 *   <li>{@code **} — the node and all its descendants (any depth);
 *   <li>{@code ^} — the parent; {@code $} (first only) — the document root;
 *   <li>{@code .} alone — the node itself.
 * </ul>
 */
public record NodePath(String text, List<String> segments) {
  public NodePath {
    segments = List.copyOf(segments);
  }

  public static NodePath parse(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.equals(".")) {
      return new NodePath(".", List.of());
    }
    List<String> segs = new ArrayList<>();
    for (String s : t.split("\\.")) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty segment in path '" + text + "'");
      }
      segs.add(s);
    }
    for (int k = 1; k < segs.size(); k++) {
      if (segs.get(k).equals("$")) {
        throw new IllegalArgumentException("'$' may only start a path: '" + text + "'");
      }
    }
    return new NodePath(t, segs);
  }

  /** Every node the path reaches from {@code from}, each once, in document order. */
  public List<Node> select(Node from) {
    List<Node> current = List.of(from);
    for (String seg : segments) {
      Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      List<Node> next = new ArrayList<>();
      for (Node n : current) {
        step(n, seg, seen, next);
      }
      current = next;
      if (current.isEmpty()) {
        break;
      }
    }
    return current;
  }

  private static void add(Node n, Set<Node> seen, List<Node> out) {
    if (n != null && seen.add(n)) {
      out.add(n);
    }
  }

  private static void step(Node n, String seg, Set<Node> seen, List<Node> out) {
    switch (seg) {
      case "$" -> add(n.root(), seen, out);
      case "^" -> add(n.parent(), seen, out);
      case "*" -> {
        if (n instanceof MapNode m) {
          m.entries().values().forEach(v -> add(v, seen, out));
        } else if (n instanceof ListNode l) {
          l.items().forEach(v -> add(v, seen, out));
        }
      }
      case "**" -> descendants(n, seen, out);
      default -> {
        if (n instanceof MapNode m) {
          for (String name : seg.split("\\|")) {
            add(m.get(name), seen, out);
          }
        } else if (n instanceof ListNode l) {
          for (Node item : l.items()) {
            step(item, seg, seen, out);
          }
        }
      }
    }
  }

  private static void descendants(Node n, Set<Node> seen, List<Node> out) {
    // iterative, so a deep document cannot overflow the stack
    ArrayList<Node> stack = new ArrayList<>();
    stack.add(n);
    while (!stack.isEmpty()) {
      Node x = stack.remove(stack.size() - 1);
      add(x, seen, out);
      List<Node> children =
          x instanceof MapNode m
              ? new ArrayList<>(m.entries().values())
              : x instanceof ListNode l ? l.items() : List.of();
      for (int k = children.size() - 1; k >= 0; k--) {
        stack.add(children.get(k));
      }
    }
  }
}
