package dev.bulwark.code.taint;

import dev.bulwark.core.model.CodeFlow;
import java.util.List;

/** String builders and in-memory writers and streams: their content as one value. */
final class BuilderModel extends ObjectModel {
  BuilderModel() {
    super(List.of(), List.of());
  }

  /** Builders are these classes exactly: a project subclass of a writer is not modelled. */
  @Override
  boolean belongs(Engine e, String owner, Obj ro) {
    return TypeModels.BUILDERS.contains(owner) || TypeModels.BUILDERS.contains(ro.type);
  }

  @Override
  Value call(Engine e, CallSite call, Obj ro) {
    List<Value> args = call.args();
    State st = call.st();
    switch (call.name()) {
      case "append", "write", "print", "println" -> {
        Obj w = st.write(ro.id);
        Value add = args.isEmpty() ? Value.constant("") : args.get(0);
        if (args.size() == 3
            && add.constant() instanceof String s
            && args.get(1).constant() != null
            && args.get(2).constant() != null) {
          add =
              Value.constant(
                  s.substring(
                      (int) Constants.num(args.get(1).constant()),
                      (int) Constants.num(args.get(2).constant())));
        }
        w.content = concat(e, call, w.content, add);
        return call.recv();
      }
      case "insert" -> {
        Obj w = st.write(ro.id);
        Value add = args.size() > 1 ? args.get(1) : Value.UNKNOWN;
        Value old = w.content == null ? Value.constant("") : w.content;
        Object k =
            old.constant() instanceof String s
                    && add.constant() != null
                    && args.get(0).constant() != null
                ? safeInsert(
                    s, (int) Constants.num(args.get(0).constant()), Constants.str(add.constant()))
                : null;
        w.content =
            new Value("java.lang.String", k, 0, Taint.join(old.taint(), e.deepTaint(add, st)));
        return call.recv();
      }
      case "toString", "substring", "toByteArray", "getBuffer" -> {
        Value v = ro.content == null ? Value.constant("") : ro.content;
        if (call.name().equals("substring")) {
          return new Value("java.lang.String", null, 0, v.taint());
        }
        return call.name().equals("toString") ? v.withType("java.lang.String") : v.withType(null);
      }
      case "reverse" -> {
        Obj w = st.write(ro.id);
        if (w.content != null && w.content.constant() instanceof String s) {
          w.content = Value.constant(new StringBuilder(s).reverse().toString());
        }
        return call.recv();
      }
      case "replace", "delete", "deleteCharAt", "setCharAt", "setLength" -> {
        Obj w = st.write(ro.id);
        Value old = w.content == null ? Value.constant("") : w.content;
        Taint t = old.taint();
        if (call.name().equals("replace") && args.size() == 3) {
          t = Taint.join(t, args.get(2).taint());
        }
        if (call.name().equals("setLength")
            && args.size() == 1
            && Long.valueOf(0).equals(args.get(0).constant())) {
          w.content = Value.constant("");
          return Value.ofType("void");
        }
        w.content = new Value("java.lang.String", null, 0, t);
        return call.name().equals("setLength") || call.name().equals("setCharAt")
            ? Value.ofType("void")
            : call.recv();
      }
      case "length", "indexOf", "lastIndexOf", "capacity" -> {
        return Value.ofType("int");
      }
      case "charAt" -> {
        return new Value("char", null, 0, ro.content == null ? null : ro.content.taint());
      }
      default -> {
        return null;
      }
    }
  }

  private static String safeInsert(String s, int at, String add) {
    return at >= 0 && at <= s.length() ? s.substring(0, at) + add + s.substring(at) : null;
  }

  private static Value concat(Engine e, CallSite call, Value a, Value b) {
    Value left = a == null ? Value.constant("") : a;
    Object k =
        left.constant() != null && b.constant() != null
            ? Constants.str(left.constant()) + Constants.str(b.constant())
            : null;
    Taint added = e.deepTaint(b, call.st());
    Taint t =
        Taint.join(left.taint(), added == null ? null : added.afterConstantPrefix(left.constant()));
    if (t != null && b.tainted()) {
      t = t.step(e.findings.location(call.f().unit, call.node()), "appended", CodeFlow.Kind.STEP);
    }
    return new Value("java.lang.String", t == null ? k : null, 0, t);
  }
}
