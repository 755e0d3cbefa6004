package dev.bulwark.config.doc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Keys to nodes in the order written; a repeated key keeps its first value. */
public final class MapNode extends Node {
  private final Map<String, Node> entries = new LinkedHashMap<>();

  public MapNode(int line) {
    super(line);
  }

  /** Adds an entry unless the key is already present; returns whether it was added. */
  public boolean put(String key, int keyLine, Node value) {
    Objects.requireNonNull(key, "key");
    if (entries.containsKey(key)) {
      return false;
    }
    value.attach(this, keyLine);
    entries.put(key, value);
    return true;
  }

  public Node get(String key) {
    return entries.get(key);
  }

  public Map<String, Node> entries() {
    return Collections.unmodifiableMap(entries);
  }
}
