package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import dev.bulwark.code.project.TypeHierarchy;
import dev.bulwark.code.rules.Category;
import dev.bulwark.code.rules.LibraryEntry;
import dev.bulwark.code.rules.LibraryModel;
import dev.bulwark.core.model.CodeFlow;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a call into library code does when no {@link TypeModel} answers it: what the {@link
 * LibraryModel} says — sources, sanitizers, propagators, flags and return types, one {@link
 * LibraryEntry} kind each — and, where it says nothing, the receiver's and arguments' taint passed
 * to the result. Static constants of library classes are read from the JDK by reflection.
 */
final class LibrarySemantics {
  private final Engine engine;
  private final Map<String, Value> constants = new HashMap<>();

  LibrarySemantics(Engine engine) {
    this.engine = engine;
  }

  /** The result of a library call: the model's answer, else its arguments' taint. */
  Value result(CallSite call, Obj ro) {
    Value modeled = modeled(call, ro);
    if (modeled != null) {
      return modeled;
    }
    String ret = returnType(call.owner(), call.name(), call.args().size());
    if (TypeHierarchy.isValueType(ret)) {
      return Value.ofType(ret);
    }
    Value out = passThrough(call.recv(), call.args(), ret, call.st());
    return withResultObject(out, ret, ro, call.st());
  }

  /**
   * A new object of a library class: what the model says of the constructor marks it, and its
   * content carries the arguments' taint, less what a sink at the call just {@code reported}.
   */
  Value construct(CallSite call, Set<Category> reported) {
    String type = call.owner();
    List<Value> args = call.args();
    State st = call.st();
    Value modeled = modeled(call, null);
    Value v = engine.newObject(type, st);
    Obj made = modeled == null || modeled.obj() == 0 ? null : st.read(modeled.obj());
    if (made != null && !made.tags.isEmpty()) {
      // what the model says of a constructor (an XML reader is a parser) marks the new object
      Obj w = st.write(v.obj());
      w.tags.addAll(made.tags);
      w.origin = made.origin;
    }
    Taint t = modeled != null ? modeled.taint() : null;
    if (modeled == null) {
      for (Value a : args) {
        t = Taint.join(t, engine.deepTaint(a, st));
      }
    }
    if (t != null && !reported.isEmpty()) {
      t = t.cleanse(reported);
    }
    if (t != null) {
      st.write(v.obj()).content = Value.UNKNOWN.withTaint(t);
    }
    return v.withTaint(t);
  }

  /** What the library model says about this call, or null when it says nothing. */
  private Value modeled(CallSite call, Obj ro) {
    String owner = call.owner();
    String name = call.name();
    Value recv = call.recv();
    List<Value> args = call.args();
    Node site = call.node();
    State st = call.st();
    Frame f = call.f();
    Value result = null;
    boolean matched = false;
    String retType = null;
    String retTag = null;
    List<String> resultTags = new ArrayList<>();
    for (LibraryEntry entry : engine.library.entriesNamed(name)) {
      if (!applies(entry.method(), owner, name, args)) {
        continue;
      }
      switch (entry) {
        case LibraryEntry.Returns r -> {
          retType = r.type();
          retTag = r.tag();
        }
        case LibraryEntry.Source s -> {
          matched = true;
          Trace t =
              Trace.source(
                  engine.findings.location(f.unit, site),
                  s.description() + " (" + Interpreter.describe(site) + ")",
                  s.confidence());
          Taint taint = Taint.of(t);
          if (!s.dangerous().isEmpty()) {
            EnumSet<Category> safe = EnumSet.allOf(Category.class);
            safe.removeAll(s.dangerous());
            taint = taint.cleanse(safe);
          }
          result = Value.join(result, Value.UNKNOWN.withTaint(taint));
        }
        case LibraryEntry.Sanitizer s -> {
          matched = true;
          Value arg =
              s.arg() == -1 ? recv : s.arg() < args.size() ? args.get(s.arg()) : Value.UNKNOWN;
          Taint t = engine.deepTaint(arg, st);
          Value v;
          if (t == null) {
            v = Value.UNKNOWN;
          } else if (s.unverified()) {
            // a guess nobody checked: the flow goes on, and what it reaches is reported at low
            // confidence with this step in its path
            v =
                Value.UNKNOWN.withTaint(
                    t.withTrace(
                        t.trace()
                            .thenCapped(
                                engine.findings.location(f.unit, site),
                                "passed " + name + ", an unverified sanitizer specification",
                                CodeFlow.Kind.SANITIZER,
                                dev.bulwark.core.model.Confidence.LOW)));
          } else {
            v =
                Value.UNKNOWN.withTaint(
                    t.cleanse(s.cleanses())
                        .step(
                            engine.findings.location(f.unit, site),
                            "cleansed by " + name,
                            CodeFlow.Kind.SANITIZER));
          }
          result = Value.join(result, v);
        }
        case LibraryEntry.Propagator p -> {
          matched = true;
          Taint t = null;
          for (int from : p.from()) {
            Value v = from == -1 ? recv : from < args.size() ? args.get(from) : null;
            t = Taint.join(t, engine.deepTaint(v, st));
          }
          if (t != null && p.restores()) {
            t = new Taint(Set.of(), t.trace(), t.approximate());
          }
          if (p.toReceiver()) {
            if (ro != null && t != null) {
              Obj w = st.write(ro.id);
              w.content = Value.join(w.content, Value.UNKNOWN.withTaint(t));
            }
            result = Value.join(result, recv.withTaint(Taint.join(recv.taint(), t)));
          } else {
            result = Value.join(result, Value.UNKNOWN.withTaint(t));
          }
        }
        case LibraryEntry.Flag fl -> {
          if (fl.onResult() && flagApplies(fl, args)) {
            resultTags.add(fl.flag());
          } else if (ro != null && flagApplies(fl, args)) {
            st.write(ro.id).tags.add(fl.flag());
          }
        }
      }
    }
    if (!matched && retType == null && resultTags.isEmpty()) {
      return null;
    }
    String type = retType != null ? retType : returnType(owner, name, args.size());
    if (!matched) {
      if (TypeHierarchy.isValueType(type)) {
        return Value.ofType(type);
      }
      result = passThrough(recv, args, type, st);
    }
    if (TypeHierarchy.isValueType(type)) {
      return Value.ofType(type);
    }
    Value out = withResultObject(result.withType(type), type, ro, st);
    if (retTag != null && out.obj() != 0) {
      Obj tagged = st.write(out.obj());
      tagged.tags.add(retTag);
      tagged.origin = engine.findings.location(f.unit, site);
    }
    if (!resultTags.isEmpty() && out.obj() != 0) {
      st.write(out.obj()).tags.addAll(resultTags);
    }
    return out;
  }

