package dev.bulwark.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The keys a part of {@code bulwark.yaml} may hold, declared by the module that reads it next to
 * its settings record, so that a misspelt key ({@code secrets.alowlist}) is an error naming the
 * file and line instead of a setting silently ignored.
 *
 * <pre>{@code
 * static final ConfigShape KEYS =
 *     ConfigShape.keys("disable", "rules")
 *         .with("allowlist", ConfigShape.keys("paths", "values"));
 * }</pre>
 */
public final class ConfigShape {
  private enum Kind {
    /** A scalar or a list of scalars: nothing to check inside. */
    VALUE,
    /** A mapping with declared keys. */
    KEYS,
    /** A mapping whose keys are the user's own names (placeholders, prices by name …). */
    FREE,
    /** A list whose items each have one shape. */
    LIST
  }

  private static final ConfigShape VALUE = new ConfigShape(Kind.VALUE, Map.of(), null);
  private static final ConfigShape FREE = new ConfigShape(Kind.FREE, Map.of(), null);

  private final Kind kind;
  private final Map<String, ConfigShape> keys;
  private final ConfigShape item;

  private ConfigShape(Kind kind, Map<String, ConfigShape> keys, ConfigShape item) {
    this.kind = kind;
    this.keys = keys;
    this.item = item;
  }

  /** A scalar or list of scalars. */
  public static ConfigShape value() {
    return VALUE;
  }

  /** A mapping whose keys are names the user chooses. */
  public static ConfigShape free() {
    return FREE;
  }

  /** A mapping that may hold these keys, each a scalar or list of scalars. */
  public static ConfigShape keys(String... names) {
    Map<String, ConfigShape> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(Objects.requireNonNull(n), VALUE);
    }
    return new ConfigShape(Kind.KEYS, Map.copyOf(m), null);
  }

  /** A list of mappings (or scalars) each of {@code item}'s shape. */
  public static ConfigShape listOf(ConfigShape item) {
    return new ConfigShape(Kind.LIST, Map.of(), Objects.requireNonNull(item));
  }

  /** This mapping, also allowing {@code key} with its own shape. */
  public ConfigShape with(String key, ConfigShape shape) {
    if (kind != Kind.KEYS) {
      throw new IllegalStateException("only a mapping of declared keys takes more keys");
    }
    Map<String, ConfigShape> m = new LinkedHashMap<>(keys);
    m.put(Objects.requireNonNull(key), Objects.requireNonNull(shape));
    return new ConfigShape(Kind.KEYS, Map.copyOf(m), null);
  }

  /** This shape, or {@code other} where a value is a list instead of a mapping. */
  public ConfigShape orListOf(ConfigShape other) {
    return new ConfigShape(kind, keys, other);
  }

  /** A key found where none is declared, with where it sits. */
  public record Unknown(String path, String key, List<String> expected) {}

  /**
   * The first unknown key under {@code node}, whose dotted path is {@code path} (empty for the top
   * level), if any.
   */
  public java.util.Optional<Unknown> firstUnknown(
      com.fasterxml.jackson.databind.JsonNode node, String path) {
    if (node.isArray() && item != null) {
      int i = 0;
      for (com.fasterxml.jackson.databind.JsonNode n : node) {
        var u = item.firstUnknown(n, path + "[" + i++ + "]");
        if (u.isPresent()) {
          return u;
        }
      }
      return java.util.Optional.empty();
    }
    if (kind != Kind.KEYS || !node.isObject()) {
      return java.util.Optional.empty();
    }
    for (var e : node.properties()) {
      String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      ConfigShape s = keys.get(e.getKey());
      if (s == null) {
        return java.util.Optional.of(
            new Unknown(p, e.getKey(), List.copyOf(new TreeSet<>(keys.keySet()))));
      }
      var u = s.firstUnknown(e.getValue(), p);
      if (u.isPresent()) {
        return u;
      }
    }
    return java.util.Optional.empty();
  }
}
