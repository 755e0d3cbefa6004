package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import java.util.ArrayList;
import java.util.List;

/** Streams: the elements they carry through maps, filters and collectors. */
final class StreamModel implements TypeModel {
  @Override
  public boolean covers(Engine e, CallSite call) {
    Obj ro = call.receiverObject();
    String owner = call.owner();
    return ro != null
        && (TypeModels.is(e, owner, "java.util.stream.Stream")
            || TypeModels.is(e, owner, "java.util.stream.BaseStream"));
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
    return stream(e, name, recv, ro, args, st, f, site);
  }

  static Value stream(
      Engine e, String name, Value recv, Obj ro, List<Value> args, State st, Frame f, Node site) {
    Value element = e.elementOf(recv, st);
    switch (name) {
      case "map", "flatMap", "mapToObj", "peek" -> {
        Value mapped =
            args.isEmpty()
                ? element
                : TypeModels.callWith(e, args.get(0), List.of(element), st, f, site);
        if (name.equals("peek")) {
          mapped = element;
        }
        Value s = e.newObject("java.util.stream.Stream", st);
        Obj so = st.write(s.obj());
        so.elements = null;
        so.summary = name.equals("flatMap") ? e.elementOf(mapped, st) : mapped;
        return s;
      }
      case "filter",
          "distinct",
          "sorted",
          "limit",
          "skip",
          "sequential",
          "parallel",
          "unordered",
          "takeWhile",
          "dropWhile",
          "boxed" -> {
        if (name.equals("filter") || name.endsWith("While")) {
          TypeModels.callWith(e, args.get(0), List.of(element), st, f, site);
        }
        Value s = e.newObject("java.util.stream.Stream", st);
        Obj so = st.write(s.obj());
        so.elements =
            name.equals("filter")
                ? null
                : ro.elements == null ? null : new ArrayList<>(ro.elements);
        so.summary = ro.summary;
        if (so.elements == null) {
          so.summary = Value.join(so.summary, element);
        }
        return s;
      }
      case "collect", "toList" -> {
        boolean joining =
            !args.isEmpty() && args.get(0).type() != null && "$joining".equals(args.get(0).type());
        if (joining) {
          return new Value("java.lang.String", null, 0, element.taint());
        }
        Value list =
            e.newArray(ro.elements == null ? List.of() : ro.elements, "java.util.ArrayList", st);
        Obj lo = st.write(list.obj());
        lo.type = "java.util.ArrayList";
        if (ro.elements == null) {
          lo.elements = null;
        }
        lo.summary = Value.join(lo.summary, element);
        return list.withType("java.util.ArrayList");
      }
      case "findFirst", "findAny", "min", "max", "reduce" -> {
        Value o = e.newObject("java.util.Optional", st);
        Value content =
            ro.elements != null && !ro.elements.isEmpty() && name.equals("findFirst")
                ? ro.elements.get(0)
                : element;
        if (name.equals("reduce") && args.size() >= 2) {
          content =
              Value.join(
                  args.get(0),
                  TypeModels.callWith(
                      e, args.get(args.size() - 1), List.of(element, element), st, f, site));
          return content;
        }
        st.write(o.obj()).content = content;
        return o;
      }
      case "forEach", "forEachOrdered" -> {
        TypeModels.callWith(e, args.get(0), List.of(element), st, f, site);
        return Value.ofType("void");
      }
      case "count", "anyMatch", "allMatch", "noneMatch" -> {
        if (!args.isEmpty()) {
          TypeModels.callWith(e, args.get(0), List.of(element), st, f, site);
        }
        return Value.ofType(name.equals("count") ? "long" : "boolean");
      }
      case "toArray", "iterator" -> {
        Value arr = e.newArray(List.of(), "java.lang.Object[]", st);
        Obj a = st.write(arr.obj());
        a.elements = null;
        a.summary = element;
        return arr;
      }
      default -> {
        return null;
      }
    }
  }
}
