package dev.bulwark.code.taint;

import java.util.ArrayList;
import java.util.List;

/** Streams: the elements they carry through maps, filters and collectors. */
final class StreamModel extends ObjectModel {
  StreamModel() {
    super(List.of("java.util.stream.Stream", "java.util.stream.BaseStream"), List.of());
  }

  @Override
  Value call(Engine e, CallSite call, Obj ro) {
    List<Value> args = call.args();
    State st = call.st();
    Value element = e.elementOf(call.recv(), st);
    switch (call.name()) {
      case "map", "flatMap", "mapToObj", "peek" -> {
        Value mapped =
            args.isEmpty() ? element : e.calls.apply(call, args.get(0), List.of(element));
        if (call.name().equals("peek")) {
          mapped = element;
        }
        Value s = e.newObject("java.util.stream.Stream", st);
        Obj so = st.write(s.obj());
        so.elements = null;
        so.summary = call.name().equals("flatMap") ? e.elementOf(mapped, st) : mapped;
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
        if (call.name().equals("filter") || call.name().endsWith("While")) {
          e.calls.apply(call, args.get(0), List.of(element));
        }
        Value s = e.newObject("java.util.stream.Stream", st);
        Obj so = st.write(s.obj());
        so.elements =
            call.name().equals("filter")
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
            ro.elements != null && !ro.elements.isEmpty() && call.name().equals("findFirst")
                ? ro.elements.get(0)
                : element;
        if (call.name().equals("reduce") && args.size() >= 2) {
          content =
              Value.join(
                  args.get(0),
                  e.calls.apply(call, args.get(args.size() - 1), List.of(element, element)));
          return content;
        }
        st.write(o.obj()).content = content;
        return o;
      }
      case "forEach", "forEachOrdered" -> {
        e.calls.apply(call, args.get(0), List.of(element));
        return Value.ofType("void");
      }
      case "count", "anyMatch", "allMatch", "noneMatch" -> {
        if (!args.isEmpty()) {
          e.calls.apply(call, args.get(0), List.of(element));
        }
        return Value.ofType(call.name().equals("count") ? "long" : "boolean");
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
