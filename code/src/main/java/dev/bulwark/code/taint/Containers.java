package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import dev.bulwark.code.project.TypeHierarchy;
import dev.bulwark.code.taint.Interpreter.Frame;
import dev.bulwark.core.model.CodeFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Precise models of the JDK types that carry data between variables: strings (folded when
 * constant), builders and writers, lists, sets, queues, arrays, maps (by constant key), iterators,
 * streams and optionals, and {@code java.util.Properties} backed by the project's own {@code
 * .properties} files. Lists stay indexed while every operation on them is known, so that {@code
 * list.remove(0); list.get(1)} picks the right element.
 */
final class Containers {
  private static final Set<String> BUILDERS =
      Set.of(
          "java.lang.StringBuilder",
          "java.lang.StringBuffer",
          "java.io.StringWriter",
          "java.io.CharArrayWriter",
          "java.io.ByteArrayOutputStream");

  private Containers() {}

  private static boolean is(LibraryCalls c, String owner, String type) {
    return owner != null && c.interpreter().types.isSubtype(owner, type);
  }

  /** Handles a call on a modelled type; null when the call is not modelled here. */
  static Value call(LibraryCalls c, CallSite call) {
    String owner = call.owner();
    String name = call.name();
    Value recv = call.recv();
    Obj ro = call.receiverObject();
    List<Value> args = call.args();
    Node site = call.node();
    State st = call.st();
    Frame f = call.f();
    Interpreter in = c.interpreter();
    if (owner == null) {
      return null;
    }
    if (owner.equals("java.lang.String")) {
      return string(c, name, recv, args, site, st, f);
    }
    if (recv.constant() instanceof Constants.TypeRef) {
      return staticCall(c, owner, name, args, site, st, f);
    }
    // Properties: a Map, but getProperty has defaults and the project's .properties files, and
    // the object itself may be out of sight (a static field loaded elsewhere)
    if (is(c, owner, "java.util.Properties")) {
      if (name.equals("getProperty")
          && !args.isEmpty()
          && args.get(0).constant() instanceof String key) {
        Value stored = ro == null ? null : ro.entries.get(key);
        if (stored != null) {
          return stored;
        }
        String value = in.project.property(key);
        if (value != null) {
          return Value.constant(value);
        }
        return args.size() > 1 ? args.get(1) : Value.ofType("java.lang.String");
      }
      if (name.equals("setProperty")
          && ro != null
          && args.size() == 2
          && args.get(0).constant() != null) {
        st.write(ro.id).entries.put(args.get(0).constant(), args.get(1));
        return Value.UNKNOWN;
      }
      if (name.equals("load")) {
        return Value.UNKNOWN;
      }
    }
    if (ro == null) {
      return null;
    }
    if (BUILDERS.contains(owner) || BUILDERS.contains(ro.type)) {
      return builder(c, name, recv, ro, args, st, f, site);
    }
    if (is(c, owner, "java.util.Map") || (ro.type != null && is(c, ro.type, "java.util.Map"))) {
      return map(c, name, recv, ro, args, st, f, site);
    }
    if (is(c, owner, "java.util.Map.Entry")) {
      return switch (name) {
        case "getKey" -> ro.fields.getOrDefault("key", Value.UNKNOWN);
        case "getValue" -> ro.fields.getOrDefault("value", Value.UNKNOWN);
        default -> null;
      };
    }
    if (is(c, owner, "java.util.Collection")
        || is(c, owner, "java.lang.Iterable")
        || (ro.type != null && is(c, ro.type, "java.util.Collection"))) {
      return collection(c, name, recv, ro, args, st, f, site);
    }
    if (is(c, owner, "java.util.Iterator")
        || is(c, owner, "java.util.Enumeration")
        || is(c, owner, "java.util.ListIterator")) {
      return switch (name) {
        case "next", "nextElement", "previous" -> c.elementOf(recv, st);
        case "hasNext", "hasMoreElements", "hasPrevious" -> Value.ofType("boolean");
        case "remove" -> Value.UNKNOWN;
        default -> null;
      };
    }
    if (is(c, owner, "java.util.stream.Stream") || is(c, owner, "java.util.stream.BaseStream")) {
      return stream(c, name, recv, ro, args, st, f, site);
    }
    if (is(c, owner, "java.util.Optional")) {
      return optional(c, name, recv, ro, args, st, f, site);
    }
    return null;
  }

  // ---- strings ----

