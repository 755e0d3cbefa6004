package dev.bulwark.code.taint;

import java.util.List;

/** Optionals: the value inside, through map, filter and orElse. */
final class OptionalModel extends ObjectModel {
  OptionalModel() {
    super(List.of("java.util.Optional"), List.of());
  }

  @Override
  Value call(Engine e, CallSite call, Obj ro) {
    List<Value> args = call.args();
    State st = call.st();
    Value content = ro.content == null ? Value.UNKNOWN : ro.content;
    switch (call.name()) {
      case "get", "orElseThrow" -> {
        return content;
      }
      case "orElse" -> {
        return Value.join(content, args.get(0));
      }
      case "orElseGet" -> {
        return Value.join(content, e.calls.apply(call, args.get(0), List.of()));
      }
      case "map", "flatMap", "filter" -> {
        Value mapped = e.calls.apply(call, args.get(0), List.of(content));
        Value o = e.newObject("java.util.Optional", st);
        st.write(o.obj()).content =
            call.name().equals("filter")
                ? content
                : call.name().equals("flatMap")
                    ? (mapped.obj() != 0 && st.read(mapped.obj()) != null
                        ? st.read(mapped.obj()).content
                        : mapped)
                    : mapped;
        return o;
      }
      case "isPresent", "isEmpty" -> {
        return Value.ofType("boolean");
      }
      case "ifPresent" -> {
        e.calls.apply(call, args.get(0), List.of(content));
        return Value.ofType("void");
      }
      default -> {
        return null;
      }
    }
  }
}
