package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import java.util.List;

/** Maps, by constant key where the key is known. */
final class MapModel implements TypeModel {
  @Override
  public boolean covers(Engine e, CallSite call) {
    Obj ro = call.receiverObject();
    String owner = call.owner();
    return ro != null
        && (TypeModels.is(e, owner, "java.util.Map")
            || (ro.type != null && TypeModels.is(e, ro.type, "java.util.Map")));
  }

  @Override
  public Value call(Engine e, CallSite call) {
    String name = call.name();
    Value recv = call.recv();
    Obj ro = call.receiverObject();
    List<Value> args = call.args();
    Node site = call.node();
    State st = call.st();
    Frame f = call.f();
    return map(e, name, recv, ro, args, st, f, site);
  }

  static Value map(
      Engine e, String name, Value recv, Obj ro, List<Value> args, State st, Frame f, Node site) {
    Obj w;
    switch (name) {
      case "put", "putIfAbsent" -> {
        if (args.size() != 2) {
          return null;
        }
        w = st.write(ro.id);
        Value old = args.get(0).constant() != null ? w.entries.get(args.get(0).constant()) : null;
        if (name.equals("putIfAbsent") && old != null) {
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
          if (v == null && name.equals("getOrDefault") && args.size() > 1) {
            v = args.get(1);
          } else if (name.equals("getOrDefault") && args.size() > 1 && !ro.entries.containsKey(k)) {
            v = Value.join(v, args.get(1));
          }
        } else {
          v = ro.everything();
          if (name.equals("getOrDefault") && args.size() > 1) {
            v = Value.join(v, args.get(1));
          }
        }
        if (name.equals("remove") && k != null) {
          st.write(ro.id).entries.remove(k);
        }
        if (v == null) {
          v = Value.NULL;
        }
        return recv.tainted() ? v.withTaint(Taint.join(v.taint(), recv.taint())) : v;
      }
      case "containsKey", "containsValue", "isEmpty", "size" -> {
        if (name.equals("containsKey")
            && args.get(0).constant() != null
            && ro.unknownEntries == null) {
          return Value.constant(ro.entries.containsKey(args.get(0).constant()));
        }
        return Value.ofType(name.equals("size") ? "int" : "boolean");
      }
      case "keySet", "values", "entrySet" -> {
        Value set = e.newObject("java.util.HashSet", st);
        Obj so = st.write(set.obj());
        so.elements = null;
        switch (name) {
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
        return set.withTaint(recv.taint());
      }
      case "putAll" -> {
        w = st.write(ro.id);
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
        TypeModels.callWith(
            e,
            args.get(0),
            List.of(
                ro.keys == null ? Value.UNKNOWN : ro.keys,
                ro.everything() == null ? Value.UNKNOWN : ro.everything()),
            st,
            f,
            site);
        return Value.ofType("void");
      }
      case "clear" -> {
        w = st.write(ro.id);
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
