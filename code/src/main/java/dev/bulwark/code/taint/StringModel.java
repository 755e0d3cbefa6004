package dev.bulwark.code.taint;

import dev.bulwark.code.project.TypeHierarchy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Strings: constant folding, and what each method keeps of its receiver's and arguments' taint. */
final class StringModel implements TypeModel {
  /** Static methods of String ({@code String.valueOf}) are the static-call model's. */
  @Override
  public boolean covers(Engine e, CallSite call) {
    return call.owner().equals("java.lang.String")
        && !(call.recv().constant() instanceof Constants.TypeRef);
  }

  @Override
  public Value call(Engine e, CallSite call) {
    String name = call.name();
    Value recv = call.recv();
    List<Value> args = call.args();
    State st = call.st();
    List<Object> consts = new ArrayList<>();
    boolean allConst = recv.constant() instanceof String;
    for (Value a : args) {
      consts.add(a.constant());
      allConst &= a.constant() != null;
    }
    if (allConst) {
      Object r = Constants.stringMethod((String) recv.constant(), name, consts);
      if (r != null) {
        return Value.constant(r);
      }
    }
    String ret = e.librarySemantics.returnType("java.lang.String", name, args.size());
    if (TypeHierarchy.isValueType(ret)) {
      return Value.ofType(ret);
    }
    Taint t = recv.taint();
    switch (name) {
      case "replace", "replaceAll", "replaceFirst" -> {
        if (t != null && args.size() == 2 && removesNewlines(args.get(0), args.get(1))) {
          t =
              t.cleanse(
                  Set.of(
                      dev.bulwark.code.rules.Category.LOG, dev.bulwark.code.rules.Category.HEADER));
        }
        if (args.size() == 2) {
          t = Taint.join(t, args.get(1).taint());
        }
      }
      case "split" -> {
        Value elem = Value.ofType("java.lang.String").withTaint(t);
        Value arr = e.newArray(List.of(), "java.lang.String[]", st);
        Obj o = st.write(arr.obj());
        o.elements = null;
        o.summary = elem;
        return arr.withTaint(t);
      }
      case "concat" -> t = Taint.join(t, args.isEmpty() ? null : args.get(0).taint());
      case "format", "formatted", "join" -> {
        for (Value a : args) {
          t = Taint.join(t, e.deepTaint(a, st));
        }
      }
      case "getBytes", "toCharArray", "chars" -> {
        // keep the text of a constant: a literal password turned into char[] is still a literal
        return new Value(ret, t == null ? recv.constant() : null, 0, t);
      }
      default -> {}
    }
    return new Value(ret == null ? "java.lang.String" : ret, null, 0, t);
  }

  private static boolean removesNewlines(Value pattern, Value replacement) {
    if (!(pattern.constant() instanceof Object p) || replacement.tainted()) {
      return false;
    }
    String s = Constants.str(p);
    return s.contains("\n")
        || s.contains("\r")
        || s.contains("\\n")
        || s.contains("\\r")
        || s.contains("\\s");
  }
}