  private static boolean flagApplies(LibraryEntry.Flag fl, List<Value> args) {
    for (int i = 0; i < fl.when().size(); i++) {
      Object want = fl.when().get(i);
      if (want == null) {
        continue;
      }
      if (i >= args.size()) {
        return false;
      }
      Object got = args.get(i).constant();
      if (got == null
          || !(want.equals(got)
              || (want instanceof Long l && Constants.numeric(got) && Constants.num(got) == l))) {
        return false;
      }
    }
    return true;
  }

  boolean applies(
      dev.bulwark.code.rules.MethodSpec spec, String owner, String name, List<Value> args) {
    if (!spec.matchesName(name, args.size())) {
      return false;
    }
    return owner != null
        && (engine.types.isSubtype(owner, spec.owner()) || simpleNameMatch(owner, spec.owner()));
  }

  /** An unresolved simple type name matches a model type with that simple name. */
  static boolean simpleNameMatch(String owner, String fqn) {
    return owner.indexOf('.') < 0 && fqn.endsWith("." + owner);
  }

  /** A fresh object for results that are objects, carrying the receiver's configuration tags. */
  private Value withResultObject(Value v, String type, Obj ro, State st) {
    if (type == null
        || type.equals("java.lang.String")
        || TypeHierarchy.isValueType(type)
        || v.obj() != 0) {
      return v;
    }
    Value n = engine.newObject(type, st);
    Obj o = st.write(n.obj());
    if (ro != null) {
      o.tags.addAll(ro.tags);
    }
    return new Value(type, null, o.id, v.taint());
  }

  /** Taint of receiver and arguments, unless the result is a plain value. */
  Value passThrough(Value recv, List<Value> args, String type, State st) {
    if (TypeHierarchy.isValueType(type)) {
      return Value.ofType(type);
    }
    Taint t = engine.deepTaint(recv, st);
    for (Value a : args) {
      t = Taint.join(t, engine.deepTaint(a, st));
    }
    return new Value(type, null, 0, t == null ? null : t);
  }

  String returnType(String owner, String name, int arity) {
    if (owner == null) {
      return null;
    }
    for (LibraryEntry e : engine.library.entriesNamed(name)) {
      if (e instanceof LibraryEntry.Returns r
          && r.method().matchesName(name, arity)
          && (engine.types.isSubtype(owner, r.method().owner())
              || simpleNameMatch(owner, r.method().owner()))) {
        return r.type();
      }
    }
    for (String t : engine.types.ancestors(owner)) {
      String r = TypeHierarchy.jdkReturnType(t, name, arity);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /** A static constant of a library class, read from the JDK by reflection where possible. */
  Value libraryConstant(String owner, String name) {
    String key = owner + "#" + name;
    Value cached = constants.get(key);
    if (cached != null) {
      return cached;
    }
    Value v = Value.UNKNOWN;
    Class<?> k = TypeHierarchy.jdkClass(owner);
    if (k != null) {
      try {
        Field fld = k.getField(name);
        if (Modifier.isStatic(fld.getModifiers()) && Modifier.isFinal(fld.getModifiers())) {
          Object c =
              fld.getType().isPrimitive() || fld.getType() == String.class ? fld.get(null) : null;
          if (c instanceof Integer i) {
            c = (long) i;
          } else if (c instanceof Short s) {
            c = (long) s;
          } else if (c instanceof Byte b) {
            c = (long) b;
          } else if (c instanceof Float fl) {
            c = (double) fl;
          }
          v =
              c != null
                  ? Value.constant(c)
                  : Value.ofType(fld.getType().getName().replace('$', '.'));
          if (fld.getType().isEnum()) {
            v = new Value(owner, new Constants.EnumConst(owner, name), 0, null);
          }
        }
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        v = Value.UNKNOWN;
      }
    }
    constants.put(key, v);
    return v;
  }
}
