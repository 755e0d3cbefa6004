package dev.bulwark.code.taint;

import java.util.List;

/** Static methods of JDK classes: factories of lists, maps and streams, conversions, joins. */
final class StaticCallModel implements TypeModel {
  @Override
  public boolean covers(Engine e, CallSite call) {
    return call.recv().constant() instanceof Constants.TypeRef;
  }

  @Override
  public Value call(Engine e, CallSite call) {
    String name = call.name();
    List<Value> args = call.args();
    State st = call.st();
    switch (call.owner() + "#" + name) {
      case "java.lang.String#valueOf",
          "java.lang.String#copyValueOf",
          "java.util.Objects#toString",
          "java.lang.String#format",
          "java.lang.String#join" -> {
        Taint t = null;
        boolean allConst = true;
        for (Value a : args) {
          t = Taint.join(t, e.deepTaint(a, st));
          allConst &= a.constant() != null;
        }
        if (t == null && allConst && name.equals("valueOf") && args.size() == 1) {
          return Value.constant(Constants.str(args.get(0).constant()));
        }
        if (t == null
            && allConst
            && name.equals("format")
            && !args.isEmpty()
            && args.get(0).constant() instanceof String fmt) {
          try {
            Object[] rest =
                args.subList(1, args.size()).stream()
                    .map(v -> v.constant() instanceof Long l ? (Object) l : v.constant())
                    .toArray();
            return Value.constant(String.format(java.util.Locale.ROOT, fmt, rest));
          } catch (RuntimeException ex) {
            return Value.ofType("java.lang.String");
          }
        }
        return new Value("java.lang.String", null, 0, t);
      }
      case "java.lang.Integer#parseInt",
          "java.lang.Integer#valueOf",
          "java.lang.Long#parseLong",
          "java.lang.Long#valueOf",
          "java.lang.Short#parseShort" -> {
        if (!args.isEmpty() && args.get(0).constant() instanceof String s) {
          try {
            return Value.constant(Long.parseLong(s.strip()));
          } catch (NumberFormatException ex) {
            return Value.ofType("int");
          }
        }
        return Value.ofType("int");
      }
      case "java.lang.Boolean#parseBoolean", "java.lang.Boolean#valueOf" -> {
        if (!args.isEmpty() && args.get(0).constant() instanceof String s) {
          return Value.constant(Boolean.parseBoolean(s));
        }
        return Value.ofType("boolean");
      }
      case "java.util.Arrays#asList",
          "java.util.List#of",
          "java.util.Set#of",
          "java.util.stream.Stream#of",
          "java.util.Collections#singletonList",
          "java.util.Collections#singleton",
          "java.util.List#copyOf",
          "java.util.Set#copyOf",
          "java.util.Arrays#stream",
          "java.util.Collections#unmodifiableList",
          "java.util.Collections#unmodifiableSet",
          "java.util.Collections#synchronizedList" -> {
        List<Value> elems = args;
        if (args.size() == 1 && args.get(0).obj() != 0) {
          Obj a = st.read(args.get(0).obj());
          if (a != null
              && (a.elements != null || a.summary != null)
              && (a.type == null
                  || a.type.endsWith("[]")
                  || name.endsWith("copyOf")
                  || name.startsWith("unmodifiable")
                  || name.startsWith("synchronized")
                  || name.equals("stream"))) {
            Value copy = e.newArray(a.elements == null ? List.of() : a.elements, null, st);
            Obj w = st.write(copy.obj());
            w.type =
                name.equals("stream") || call.owner().endsWith("Stream")
                    ? "java.util.stream.Stream"
                    : "java.util.ArrayList";
            if (a.elements == null) {
              w.elements = null;
            }
            w.summary = Value.join(w.summary, a.summary);
            return copy.withType(w.type);
          }
        }
        Value list = e.newArray(elems, null, st);
        String type =
            call.owner().endsWith("Stream") || name.equals("stream")
                ? "java.util.stream.Stream"
                : name.contains("Set") || call.owner().endsWith("Set") || name.equals("singleton")
                    ? "java.util.HashSet"
                    : "java.util.ArrayList";
        st.write(list.obj()).type = type;
        return list.withType(type);
      }
      case "java.util.Map#of" -> {
        Value m = e.newObject("java.util.HashMap", st);
        Obj o = st.write(m.obj());
        for (int i = 0; i + 1 < args.size(); i += 2) {
          TypeModels.putEntry(o, args.get(i), args.get(i + 1));
        }
        return m;
      }
      case "java.util.Optional#of", "java.util.Optional#ofNullable" -> {
        Value o = e.newObject("java.util.Optional", st);
        st.write(o.obj()).content = args.isEmpty() ? null : args.get(0);
        return o;
      }
      case "java.util.stream.Collectors#joining" -> {
        return Value.ofType("$joining");
      }
      case "java.util.stream.Collectors#toList",
          "java.util.stream.Collectors#toSet",
          "java.util.stream.Collectors#toUnmodifiableList" -> {
        return Value.ofType("$toList");
      }
      case "java.util.Optional#empty" -> {
        return e.newObject("java.util.Optional", st);
      }
      case "java.util.Arrays#copyOf", "java.util.Arrays#copyOfRange" -> {
        Value src = args.isEmpty() ? Value.UNKNOWN : args.get(0);
        Obj a = src.obj() == 0 ? null : st.read(src.obj());
        Value copy = e.newArray(List.of(), src.type(), st);
        Obj w = st.write(copy.obj());
        w.elements = null;
        w.summary = a == null ? src : Value.join(a.summary, a.everything());
        return copy;
      }
      case "java.lang.System#arraycopy" -> {
        if (args.size() >= 3 && args.get(2).obj() != 0) {
          Value from = e.elementOf(args.get(0), st);
          Obj w = st.write(args.get(2).obj());
          if (w != null) {
            w.elements = null;
            w.summary = Value.join(w.summary, from);
          }
        }
        return Value.ofType("void");
      }
      case "java.util.Collections#addAll" -> {
        if (!args.isEmpty() && args.get(0).obj() != 0) {
          Obj w = st.write(args.get(0).obj());
          if (w != null) {
            for (Value v : args.subList(1, args.size())) {
              TypeModels.add(w, v);
            }
          }
        }
        return Value.ofType("boolean");
      }
      default -> {
        return null;
      }
    }
  }
}
