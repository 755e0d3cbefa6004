package dev.bulwark.code.taint;

import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.MethodInfo;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.project.TypeHierarchy;
import dev.bulwark.code.rules.LibraryModel;
import dev.bulwark.code.rules.RulePacks;
import java.util.ArrayList;
import java.util.List;

/**
 * What the parts of the taint engine share while one worker analyses a project: the project and its
 * class hierarchy, the library model, where findings go, whether the project is analysed as a
 * library, the budget of the entry point under way, the summaries of calls already run, and the
 * allocation of abstract objects — and the parts themselves: the {@link Interpreter} of statements
 * and expressions, the {@link CallResolver} that sends each call to project code, to a {@link
 * TypeModel} or to the library model ({@link LibrarySemantics}), and the {@link Sinks}. Each part
 * receives the engine (or, for what only evaluates, the narrower {@link Evaluator}) instead of
 * another part.
 *
 * <p>One engine per worker thread: it keeps per-run state (object ids, budgets, summaries); the
 * project model is shared and read-only.
 */
final class Engine {
  final ProjectModel project;
  final TypeHierarchy types;
  final LibraryModel library;
  final Findings findings;

  /** Whether parameters of the public API are the caller's data (see {@link LibraryMode}). */
  final boolean libraryMode;

  /** Attributes stored across entry points (sessions, requests), shared by every worker. */
  final Attributes attributes;

  /** The class whose entry point is under way (null for a probe). */
  ClassInfo entry;

  final Budget budget = new Budget();
  final Summaries summaries = new Summaries();
  final Sinks sinks;
  final LibrarySemantics librarySemantics;
  final CallResolver calls;
  private final Interpreter interpreter;
  private int nextObj = 1;

  Engine(ProjectModel project, RulePacks.Loaded rules, Findings findings, boolean libraryMode) {
    this(project, rules, findings, libraryMode, new Attributes(rules.library()));
  }

  Engine(
      ProjectModel project,
      RulePacks.Loaded rules,
      Findings findings,
      boolean libraryMode,
      Attributes attributes) {
    this.project = project;
    this.attributes = attributes;
    this.types = project.hierarchy();
    this.library = rules.library();
    this.findings = findings;
    this.libraryMode = libraryMode;
    this.sinks = new Sinks(this, rules.rules());
    this.librarySemantics = new LibrarySemantics(this);
    this.interpreter = new Interpreter(this);
    this.calls = new CallResolver(this, interpreter);
    calls.indexProjectSpecs(rules.rules());
  }

  /** Analyses every method, constructor and initializer of a class as an entry point. */
  void analyzeClass(ClassInfo c) {
    interpreter.analyzeClass(c);
  }

  /**
   * Runs one method with parameter {@code param} (-1: none) untrusted and returns what it returns,
   * or null when the probe proves nothing (see {@link Probe}).
   */
  Value probe(MethodInfo m, int param) {
    return interpreter.probe(m, param);
  }

  // ------------------------------------------------------------------ the project's types

  String resolveType(String name, Frame f) {
    return project.resolveType(name, f.cls, f.unit);
  }

