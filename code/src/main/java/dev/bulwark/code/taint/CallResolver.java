package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.MethodInfo;
import dev.bulwark.code.project.TypeHierarchy;
import dev.bulwark.code.rules.LibraryEntry;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls and object creation. A call of project code runs the method (the object's own class where
 * the object is known, every implementation otherwise); a lambda or method reference runs its body
 * or target; a call into library code is checked against the sinks and then answered by the first
 * {@link TypeModel} that covers it, else by {@link LibrarySemantics} (what the library model says,
 * or the arguments' taint passed through).
 */
final class CallResolver {
  private static final Set<String> FUNCTIONAL =
      Set.of(
          "apply",
          "accept",
          "test",
          "get",
          "call",
          "run",
          "applyAsInt",
          "applyAsLong",
          "applyAsDouble",
          "compare",
          "getAsInt",
          "getAsLong",
          "getAsDouble",
          "getAsBoolean");

  private final Engine engine;
  private final Evaluator interpreter;

  CallResolver(Engine engine, Evaluator interpreter) {
    this.engine = engine;
    this.interpreter = interpreter;
  }

  /**
   * Names of project methods that a rule pack of the team's own says something about (a sink, a
   * source, a sanitizer): calls of those consult the pack beside following the body.
   */
  private final Set<String> projectSpecNames = new java.util.HashSet<>();

  void indexProjectSpecs(List<dev.bulwark.code.rules.JavaRule> rules) {
    for (LibraryEntry e : engine.library.entries()) {
      if (engine.project.classNamed(e.method().owner()) != null) {
        projectSpecNames.addAll(e.method().names());
      }
    }
    for (dev.bulwark.code.rules.JavaRule r : rules) {
      for (dev.bulwark.code.rules.JavaRule.Sink s : r.sinks()) {
        if (engine.project.classNamed(s.method().owner()) != null) {
          projectSpecNames.addAll(s.method().names());
        }
      }
    }
  }

  /**
   * What a rule pack says about a call of a project method, applied to the result its body gave: a
   * source's data joins it, a sanitizer cleanses it (or, unverified, caps what it reaches at low
   * confidence), and a sink is checked when there was no body to follow (an abstract method whose
   * implementation lives elsewhere).
   */
  Value afterProjectCall(
      MethodInfo m, Value self, List<Value> args, State st, Frame f, Node site, Value result) {
    if (site == null || !projectSpecNames.contains(m.name())) {
      return result;
    }
    String owner = m.owner().fqn();
    Value out = result;
    if (m.body() == null) {
      Set<dev.bulwark.code.rules.Category> reported =
          engine.sinks.check(
              new CallSite(
                  owner, m.name(), self, args, m.isStatic(), m.isConstructor(), site, st, f));
      out = reportedOnce(out, reported);
    }
    for (LibraryEntry entry : engine.library.entriesNamed(m.name())) {
      if (engine.project.classNamed(entry.method().owner()) == null
          || !engine.librarySemantics.applies(entry.method(), owner, m.name(), args)) {
        continue;
      }
      switch (entry) {
        case LibraryEntry.Source s -> {
          Taint t =
              Taint.of(
                  Trace.source(
                      engine.findings.location(f.unit, site),
                      s.description() + " (" + Interpreter.describe(site) + ")",
                      s.confidence()));
          if (!s.dangerous().isEmpty()) {
            java.util.EnumSet<dev.bulwark.code.rules.Category> safe =
                java.util.EnumSet.allOf(dev.bulwark.code.rules.Category.class);
            safe.removeAll(s.dangerous());
            t = t.cleanse(safe);
          }
          out = out.withTaint(Taint.join(out.taint(), t));
        }
        case LibraryEntry.Sanitizer s -> {
          Taint t = engine.deepTaint(out, st);
          if (t == null) {
            continue;
          }
          Location.File at = engine.findings.location(f.unit, site);
          out =
              out.withTaint(
                  s.unverified()
                      ? t.withTrace(
                          t.trace()
                              .thenCapped(
                                  at,
                                  "passed " + m.name() + ", an unverified sanitizer specification",
                                  CodeFlow.Kind.SANITIZER,
                                  dev.bulwark.core.model.Confidence.LOW))
                      : t.cleanse(s.cleanses())
                          .step(at, "cleansed by " + m.name(), CodeFlow.Kind.SANITIZER));
        }
        default -> {}
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ entry-point parameters

  boolean isHandler(MethodInfo m) {
    for (AnnotationExpr a : m.decl().getAnnotations()) {
      if (engine.library.isHandlerAnnotation(
          engine.project.resolveType(a.getNameAsString(), m.owner(), m.owner().unit()))) {
        return true;
      }
    }
    return false;
  }

  /** Why a parameter holds untrusted input, or null when it does not. */
  String parameterSource(MethodInfo m, Parameter p, String type, boolean handler) {
    for (AnnotationExpr a : p.getAnnotations()) {
      String fqn = engine.project.resolveType(a.getNameAsString(), m.owner(), m.owner().unit());
      if (engine.library.isParameterSource(fqn)) {
        return "@" + a.getNameAsString() + " parameter '" + p.getNameAsString() + "'";
      }
    }
    if (handler && p.getAnnotations().isEmpty() && bindable(type)) {
      return "request-bound parameter '" + p.getNameAsString() + "'";
    }
    return null;
  }

  private boolean bindable(String type) {
    if (type == null) {
      return false;
    }
    return type.equals("java.lang.String")
        || type.equals("java.lang.String[]")
        || type.startsWith("java.util.List")
        || type.startsWith("java.util.Map")
        || (engine.project.classNamed(type) != null
            && !engine.types.isSubtype(type, "java.lang.Enum"));
  }

  // ------------------------------------------------------------------ calls

  Value call(MethodCallExpr m, State st, Frame f) {
    String name = m.getNameAsString();
    Expression scope = m.getScope().orElse(null);
    if (scope == null) {
      List<Value> args = interpreter.evalArgs(m.getArguments(), st, f);
      return implicitCall(m, name, args, st, f);
    }
    if (scope instanceof SuperExpr) {
      List<Value> args = interpreter.evalArgs(m.getArguments(), st, f);
      ClassInfo sup = engine.superClass(f.cls);
      if (sup != null) {
        MethodInfo target = engine.pick(engine.methodsOf(sup.fqn(), name), args);
        if (target != null && target.body() != null) {
          return interpreter.invoke(target, f.self, args, st, f, m);
        }
      }
      String owner = f.cls.supertypes().isEmpty() ? "java.lang.Object" : f.cls.supertypes().get(0);
      return library(CallSite.instance(owner, name, f.self, args, m, st, f));
    }
    Value recv = interpreter.eval(scope, st, f);
    List<Value> args = interpreter.evalArgs(m.getArguments(), st, f);
    if (recv.constant() instanceof Constants.TypeRef tr) {
      ClassInfo c = engine.project.classNamed(tr.fqn());
      if (c != null) {
        MethodInfo target = engine.pick(engine.methodsOf(tr.fqn(), name), args);
        if (target != null) {
          return interpreter.invoke(target, Value.UNKNOWN, args, st, f, m);
        }
      }
      return library(CallSite.ofStatic(tr.fqn(), name, recv, args, m, st, f));
    }
    return instanceCall(recv, name, args, m, st, f);
  }

  private Value implicitCall(MethodCallExpr m, String name, List<Value> args, State st, Frame f) {
    Value self = f.self;
    for (ClassInfo c = f.cls; c != null; c = c.outer()) {
      List<MethodInfo> ms = engine.methodsOf(selfType(self, c, st), name);
      if (ms.isEmpty()) {
        ms = engine.methodsOf(c.fqn(), name);
      }
      MethodInfo target = engine.pick(ms, args);
      if (target != null) {
        if (target.body() == null
            || (!target.isStatic()
                && self.obj() != 0
                && engine.project.classNamed(selfType(self, c, st)) != null)) {
          MethodInfo exact = engine.pick(engine.methodsOf(selfType(self, c, st), name), args);
          if (exact != null && exact.body() != null) {
            target = exact;
          }
        }
        return interpreter.invoke(target, target.isStatic() ? Value.UNKNOWN : self, args, st, f, m);
      }
      if (c.outer() != null) {
        Obj o = self.obj() == 0 ? null : st.read(self.obj());
        self = o == null ? Value.UNKNOWN : o.fields.getOrDefault("$outer", Value.UNKNOWN);
      }
    }
    String staticOwner = f.unit.staticImports().get(name);
    if (staticOwner != null) {
      return library(CallSite.ofStatic(staticOwner, name, Value.UNKNOWN, args, m, st, f));
    }
    for (String t : engine.types.ancestors(f.cls.fqn())) {
      if (engine.project.classNamed(t) == null && !t.equals("java.lang.Object")) {
        return library(CallSite.instance(t, name, f.self, args, m, st, f));
      }
    }
    return engine.librarySemantics.passThrough(Value.UNKNOWN, args, null, st).withType(null);
  }

  private String selfType(Value self, ClassInfo c, State st) {
    Obj o = self.obj() == 0 ? null : st.read(self.obj());
    return o != null && o.type != null ? o.type : c.fqn();
  }

  Value instanceCall(Value recv, String name, List<Value> args, Node site, State st, Frame f) {
    Obj ro = recv.obj() == 0 ? null : st.read(recv.obj());
    if (ro != null
        && ro.lambda != null
        && (FUNCTIONAL.contains(name) || isSingleAbstractMethod(recv.type(), name))) {
      return callLambda(ro.lambda, args, st, f, site);
    }
    String dynamicType = ro != null && ro.type != null ? ro.type : recv.type();
    List<MethodInfo> targets = dispatch(dynamicType, recv.type(), name, args);
    if (!targets.isEmpty()) {
      Value result = null;
      for (MethodInfo t : targets) {
        State branch = targets.size() == 1 ? st : st.copy();
        Value r = interpreter.invoke(t, recv, args, branch, f, site);
        result = Value.join(result, r);
        if (branch != st) {
          st.heap = State.join(st, branch).heap;
        }
      }
      return result;
    }
    String owner = recv.type() != null && !"null".equals(recv.type()) ? recv.type() : dynamicType;
    return library(CallSite.instance(owner, name, recv, args, site, st, f));
  }

  private boolean isSingleAbstractMethod(String type, String name) {
    ClassInfo c = type == null ? null : engine.project.classNamed(type);
    if (c == null || !c.isInterface()) {
      return false;
    }
    return !c.methods(name).isEmpty() && c.methods(name).get(0).body() == null;
  }

  /** The project methods a call may run: the object's own class, else every implementation. */
  private List<MethodInfo> dispatch(
      String dynamicType, String staticType, String name, List<Value> args) {
    List<MethodInfo> out = new ArrayList<>();
    if (dynamicType != null && engine.project.classNamed(dynamicType) != null) {
      MethodInfo m = engine.pick(engine.methodsOf(dynamicType, name), args);
      if (m != null && m.body() != null) {
        out.add(m);
        return out;
      }
    }
    String type = staticType != null ? staticType : dynamicType;
    if (type == null) {
      return out;
    }
    for (ClassInfo c : engine.project.subtypesOf(type)) {
      if (c.isInterface() || out.size() >= 8) {
        continue;
      }
      MethodInfo m = engine.pick(engine.methodsOf(c.fqn(), name), args);
      if (m != null && m.body() != null && !out.contains(m)) {
        out.add(m);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ lambdas

  Value lambda(LambdaExpr l, State st, Frame f) {
    Value v = engine.newObject("$lambda", st);
    Map<String, Value> captured = nonNull(st.vars);
    f.captured.forEach(captured::putIfAbsent);
    st.write(v.obj()).lambda =
        new Lambda(
            l.getParameters(),
            l.getBody(),
            Map.copyOf(captured),
            f.cls,
            f.self,
            null,
            null,
            null,
            null);
    return new Value(null, null, v.obj(), null);
  }

  private static Map<String, Value> nonNull(Map<String, Value> vars) {
    Map<String, Value> m = new HashMap<>();
    vars.forEach((k, v) -> {
      if (k != null && v != null && !k.startsWith("$static$")) {
        m.put(k, v);
      }
    });
    return m;
  }

  Value methodReference(MethodReferenceExpr r, State st, Frame f) {
    String method = r.getIdentifier();
    Expression scope = r.getScope();
    Value bound = null;
    String owner;
    if (scope instanceof TypeExpr te) {
      owner = engine.resolveType(Interpreter.typeName(te.getType()), f);
    } else if (scope instanceof ThisExpr) {
      bound = f.self;
      owner = f.cls.fqn();
    } else {
      Value v = interpreter.eval(scope, st, f);
      if (v.constant() instanceof Constants.TypeRef tr) {
        owner = tr.fqn();
      } else {
        bound = v;
        owner = v.type();
      }
    }
    MethodInfo target = null;
    if (owner != null && engine.project.classNamed(owner) != null) {
      List<MethodInfo> ms =
          method.equals("new")
              ? engine.project.classNamed(owner).constructors()
              : engine.methodsOf(owner, method);
      target = ms.isEmpty() ? null : ms.get(0);
    }
    Value v = engine.newObject("$lambda", st);
    st.write(v.obj()).lambda =
        new Lambda(List.of(), null, Map.of(), f.cls, f.self, target, bound, owner, method);
    return new Value(null, null, v.obj(), null);
  }

  Value callLambda(Lambda l, List<Value> args, State st, Frame f, Node site) {
    if (l.method() != null) {
      MethodInfo m = l.method();
      if (l.boundReceiver() != null) {
        return interpreter.invoke(m, l.boundReceiver(), args, st, f, site);
      }
      if (!m.isStatic() && !args.isEmpty() && !m.isConstructor()) {
        return interpreter.invoke(m, args.get(0), args.subList(1, args.size()), st, f, site);
      }
      return interpreter.invoke(m, Value.UNKNOWN, args, st, f, site);
    }
    if (l.body() == null) {
      if (l.boundReceiver() != null) {
        return instanceCall(l.boundReceiver(), l.libraryMethod(), args, site, st, f);
      }
      if (l.libraryOwner() != null
          && !args.isEmpty()
          && !TypeHierarchy.jdkIsStatic(l.libraryOwner(), l.libraryMethod())) {
        return instanceCall(
            args.get(0).type() == null ? args.get(0).withType(l.libraryOwner()) : args.get(0),
            l.libraryMethod(),
            args.subList(1, args.size()),
            site,
            st,
            f);
      }
      return library(
          CallSite.ofStatic(l.libraryOwner(), l.libraryMethod(), Value.UNKNOWN, args, site, st, f));
    }
    if (f.depth >= Budget.MAX_DEPTH) {
      Taint t = null;
      for (Value a : args) {
        t = Taint.join(t, engine.deepTaint(a, st));
      }
      return Value.UNKNOWN.withTaint(t);
    }
    Frame lf = new Frame(l.owner(), l.self(), f.method, f.depth + 1);
    lf.captured = l.captured();
    State body = st.copy();
    body.vars = new HashMap<>();
    for (int i = 0; i < l.parameters().size(); i++) {
      body.vars.put(
          l.parameters().get(i).getNameAsString(), i < args.size() ? args.get(i) : Value.UNKNOWN);
    }
    Value result;
    if (l.body() instanceof BlockStmt b) {
      interpreter.exec(b, body, lf);
      result = lf.returned == null ? Value.UNKNOWN : lf.returned;
      State end = State.join(body.alive ? body : null, lf.returnState);
      if (end != null) {
        st.heap = end.heap;
      }
    } else if (l.body() instanceof com.github.javaparser.ast.stmt.ExpressionStmt es) {
      result = interpreter.eval(es.getExpression(), body, lf);
      st.heap = body.heap;
    } else {
      result = Value.UNKNOWN;
    }
    return result;
  }

  /**
   * Applies a functional value that a library call received (a lambda, a method reference, an
   * object of a project class) to arguments, in the call's state and frame.
   */
  Value apply(CallSite at, Value fn, List<Value> args) {
    State st = at.st();
    Obj o = fn.obj() == 0 ? null : st.read(fn.obj());
    if (o != null && o.lambda != null) {
      return callLambda(o.lambda, args, st, at.f(), at.node());
    }
    if (fn.type() != null && engine.project.classNamed(fn.type()) != null) {
      return instanceCall(fn, "apply", args, at.node(), st, at.f());
    }
    Taint t = fn.taint();
    for (Value a : args) {
      t = Taint.join(t, a.taint());
    }
    return Value.UNKNOWN.withTaint(t);
  }

  // ------------------------------------------------------------------ library semantics

  /**
   * A call into code Bulwark does not have the source of. {@code owner} is the receiver's static
   * type (or the class of a static call).
   */
  Value library(CallSite call) {
    Set<dev.bulwark.code.rules.Category> reported = engine.sinks.check(call);
    return reportedOnce(libraryResult(call), reported);
  }

  /**
   * A result built from data a sink just reported carries that report: no second finding
   * downstream.
   */
  private static Value reportedOnce(Value v, Set<dev.bulwark.code.rules.Category> reported) {
    return reported.isEmpty() || !v.tainted() ? v : v.withTaint(v.taint().cleanse(reported));
  }

  private Value libraryResult(CallSite call) {
    Obj ro = call.receiverObject();
    Value stored = engine.attributes.call(engine, call, engine.entry);
    if (stored != null) {
      return stored;
    }
    Value special = TypeModels.call(engine, call);
    if (special != null) {
      return special;
    }
    return engine.librarySemantics.result(call, ro);
  }

  // ------------------------------------------------------------------ object creation

  Value create(ObjectCreationExpr o, State st, Frame f) {
    List<Value> args = interpreter.evalArgs(o.getArguments(), st, f);
    o.getScope().ifPresent(s -> interpreter.eval(s, st, f));
    if (o.getAnonymousClassBody().isPresent()) {
      ClassInfo anon = engine.project.classOf(o);
      String type =
          anon != null ? anon.fqn() : engine.resolveType(o.getType().getNameWithScope(), f);
      Value v = engine.newObject(type, st);
      Obj obj = st.write(v.obj());
      obj.fields.put("$outer", f.self);
      for (Map.Entry<String, Value> e : st.vars.entrySet()) {
        if (!e.getKey().startsWith("$")) {
          obj.fields.put("$cap$" + e.getKey(), e.getValue());
        }
      }
      f.captured.forEach((k, val) -> obj.fields.putIfAbsent("$cap$" + k, val));
      String sup = engine.resolveType(o.getType().getNameWithScope(), f);
      ClassInfo supClass = engine.project.classNamed(sup);
      if (supClass != null && !supClass.isInterface()) {
        MethodInfo ctor = engine.pick(supClass.constructors(), args);
        if (ctor != null) {
          interpreter.invoke(ctor, v, args, st, f, o);
        }
      }
      return v.withType(type);
    }
    String type = engine.resolveType(o.getType().getNameWithScope(), f);
    ClassInfo c = engine.project.classNamed(type);
    if (c != null) {
      Value v = engine.newObject(type, st);
      Obj obj = st.write(v.obj());
      if (!c.isStaticNested() && c.outer() != null) {
        obj.fields.put("$outer", f.self);
      }
      MethodInfo ctor = engine.pick(c.constructors(), args);
      if (ctor != null) {
        interpreter.invoke(ctor, v, args, st, f, o);
      } else if (c.node() instanceof com.github.javaparser.ast.body.RecordDeclaration rd) {
        Obj w = st.write(v.obj());
        for (int i = 0; i < rd.getParameters().size() && i < args.size(); i++) {
          w.fields.put(rd.getParameter(i).getNameAsString(), args.get(i));
        }
      }
      return v;
    }
    CallSite call = CallSite.ofConstructor(type, args, o, st, f);
    Set<dev.bulwark.code.rules.Category> reported = engine.sinks.check(call);
    Value special = TypeModels.construct(engine, call);
    if (special != null) {
      return reportedOnce(special, reported);
    }
    return engine.librarySemantics.construct(call, reported);
  }
}