  private static Value string(
      LibraryCalls c, String name, Value recv, List<Value> args, Node site, State st, Frame f) {
    if (recv.constant() instanceof Constants.TypeRef) {
      return staticCall(c, "java.lang.String", name, args, site, st, f);
    }
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
    String ret = c.returnType("java.lang.String", name, args.size());
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
        Value arr = c.newArray(List.of(), "java.lang.String[]", st);
        Obj o = st.write(arr.obj());
        o.elements = null;
        o.summary = elem;
        return arr.withTaint(t);
      }
      case "concat" -> t = Taint.join(t, args.isEmpty() ? null : args.get(0).taint());
      case "format", "formatted", "join" -> {
        for (Value a : args) {
          t = Taint.join(t, c.interpreter().deepTaint(a, st));
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

  private static Value staticCall(
      LibraryCalls c, String owner, String name, List<Value> args, Node site, State st, Frame f) {
    Interpreter in = c.interpreter();
    switch (owner + "#" + name) {
      case "java.lang.String#valueOf",
          "java.lang.String#copyValueOf",
          "java.util.Objects#toString",
          "java.lang.String#format",
          "java.lang.String#join" -> {
        Taint t = null;
        boolean allConst = true;
        for (Value a : args) {
          t = Taint.join(t, in.deepTaint(a, st));
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
          } catch (RuntimeException e) {
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
          } catch (NumberFormatException e) {
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
            Value copy = c.newArray(a.elements == null ? List.of() : a.elements, null, st);
            Obj w = st.write(copy.obj());
            w.type =
                name.equals("stream") || owner.endsWith("Stream")
                    ? "java.util.stream.Stream"
                    : "java.util.ArrayList";
            if (a.elements == null) {
              w.elements = null;
            }
            w.summary = Value.join(w.summary, a.summary);
            return copy.withType(w.type);
          }
        }
        Value list = c.newArray(elems, null, st);
        String type =
            owner.endsWith("Stream") || name.equals("stream")
                ? "java.util.stream.Stream"
                : name.contains("Set") || owner.endsWith("Set") || name.equals("singleton")
                    ? "java.util.HashSet"
                    : "java.util.ArrayList";
        st.write(list.obj()).type = type;
        return list.withType(type);
      }
      case "java.util.Map#of" -> {
        Value m = in.newObject("java.util.HashMap", st);
        Obj o = st.write(m.obj());
        for (int i = 0; i + 1 < args.size(); i += 2) {
          putEntry(o, args.get(i), args.get(i + 1));
        }
        return m;
      }
      case "java.util.Optional#of", "java.util.Optional#ofNullable" -> {
        Value o = in.newObject("java.util.Optional", st);
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
        return in.newObject("java.util.Optional", st);
      }
      case "java.util.Arrays#copyOf", "java.util.Arrays#copyOfRange" -> {
        Value src = args.isEmpty() ? Value.UNKNOWN : args.get(0);
        Obj a = src.obj() == 0 ? null : st.read(src.obj());
        Value copy = c.newArray(List.of(), src.type(), st);
        Obj w = st.write(copy.obj());
        w.elements = null;
        w.summary = a == null ? src : Value.join(a.summary, a.everything());
        return copy;
      }
      case "java.lang.System#arraycopy" -> {
        if (args.size() >= 3 && args.get(2).obj() != 0) {
          Value from = c.elementOf(args.get(0), st);
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
              add(w, v);
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

  // ---- builders ----

  private static Value builder(
      LibraryCalls c,
      String name,
      Value recv,
      Obj ro,
      List<Value> args,
      State st,
      Frame f,
      Node site) {
    Obj w;
    switch (name) {
      case "append", "write", "print", "println" -> {
        w = st.write(ro.id);
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
        w.content = concat(c, w.content, add, st, site, f);
        return recv;
      }
      case "insert" -> {
        w = st.write(ro.id);
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
            new Value(
                "java.lang.String",
                k,
                0,
                Taint.join(old.taint(), c.interpreter().deepTaint(add, st)));
        return recv;
      }
      case "toString", "substring", "toByteArray", "getBuffer" -> {
        Value v = ro.content == null ? Value.constant("") : ro.content;
        if (name.equals("substring")) {
          return new Value("java.lang.String", null, 0, v.taint());
        }
        return name.equals("toString") ? v.withType("java.lang.String") : v.withType(null);
      }
      case "reverse" -> {
        w = st.write(ro.id);
        if (w.content != null && w.content.constant() instanceof String s) {
          w.content = Value.constant(new StringBuilder(s).reverse().toString());
        }
        return recv;
      }
      case "replace", "delete", "deleteCharAt", "setCharAt", "setLength" -> {
        w = st.write(ro.id);
        Value old = w.content == null ? Value.constant("") : w.content;
        Taint t = old.taint();
        if (name.equals("replace") && args.size() == 3) {
          t = Taint.join(t, args.get(2).taint());
        }
        if (name.equals("setLength")
            && args.size() == 1
            && Long.valueOf(0).equals(args.get(0).constant())) {
          w.content = Value.constant("");
          return Value.ofType("void");
        }
        w.content = new Value("java.lang.String", null, 0, t);
        return name.equals("setLength") || name.equals("setCharAt") ? Value.ofType("void") : recv;
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

  private static Value concat(LibraryCalls c, Value a, Value b, State st, Node site, Frame f) {
    Value left = a == null ? Value.constant("") : a;
    Object k =
        left.constant() != null && b.constant() != null
            ? Constants.str(left.constant()) + Constants.str(b.constant())
            : null;
    Taint added = c.interpreter().deepTaint(b, st);
    Taint t =
        Taint.join(left.taint(), added == null ? null : added.afterConstantPrefix(left.constant()));
    if (t != null && b.tainted()) {
      t = t.step(c.interpreter().findings.location(f.unit, site), "appended", CodeFlow.Kind.STEP);
    }
    return new Value("java.lang.String", t == null ? k : null, 0, t);
  }

  // ---- collections ----

  static void add(Obj o, Value v) {
    if (o.elements != null) {
      o.elements.add(v);
    }
    o.summary = Value.join(o.summary, v);
  }

  private static Value collection(
      LibraryCalls c,
      String name,
      Value recv,
      Obj ro,
      List<Value> args,
      State st,
      Frame f,
      Node site) {
    Obj w;
    switch (name) {
      case "add", "addLast", "offer", "offerLast", "push", "addElement" -> {
        w = st.write(ro.id);
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
          if (name.equals("push") && w.elements != null) {
            w.elements.add(0, args.get(0));
            w.summary = Value.join(w.summary, args.get(0));
          } else {
            add(w, args.get(args.size() - 1));
          }
        }
        return Value.ofType("boolean");
      }
      case "addFirst", "offerFirst" -> {
        w = st.write(ro.id);
        if (w.elements != null && !args.isEmpty()) {
          w.elements.add(0, args.get(0));
        }
        w.summary = Value.join(w.summary, args.isEmpty() ? null : args.get(0));
        return Value.ofType("void");
      }
      case "addAll" -> {
        w = st.write(ro.id);
        Value other = args.get(args.size() - 1);
        Obj oo = other.obj() == 0 ? null : st.read(other.obj());
        if (oo != null && oo.elements != null && w.elements != null && args.size() == 1) {
          w.elements.addAll(oo.elements);
        } else {
          w.elements = null;
        }
        w.summary = Value.join(w.summary, c.elementOf(other, st));
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
        return c.elementOf(recv, st);
      }
      case "getFirst", "peek", "peekFirst", "element", "firstElement" -> {
        return ro.elements != null && !ro.elements.isEmpty()
            ? ro.elements.get(0)
            : c.elementOf(recv, st);
      }
      case "getLast", "peekLast", "lastElement" -> {
        return ro.elements != null && !ro.elements.isEmpty()
            ? ro.elements.get(ro.elements.size() - 1)
            : c.elementOf(recv, st);
      }
      case "poll", "pollFirst", "pop", "removeFirst", "remove" -> {
        w = st.write(ro.id);
        if (name.equals("remove") && args.size() == 1) {
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
              Value e = w.elements.get(i);
              if (e != null && k.equals(e.constant())) {
                w.elements.remove(i);
                return Value.constant(true);
              }
            }
          }
          w.elements = null;
          return c.elementOf(recv, st);
        }
        if (w.elements != null && !w.elements.isEmpty()) {
          return w.elements.remove(0);
        }
        return c.elementOf(recv, st);
      }
      case "removeLast", "pollLast" -> {
        w = st.write(ro.id);
        if (w.elements != null && !w.elements.isEmpty()) {
          return w.elements.remove(w.elements.size() - 1);
        }
        return c.elementOf(recv, st);
      }
      case "set" -> {
        w = st.write(ro.id);
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
        return c.elementOf(recv, st);
      }
      case "clear", "removeAllElements" -> {
        w = st.write(ro.id);
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
        if (name.startsWith("remove") || name.equals("retainAll")) {
          st.write(ro.id).elements = null;
        }
        return Value.ofType(name.contains("ndexOf") || name.equals("hashCode") ? "int" : "boolean");
      }
      case "iterator",
          "listIterator",
          "elements",
          "stream",
          "parallelStream",
          "descendingIterator",
          "spliterator" -> {
        Value it =
            c.interpreter()
                .newObject(
                    name.contains("tream") ? "java.util.stream.Stream" : "java.util.Iterator", st);
        Obj io = st.write(it.obj());
        io.elements = ro.elements == null ? null : new ArrayList<>(ro.elements);
        io.summary = ro.summary;
        return it.withTaint(recv.taint());
      }
      case "toArray" -> {
        Value arr =
            c.newArray(ro.elements == null ? List.of() : ro.elements, "java.lang.Object[]", st);
        Obj a = st.write(arr.obj());
        if (ro.elements == null) {
          a.elements = null;
        }
        a.summary = Value.join(a.summary, ro.summary);
        return arr;
      }
      case "subList", "reversed" -> {
        Value copy = c.newArray(List.of(), "java.util.ArrayList", st);
        Obj a = st.write(copy.obj());
        a.type = "java.util.ArrayList";
        a.elements = null;
        a.summary = ro.summary;
        return copy.withType("java.util.ArrayList");
      }
      case "forEach" -> {
        if (!args.isEmpty()) {
          callWith(c, args.get(0), List.of(c.elementOf(recv, st)), st, f, site);
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

  // ---- maps ----

  private static void putEntry(Obj o, Value k, Value v) {
    if (k.constant() != null) {
      o.entries.put(k.constant(), v);
    } else {
      o.unknownEntries = Value.join(o.unknownEntries, v);
    }
    o.keys = Value.join(o.keys, k);
  }

  private static Value map(
      LibraryCalls c,
      String name,
      Value recv,
      Obj ro,
      List<Value> args,
      State st,
      Frame f,
      Node site) {
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
        putEntry(w, args.get(0), args.get(1));
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
        Value set = c.interpreter().newObject("java.util.HashSet", st);
        Obj so = st.write(set.obj());
        so.elements = null;
        switch (name) {
          case "keySet" -> so.summary = ro.keys;
          case "values" -> so.summary = ro.everything();
          default -> {
            Value entry = c.interpreter().newObject("java.util.Map.Entry", st);
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
        callWith(
            c,
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

  // ---- streams and optionals ----

  private static Value stream(
      LibraryCalls c,
      String name,
      Value recv,
      Obj ro,
      List<Value> args,
      State st,
      Frame f,
      Node site) {
    Value element = c.elementOf(recv, st);
    switch (name) {
      case "map", "flatMap", "mapToObj", "peek" -> {
        Value mapped =
            args.isEmpty() ? element : callWith(c, args.get(0), List.of(element), st, f, site);
        if (name.equals("peek")) {
          mapped = element;
        }
        Value s = c.interpreter().newObject("java.util.stream.Stream", st);
        Obj so = st.write(s.obj());
        so.elements = null;
        so.summary = name.equals("flatMap") ? c.elementOf(mapped, st) : mapped;
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
          callWith(c, args.get(0), List.of(element), st, f, site);
        }
        Value s = c.interpreter().newObject("java.util.stream.Stream", st);
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
            c.newArray(ro.elements == null ? List.of() : ro.elements, "java.util.ArrayList", st);
        Obj lo = st.write(list.obj());
        lo.type = "java.util.ArrayList";
        if (ro.elements == null) {
          lo.elements = null;
        }
        lo.summary = Value.join(lo.summary, element);
        return list.withType("java.util.ArrayList");
      }
      case "findFirst", "findAny", "min", "max", "reduce" -> {
        Value o = c.interpreter().newObject("java.util.Optional", st);
        Value content =
            ro.elements != null && !ro.elements.isEmpty() && name.equals("findFirst")
                ? ro.elements.get(0)
                : element;
        if (name.equals("reduce") && args.size() >= 2) {
          content =
              Value.join(
                  args.get(0),
                  callWith(c, args.get(args.size() - 1), List.of(element, element), st, f, site));
          return content;
        }
        st.write(o.obj()).content = content;
        return o;
      }
      case "forEach", "forEachOrdered" -> {
        callWith(c, args.get(0), List.of(element), st, f, site);
        return Value.ofType("void");
      }
      case "count", "anyMatch", "allMatch", "noneMatch" -> {
        if (!args.isEmpty()) {
          callWith(c, args.get(0), List.of(element), st, f, site);
        }
        return Value.ofType(name.equals("count") ? "long" : "boolean");
      }
      case "toArray", "iterator" -> {
        Value arr = c.newArray(List.of(), "java.lang.Object[]", st);
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

  private static Value optional(
      LibraryCalls c,
      String name,
      Value recv,
      Obj ro,
      List<Value> args,
      State st,
      Frame f,
      Node site) {
    Value content = ro.content == null ? Value.UNKNOWN : ro.content;
    switch (name) {
      case "get", "orElseThrow" -> {
        return content;
      }
      case "orElse" -> {
        return Value.join(content, args.get(0));
      }
      case "orElseGet" -> {
        return Value.join(content, callWith(c, args.get(0), List.of(), st, f, site));
      }
      case "map", "flatMap", "filter" -> {
        Value mapped = callWith(c, args.get(0), List.of(content), st, f, site);
        Value o = c.interpreter().newObject("java.util.Optional", st);
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
        callWith(c, args.get(0), List.of(content), st, f, site);
        return Value.ofType("void");
      }
      default -> {
        return null;
      }
    }
  }

  /** Applies a functional value (lambda, method reference) to arguments. */
  static Value callWith(LibraryCalls c, Value fn, List<Value> args, State st, Frame f, Node site) {
    Obj o = fn.obj() == 0 ? null : st.read(fn.obj());
    if (o != null && o.lambda != null) {
      return c.callLambda(o.lambda, args, st, f, site);
    }
    if (fn.type() != null && c.interpreter().project.classNamed(fn.type()) != null) {
      return c.instanceCall(fn, "apply", args, site, st, f);
    }
    Taint t = fn.taint();
    for (Value a : args) {
      t = Taint.join(t, a.taint());
    }
    return Value.UNKNOWN.withTaint(t);
  }

  // ---- constructors ----

  static Value construct(
      LibraryCalls c, String type, List<Value> args, Node site, State st, Frame f) {
    Interpreter in = c.interpreter();
    if (type.equals("java.lang.String")) {
      if (args.isEmpty()) {
        return Value.constant("");
      }
      Value a = args.get(0);
      if (a.constant() instanceof String s) {
        return Value.constant(s);
      }
      return new Value("java.lang.String", null, 0, in.deepTaint(a, st));
    }
    if (BUILDERS.contains(type)) {
      Value v = in.newObject(type, st);
      Obj o = st.write(v.obj());
      Value init =
          !args.isEmpty() && !(args.get(0).constant() instanceof Long)
              ? args.get(0)
              : Value.constant("");
      o.content =
          new Value(
              "java.lang.String",
              init.constant() != null ? Constants.str(init.constant()) : null,
              0,
              in.deepTaint(init, st));
      return v;
    }
    boolean isMap = in.types.isSubtype(type, "java.util.Map") || type.endsWith("Map");
    boolean isCollection =
        in.types.isSubtype(type, "java.util.Collection")
            || type.endsWith("List")
            || type.endsWith("Set")
            || type.endsWith("Queue")
            || type.endsWith("Deque")
            || type.equals("java.util.Vector")
            || type.equals("java.util.Stack");
    if (isMap || type.equals("java.util.Properties")) {
      Value v = in.newObject(type, st);
      Obj o = st.write(v.obj());
      if (!args.isEmpty() && args.get(0).obj() != 0) {
        Obj src = st.read(args.get(0).obj());
        if (src != null) {
          o.entries.putAll(src.entries);
          o.unknownEntries = src.unknownEntries;
          o.keys = src.keys;
        }
      }
      return v;
    }
    if (isCollection) {
      Value v = in.newObject(type, st);
      Obj o = st.write(v.obj());
      if (!args.isEmpty() && args.get(0).obj() != 0) {
        Obj src = st.read(args.get(0).obj());
        if (src != null) {
          o.elements = src.elements == null ? null : new ArrayList<>(src.elements);
          o.summary = src.summary;
          if (src.elements == null && src.everything() != null) {
            o.summary = Value.join(o.summary, src.everything());
          }
        }
      }
      return v;
    }
    return null;
  }
}