  /**
   * Picks the overload whose arity fits (varargs allowed), preferring declared types that match.
   */
  MethodInfo pick(List<MethodInfo> candidates, List<Value> args) {
    MethodInfo best = null;
    int bestScore = -1;
    for (MethodInfo m : candidates) {
      int n = m.parameters().size();
      boolean fits = n == args.size() || (m.varargs() && args.size() >= n - 1);
      if (!fits) {
        continue;
      }
      int score = n == args.size() ? 1 : 0;
      for (int i = 0; i < Math.min(n, args.size()); i++) {
        String declared =
            project.resolveType(m.parameterTypes().get(i), m.owner(), m.owner().unit());
        String actual = args.get(i).type();
        if (actual != null && (actual.equals(declared) || types.isSubtype(actual, declared))) {
          score += 2;
        }
      }
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  }

  /** Methods named {@code name} on {@code type} or its supertypes (nearest first). */
  List<MethodInfo> methodsOf(String type, String name) {
    if (type == null) {
      return List.of();
    }
    for (String t : types.ancestors(type)) {
      ClassInfo c = project.classNamed(t);
      if (c == null) {
        continue;
      }
      List<MethodInfo> ms = c.methods(name);
      if (!ms.isEmpty()) {
        return ms;
      }
    }
    return List.of();
  }

  ClassInfo superClass(ClassInfo c) {
    for (String s : c.supertypes()) {
      ClassInfo sc = project.classNamed(s);
      if (sc != null && !sc.isInterface()) {
        return sc;
      }
    }
    return null;
  }

  /** The project class, among {@code type} and its ancestors, that declares {@code field}. */
  ClassInfo fieldOwner(String type, String field) {
    if (type == null) {
      return null;
    }
    for (String t : types.ancestors(type)) {
      ClassInfo c = project.classNamed(t);
      if (c != null && c.fields().containsKey(field)) {
        return c;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ abstract objects

  Value newObject(String type, State st) {
    Obj o = new Obj(nextObj++, type);
    st.add(o);
    return new Value(type, null, o.id, null);
  }

  /** The taint of a value or of anything it contains. */
  Taint deepTaint(Value v, State st) {
    if (v == null) {
      return null;
    }
    Taint t = v.taint();
    if (v.obj() != 0) {
      Obj o = st.read(v.obj());
      if (o != null) {
        Value e = o.everything();
        if (e != null) {
          t = Taint.join(t, e.taint());
        }
      }
    }
    return t;
  }

  Value newArray(List<Value> elements, String type, State st) {
    Value v = newObject(type == null ? "java.lang.Object[]" : type, st);
    Obj o = st.write(v.obj());
    o.elements = new ArrayList<>(elements);
    for (Value e : elements) {
      o.summary = Value.join(o.summary, e);
    }
    return v.withType(type == null ? "java.lang.Object[]" : type);
  }

  Value arrayGet(Value array, Value index, State st) {
    Obj o = array.obj() == 0 ? null : st.read(array.obj());
    String elemType =
        array.type() != null && array.type().endsWith("[]")
            ? array.type().substring(0, array.type().length() - 2)
            : null;
    if (o == null) {
      return array.tainted()
          ? Value.ofType(elemType).withTaint(array.taint())
          : Value.ofType(elemType);
    }
    if (o.elements != null && index.constant() != null && Constants.numeric(index.constant())) {
      int i = (int) Constants.num(index.constant());
      if (i >= 0 && i < o.elements.size()) {
        Value e = o.elements.get(i);
        return e == null ? Value.ofType(elemType) : e;
      }
    }
    Value s = o.summary == null ? Value.ofType(elemType) : o.summary;
    return array.tainted() ? s.withTaint(Taint.join(s.taint(), array.taint())) : s;
  }

  void arraySet(Value array, Value index, Value v, State st) {
    if (array.obj() == 0) {
      return;
    }
    Obj o = st.write(array.obj());
    if (o == null) {
      return;
    }
    if (o.elements != null && index.constant() != null && Constants.numeric(index.constant())) {
      int i = (int) Constants.num(index.constant());
      while (o.elements.size() <= i && i < 4096) {
        o.elements.add(null);
      }
      if (i >= 0 && i < o.elements.size()) {
        o.elements.set(i, v);
      }
    } else if (o.elements != null) {
      // an unknown index may hit any element
      for (int i = 0; i < o.elements.size(); i++) {
        o.elements.set(i, Value.join(o.elements.get(i), v));
      }
    }
    o.summary = Value.join(o.summary, v);
  }

  /** The value of an element when iterating over {@code iterable}. */
  Value elementOf(Value iterable, State st) {
    Obj o = iterable.obj() == 0 ? null : st.read(iterable.obj());
    if (o == null) {
      return iterable.tainted()
          ? Value.UNKNOWN.withTaint(iterable.taint().approximated())
          : Value.UNKNOWN;
    }
    Value v = o.summary;
    if (o.elements != null) {
      for (Value e : o.elements) {
        v = Value.join(v, e);
      }
    }
    if (v == null && !o.entries.isEmpty()) {
      v = o.keys;
    }
    if (v == null && o.content != null) {
      v = o.content;
    }
    if (iterable.tainted()) {
      v =
          v == null
              ? Value.UNKNOWN.withTaint(iterable.taint())
              : v.withTaint(Taint.join(v.taint(), iterable.taint()));
    }
    return v == null ? Value.UNKNOWN : v;
  }
}
