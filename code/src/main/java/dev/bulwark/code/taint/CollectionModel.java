package dev.bulwark.code.taint;

import java.util.ArrayList;
import java.util.List;

/** Lists, sets and queues: indexed while every operation on them is known. */
final class CollectionModel extends ObjectModel {
  CollectionModel() {
    super(List.of("java.util.Collection", "java.lang.Iterable"), List.of("java.util.Collection"));
  }

  @Override
  Value call(Engine e, CallSite call, Obj ro) {
    List<Value> args = call.args();
    State st = call.st();
    switch (call.name()) {
      case "add", "addLast", "offer", "offerLast", "push", "addElement" -> {
        Obj w = st.write(ro.id);
        if (args.size() == 2
            && args.get(0).constant() != null
            && Constants.numeric(args.get(0).constant())) {
          int i = (int) Constants.num(args.get(0).constant());
          if (w.elements != null && i >= 0 && i <= w.elements.size()) {
            w.elements.add(i, args.get(1));
          } else {
            w.elements = null;
          }
          w.summary = Value.join(w.summary, args.get(1));
        } else if (!args.isEmpty()) {
          if (call.name().equals("push") && w.elements != null) {
            w.elements.add(0, args.get(0));
            w.summary = Value.join(w.summary, args.get(0));
          } else {
            TypeModels.add(w, args.get(args.size() - 1));
          }
        }
        return Value.ofType("boolean");
      }
      case "addFirst", "offerFirst" -> {
        Obj w = st.write(ro.id);
        if (w.elements != null && !args.isEmpty()) {
          w.elements.add(0, args.get(0));
        }
        w.summary = Value.join(w.summary, args.isEmpty() ? null : args.get(0));
        return Value.ofType("void");
      }
      case "addAll" -> {
        Obj w = st.write(ro.id);
        Value other = args.get(args.size() - 1);
        Obj oo = other.obj() == 0 ? null : st.read(other.obj());
        if (oo != null && oo.elements != null && w.elements != null && args.size() == 1) {
          w.elements.addAll(oo.elements);
        } else {
          w.elements = null;
        }
        w.summary = Value.join(w.summary, e.elementOf(other, st));
        return Value.ofType("boolean");
      }
      case "get", "elementAt" -> {
        if (ro.elements != null
            && !args.isEmpty()
            && args.get(0).constant() != null
            && Constants.numeric(args.get(0).constant())) {
          int i = (int) Constants.num(args.get(0).constant());
          if (i >= 0 && i < ro.elements.size()) {
            return ro.elements.get(i);
          }
        }
        return e.elementOf(call.recv(), st);
      }
      case "getFirst", "peek", "peekFirst", "element", "firstElement" -> {
        return ro.elements != null && !ro.elements.isEmpty()
            ? ro.elements.get(0)
            : e.elementOf(call.recv(), st);
      }
      case "getLast", "peekLast", "lastElement" -> {
        return ro.elements != null && !ro.elements.isEmpty()
            ? ro.elements.get(ro.elements.size() - 1)
            : e.elementOf(call.recv(), st);
      }
      case "poll", "pollFirst", "pop", "removeFirst", "remove" -> {
        Obj w = st.write(ro.id);
        if (call.name().equals("remove") && args.size() == 1) {
          Object k = args.get(0).constant();
          if (k != null
              && Constants.numeric(k)
              && !(k instanceof Character)
              && w.elements != null
              && !"java.util.HashSet".equals(w.type)) {
            int i = (int) Constants.num(k);
            if (i >= 0 && i < w.elements.size()) {
              return w.elements.remove(i);
            }
          }
          if (k != null && w.elements != null) {
            for (int i = 0; i < w.elements.size(); i++) {
              Value el = w.elements.get(i);
              if (el != null && k.equals(el.constant())) {
                w.elements.remove(i);
                return Value.constant(true);
              }
            }
          }
          w.elements = null;
          return e.elementOf(call.recv(), st);
        }
        if (w.elements != null && !w.elements.isEmpty()) {
          return w.elements.remove(0);
        }
        return e.elementOf(call.recv(), st);
      }
      case "removeLast", "pollLast" -> {
        Obj w = st.write(ro.id);
        if (w.elements != null && !w.elements.isEmpty()) {
          return w.elements.remove(w.elements.size() - 1);
        }
        return e.elementOf(call.recv(), st);
      }
      case "set" -> {
        Obj w = st.write(ro.id);
        if (args.size() == 2
            && w.elements != null
            && args.get(0).constant() != null
            && Constants.numeric(args.get(0).constant())) {
          int i = (int) Constants.num(args.get(0).constant());
          if (i >= 0 && i < w.elements.size()) {
            Value old = w.elements.set(i, args.get(1));
            w.summary = Value.join(w.summary, args.get(1));
            return old;
          }
        }
        w.elements = null;
        w.summary = Value.join(w.summary, args.size() == 2 ? args.get(1) : null);
        return e.elementOf(call.recv(), st);
      }
      case "clear", "removeAllElements" -> {
        Obj w = st.write(ro.id);
        w.elements = new ArrayList<>();
        w.summary = null;
        return Value.ofType("void");
      }
      case "size" -> {
        return ro.elements != null
            ? Value.constant((long) ro.elements.size())
            : Value.ofType("int");
      }
      case "isEmpty" -> {
        return ro.elements != null
            ? Value.constant(ro.elements.isEmpty())
            : Value.ofType("boolean");
      }
      case "contains",
          "containsAll",
          "indexOf",
          "lastIndexOf",
          "hashCode",
          "equals",
          "removeAll",
          "retainAll",
          "removeIf" -> {
        if (call.name().startsWith("remove") || call.name().equals("retainAll")) {
          st.write(ro.id).elements = null;
        }
        return Value.ofType(
            call.name().contains("ndexOf") || call.name().equals("hashCode") ? "int" : "boolean");
      }
      case "iterator",
          "listIterator",
          "elements",
          "stream",
          "parallelStream",
          "descendingIterator",
          "spliterator" -> {
        Value it =
            e.newObject(
                call.name().contains("tream") ? "java.util.stream.Stream" : "java.util.Iterator",
                st);
        Obj io = st.write(it.obj());
        io.elements = ro.elements == null ? null : new ArrayList<>(ro.elements);
        io.summary = ro.summary;
        return it.withTaint(call.recv().taint());
      }
      case "toArray" -> {
        Value arr =
            e.newArray(ro.elements == null ? List.of() : ro.elements, "java.lang.Object[]", st);
        Obj a = st.write(arr.obj());
        if (ro.elements == null) {
          a.elements = null;
        }
        a.summary = Value.join(a.summary, ro.summary);
        return arr;
      }
      case "subList", "reversed" -> {
        Value copy = e.newArray(List.of(), "java.util.ArrayList", st);
        Obj a = st.write(copy.obj());
        a.type = "java.util.ArrayList";
        a.elements = null;
        a.summary = ro.summary;
        return copy.withType("java.util.ArrayList");
      }
      case "forEach" -> {
        if (!args.isEmpty()) {
          e.calls.apply(call, args.get(0), List.of(e.elementOf(call.recv(), st)));
        }
        return Value.ofType("void");
      }
      case "sort", "replaceAll" -> {
        st.write(ro.id).elements = null;
        return Value.ofType("void");
      }
      default -> {
        return null;
      }
    }
  }
}
