package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import java.util.List;

/** Optionals: the value inside, through map, filter and orElse. */
final class OptionalModel implements TypeModel {
  @Override
  public boolean covers(Engine e, CallSite call) {
    Obj ro = call.receiverObject();
    String owner = call.owner();
    return ro != null && TypeModels.is(e, owner, "java.util.Optional");
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
    return optional(e, name, recv, ro, args, st, f, site);
  }

  private static Value optional(
      Engine e, String name, Value recv, Obj ro, List<Value> args, State st, Frame f, Node site) {
    Value content = ro.content == null ? Value.UNKNOWN : ro.content;
    switch (name) {
      case "get", "orElseThrow" -> {
        return content;
      }
      case "orElse" -> {
        return Value.join(content, args.get(0));
      }
      case "orElseGet" -> {
        return Value.join(content, TypeModels.callWith(e, args.get(0), List.of(), st, f, site));
      }
      case "map", "flatMap", "filter" -> {
        Value mapped = TypeModels.callWith(e, args.get(0), List.of(content), st, f, site);
        Value o = e.newObject("java.util.Optional", st);
        st.write(o.obj()).content =
            name.equals("filter")
                ? content
                : name.equals("flatMap")
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
        TypeModels.callWith(e, args.get(0), List.of(content), st, f, site);
        return Value.ofType("void");
      }
      default -> {
        return null;
      }
    }
  }
}
