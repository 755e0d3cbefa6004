package dev.bulwark.threatmodel.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON document as a tree whose every node knows its file, line and path, so that an
 * error about a model names where the bad value is.
 */
public sealed interface Tree permits Tree.MapNode, Tree.ListNode, Tree.Scalar {
  String file();

  int line();

  /** A JSON-pointer-like path, e.g. {@code technical_assets/Web Server/technology}. */
  String path();

  default ModelException error(String problem) {
    return new ModelException(file(), line(), path(), problem);
  }

  /** A mapping in document order; keys keep the line they were written on. */
  record MapNode(
      String file, int line, String path, Map<String, Tree> entries, Map<String, Integer> keyLines)
      implements Tree {
    public MapNode {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      keyLines = Collections.unmodifiableMap(new LinkedHashMap<>(keyLines));
    }

    public Tree get(String key) {
      return entries.get(key);
    }

    public int keyLine(String key) {
      return keyLines.getOrDefault(key, line);
    }

    /** A required mapping member. */
    public Tree require(String key) throws ModelException {
      Tree t = entries.get(key);
      if (t == null || t instanceof Scalar s && s.isNull()) {
        throw error("missing '" + key + "'");
      }
      return t;
    }

    public String text(String key, String fallback) throws ModelException {
      Tree t = entries.get(key);
      if (t == null || t instanceof Scalar s && s.isNull()) {
        return fallback;
      }
      if (t instanceof Scalar s) {
        return s.value();
      }
      throw t.error("expected a single value, got a " + t.kind());
    }

    public String requireText(String key) throws ModelException {
      String v = text(key, null);
      if (v == null || v.isBlank()) {
        throw error("missing '" + key + "'");
      }
      return v;
    }

    public boolean bool(String key, boolean fallback) throws ModelException {
      String v = text(key, null);
      if (v == null || v.isEmpty()) {
        return fallback;
      }
      return switch (v) {
        case "true", "True", "TRUE", "yes" -> true;
        case "false", "False", "FALSE", "no" -> false;
        default -> throw entries.get(key).error("expected true or false, got '" + v + "'");
      };
    }

    /** A list of scalars; a missing key or an empty value is the empty list. */
    public List<String> texts(String key) throws ModelException {
      Tree t = entries.get(key);
      if (t == null || t instanceof Scalar s && s.isNull()) {
        return List.of();
      }
      if (t instanceof Scalar s) {
        return List.of(s.value());
      }
      List<String> out = new ArrayList<>();
      for (Tree item : t.asList().items()) {
        if (item instanceof Scalar s) {
          if (!s.isNull()) {
            out.add(s.value());
          }
        } else {
          throw item.error("expected a single value, got a " + item.kind());
        }
      }
      return out;
    }

    /** A member that must be a mapping, or an empty one when absent or null. */
    public MapNode map(String key) throws ModelException {
      Tree t = entries.get(key);
      if (t == null || t instanceof Scalar s && s.isNull()) {
        return new MapNode(file, line, path + "/" + key, Map.of(), Map.of());
      }
      return t.asMap();
    }

    /** A member that must be a list, or an empty one when absent or null. */
    public ListNode list(String key) throws ModelException {
      Tree t = entries.get(key);
      if (t == null || t instanceof Scalar s && s.isNull()) {
        return new ListNode(file, line, path + "/" + key, List.of());
      }
      return t.asList();
    }
  }

  record ListNode(String file, int line, String path, List<Tree> items) implements Tree {
    public ListNode {
      items = List.copyOf(items);
    }
  }

  /** A scalar as written; {@code null} values are kept as {@link #isNull()}. */
  record Scalar(String file, int line, String path, String value, boolean isNull) implements Tree {}

  default String kind() {
    return switch (this) {
      case MapNode m -> "mapping";
      case ListNode l -> "list";
      case Scalar s -> "value";
    };
  }

  default MapNode asMap() throws ModelException {
    if (this instanceof MapNode m) {
      return m;
    }
    throw error("expected a mapping, got a " + kind());
  }

  default ListNode asList() throws ModelException {
    if (this instanceof ListNode l) {
      return l;
    }
    throw error("expected a list, got a " + kind());
  }

  default String asText() throws ModelException {
    if (this instanceof Scalar s && !s.isNull()) {
      return s.value();
    }
    throw error("expected a value, got a " + kind());
  }
}
