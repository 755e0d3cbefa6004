package dev.bulwark.code.taint;

import java.util.List;

/** Maps, by constant key where the key is known. */
final class MapModel extends ObjectModel {
  MapModel() {
    super(List.of("java.util.Map"), List.of("java.util.Map"));
  }

  @Override
  Value call(Engine e, CallSite call, Obj ro) {
    List<Value> args = call.args();
    State st = call.st();
    switch (call.name()) {
      case "put", "putIfAbsent" -> {
        if (args.size() != 2) {
          return null;
        }
        Obj w = st.write(ro.id);
        Value old = args.get(0).constant() != null ? w.entries.get(args.get(0).constant()) : null;
        if (call.name().equals("putIfAbsent") && old != null) {
          return old;
        }
        TypeModels.putEntry(w, args.get(0), args.get(1));
        return old == null ? Value.NULL : old;
      }
      case "get", "getOrDefault", "remove" -> {
        if (args.isEmpty()) {
          return null;
        }
        Object k = args.get(0).constant();
        Value v;
        if (k != null) {
          v = Value.join(ro.entries.get(k), ro.unknownEntries);
          if (v == null && call.name().equals("getOrDefault") && args.size() > 1) {
            v = args.get(1);
          } else if (call.name().equals("getOrDefault")
              && args.size() > 1
              && !ro.entries.containsKey(k)) {
            v = Value.join(v, args.get(1));
          }
        } else {
          v = ro.everything();
          if (call.name().equals("getOrDefault") && args.size() > 1) {
            v = Value.join(v, args.get(1));
          }
        }
        if (call.name().equals("remove") && k != null) {
          st.write(ro.id).entries.remove(k);
        }
        if (v == null) {
          v = Value.NULL;
        }
        return call.recv().tainted() ? v.withTaint(Taint.join(v.taint(), call.recv().taint())) : v;
      }
      case "containsKey", "containsValue", "isEmpty", "size" -> {
        if (call.name().equals("containsKey")
            && args.get(0).constant() != null
            && ro.unknownEntries == null) {
          return Value.constant(ro.entries.containsKey(args.get(0).constant()));
        }
        return Value.ofType(call.name().equals("size") ? "int" : "boolean");
      }
      case "keySet", "values", "entrySet" -> {
        Value set = e.newObject("java.util.HashSet", st);
        Obj so = st.write(set.obj());
        so.elements = null;
        switch (call.name()) {
          case "keySet" -> so.summary = ro.keys;
          case "values" -> so.summary = ro.everything();
          default -> {
            Value entry = e.newObject("java.util.Map.Entry", st);
            Obj eo = st.write(entry.obj());
            eo.fields.put("key", ro.keys == null ? Value.UNKNOWN : ro.keys);
            eo.fields.put("value", ro.everything() == null ? Value.UNKNOWN : ro.everything());
            st.write(set.obj()).summary = entry.withType("java.util.Map.Entry");
          }
        }
        return set.withTaint(call.recv().taint());
      }
      case "putAll" -> {
        Obj w = st.write(ro.id);
        Obj other = args.get(0).obj() == 0 ? null : st.read(args.get(0).obj());
        if (other != null) {
          w.entries.putAll(other.entries);
          w.unknownEntries = Value.join(w.unknownEntries, other.unknownEntries);
          w.keys = Value.join(w.keys, other.keys);
        } else {
          w.unknownEntries = Value.join(w.unknownEntries, args.get(0));
        }
        return Value.ofType("void");
      }
      case "forEach" -> {
        e.calls.apply(
            call,
            args.get(0),
            List.of(
                ro.keys == null ? Value.UNKNOWN : ro.keys,
                ro.everything() == null ? Value.UNKNOWN : ro.everything()));
        return Value.ofType("void");
      }
      case "clear" -> {
        Obj w = st.write(ro.id);
        w.entries.clear();
        w.unknownEntries = null;
        w.keys = null;
        return Value.ofType("void");
      }
      default -> {
        return null;
      }
    }
  }
}
