package dev.bulwark.code.taint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An abstract object, one per allocation site and analysis context. It models what injection
 * analysis needs of an object: the fields of project classes, the elements of lists, sets and
 * arrays (kept by index while every operation on them is known, else as one summary), the entries
 * of maps by constant key, the text of builders and wrappers, a lambda, and flags set by calls.
 * Objects live in a {@link State}'s heap and are copied on write.
 */
final class Obj {
  final int id;
  String type;
  Map<String, Value> fields = new HashMap<>();

  /** Indexed elements while precise; null once an unknown operation made indexes unreliable. */
  List<Value> elements = new ArrayList<>();

  /** Join of every element ever stored. */
  Value summary;

  /** Map entries by constant key. */
  Map<Object, Value> entries = new LinkedHashMap<>();

  /** Join of values stored under unknown keys (and of keys, for key iteration). */
  Value unknownEntries;

  Value keys;

  /** Content of a builder, writer, stream, file or URL wrapper. */
  Value content;

  Lambda lambda;
  Set<String> tags = new HashSet<>();

  /** Where a configurable library object (a parser, a factory) was made, for findings about it. */
  dev.bulwark.core.model.Location.File origin;

  Obj(int id, String type) {
    this.id = id;
    this.type = type;
  }

  Obj copy() {
    Obj o = new Obj(id, type);
    o.fields = new HashMap<>(fields);
    o.elements = elements == null ? null : new ArrayList<>(elements);
    o.summary = summary;
    o.entries = new LinkedHashMap<>(entries);
    o.unknownEntries = unknownEntries;
    o.keys = keys;
    o.content = content;
    o.lambda = lambda;
    o.tags = new HashSet<>(tags);
    o.origin = origin;
    return o;
  }

  /** Everything the object holds, joined: what flows out when it is used as a whole. */
  Value everything() {
    Value v = Value.join(summary, content);
    v = Value.join(v, unknownEntries);
    for (Value e : entries.values()) {
      v = Value.join(v, e);
    }
    for (Value f : fields.values()) {
      if (f.taint() != null) {
        v = Value.join(v, f.untaintedObjOnly());
      }
    }
    return v;
  }

  static Obj join(Obj a, Obj b) {
    if (a == null) {
      return b;
    }
    if (b == null || a == b) {
      return a;
    }
    Obj o = a.copy();
    for (Map.Entry<String, Value> e : b.fields.entrySet()) {
      o.fields.merge(e.getKey(), e.getValue(), Value::join);
    }
    if (a.elements != null && b.elements != null && a.elements.size() == b.elements.size()) {
      for (int i = 0; i < a.elements.size(); i++) {
        o.elements.set(i, Value.join(a.elements.get(i), b.elements.get(i)));
      }
    } else {
      o.elements = null;
    }
    o.summary = Value.join(a.summary, b.summary);
    for (Map.Entry<Object, Value> e : b.entries.entrySet()) {
      o.entries.merge(e.getKey(), e.getValue(), Value::join);
    }
    o.unknownEntries = Value.join(a.unknownEntries, b.unknownEntries);
    o.keys = Value.join(a.keys, b.keys);
    o.content = Value.join(a.content, b.content);
    o.lambda = a.lambda != null ? a.lambda : b.lambda;
    o.tags.retainAll(b.tags);
    o.origin = a.origin != null ? a.origin : b.origin;
    return o;
  }

  boolean sameAs(Obj b) {
    return Objects.equals(type, b.type)
        && fields.equals(b.fields)
        && Objects.equals(elements, b.elements)
        && Objects.equals(summary, b.summary)
        && entries.equals(b.entries)
        && Objects.equals(unknownEntries, b.unknownEntries)
        && Objects.equals(content, b.content)
        && tags.equals(b.tags);
  }
}
