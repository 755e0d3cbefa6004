package dev.bulwark.code.taint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JDK types the taint engine models precisely, in the order they are asked — strings (folded
 * when constant), static factories, properties backed by the project's own {@code .properties}
 * files, builders and writers, maps (by constant key), map entries, lists, sets and queues (indexed
 * while every operation on them is known, so that {@code list.remove(0); list.get(1)} picks the
 * right element), iterators, streams and optionals — and the helpers they share.
 */
final class TypeModels {
  /** First match wins: a Properties is a Map, a List an Iterable, so the narrower come first. */
  static final List<TypeModel> JDK =
      List.of(
          new StringModel(),
          new StaticCallModel(),
          new PropertiesModel(),
          new BuilderModel(),
          new MapModel(),
          new MapEntryModel(),
          new CollectionModel(),
          new IteratorModel(),
          new StreamModel(),
          new OptionalModel());

  static final Set<String> BUILDERS =
      Set.of(
          "java.lang.StringBuilder",
          "java.lang.StringBuffer",
          "java.io.StringWriter",
          "java.io.CharArrayWriter",
          "java.io.ByteArrayOutputStream");

  private TypeModels() {}

  /** Handles a call on a modelled type; null when the call is not modelled here. */
  static Value call(Engine e, CallSite call) {
    if (call.owner() == null) {
      return null;
    }
    for (TypeModel m : JDK) {
      if (m.covers(e, call)) {
        return m.call(e, call);
      }
    }
    return null;
  }

  static boolean is(Engine e, String owner, String type) {
    return owner != null && e.types.isSubtype(owner, type);
  }

  static void add(Obj o, Value v) {
    if (o.elements != null) {
      o.elements.add(v);
    }
    o.summary = Value.join(o.summary, v);
  }

  static void putEntry(Obj o, Value k, Value v) {
    if (k.constant() != null) {
      o.entries.put(k.constant(), v);
    } else {
      o.unknownEntries = Value.join(o.unknownEntries, v);
    }
    o.keys = Value.join(o.keys, k);
  }

  /** A new object of a modelled JDK type; null when the type is not modelled here. */
  static Value construct(Engine e, CallSite call) {
    String type = call.owner();
    List<Value> args = call.args();
    State st = call.st();
    if (type.equals("java.lang.String")) {
      if (args.isEmpty()) {
        return Value.constant("");
      }
      Value a = args.get(0);
      if (a.constant() instanceof String s) {
        return Value.constant(s);
      }
      return new Value("java.lang.String", null, 0, e.deepTaint(a, st));
    }
    if (BUILDERS.contains(type)) {
      Value v = e.newObject(type, st);
      Obj o = st.write(v.obj());
      Value init =
          !args.isEmpty() && !(args.get(0).constant() instanceof Long)
              ? args.get(0)
              : Value.constant("");
      o.content =
          new Value(
              "java.lang.String",
              init.constant() != null ? Constants.str(init.constant()) : null,
              0,
              e.deepTaint(init, st));
      return v;
    }
    boolean isMap = e.types.isSubtype(type, "java.util.Map") || type.endsWith("Map");
    boolean isCollection =
        e.types.isSubtype(type, "java.util.Collection")
            || type.endsWith("List")
            || type.endsWith("Set")
            || type.endsWith("Queue")
            || type.endsWith("Deque")
            || type.equals("java.util.Vector")
            || type.equals("java.util.Stack");
    if (isMap || type.equals("java.util.Properties")) {
      Value v = e.newObject(type, st);
      Obj o = st.write(v.obj());
      if (!args.isEmpty() && args.get(0).obj() != 0) {
        Obj src = st.read(args.get(0).obj());
        if (src != null) {
          o.entries.putAll(src.entries);
          o.unknownEntries = src.unknownEntries;
          o.keys = src.keys;
        }
      }
      return v;
    }
    if (isCollection) {
      Value v = e.newObject(type, st);
      Obj o = st.write(v.obj());
      if (!args.isEmpty() && args.get(0).obj() != 0) {
        Obj src = st.read(args.get(0).obj());
        if (src != null) {
          o.elements = src.elements == null ? null : new ArrayList<>(src.elements);
          o.summary = src.summary;
          if (src.elements == null && src.everything() != null) {
            o.summary = Value.join(o.summary, src.everything());
          }
        }
      }
      return v;
    }
    return null;
  }
}
