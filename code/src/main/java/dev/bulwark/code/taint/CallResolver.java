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
import dev.bulwark.code.rules.LibraryModel;
import dev.bulwark.code.taint.Interpreter.Frame;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Location;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls and object creation: dispatch to project code (exact type where the object is known, every
 * implementation otherwise), lambdas, and the semantics of library code — strings with constant
 * folding, lists, sets, maps, arrays, builders, iterators, streams and optionals, the properties
 * the project ships, and everything the {@link LibraryModel} says about sources, sanitizers,
 * propagators, flags and return types. What no model covers passes taint through.
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

  private final Interpreter in;
  private final LibraryModel lib;
  private final Map<String, Value> constants = new HashMap<>();

  CallResolver(Interpreter in) {
    this.in = in;
    this.lib = in.library;
  }

  /**
   * Names of project methods that a rule pack of the team's own says something about (a sink, a
   * source, a sanitizer): calls of those consult the pack beside following the body.
   */
  private final Set<String> projectSpecNames = new java.util.HashSet<>();

  void indexProjectSpecs(List<dev.bulwark.code.rules.JavaRule> rules) {
    for (LibraryEntry e : lib.entries()) {
      if (in.project.classNamed(e.method().owner()) != null) {
        projectSpecNames.addAll(e.method().names());
      }
    }
    for (dev.bulwark.code.rules.JavaRule r : rules) {
      for (dev.bulwark.code.rules.JavaRule.Sink s : r.sinks()) {
        if (in.project.classNamed(s.method().owner()) != null) {
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
          in.sinks.check(
              new CallSite(
                  owner, m.name(), self, args, m.isStatic(), m.isConstructor(), site, st, f));
      out = reportedOnce(out, reported);
    }
    for (LibraryEntry entry : lib.entriesNamed(m.name())) {
      if (in.project.classNamed(entry.method().owner()) == null
          || !applies(entry.method(), owner, m.name(), args)) {
        continue;
      }
      switch (entry) {
        case LibraryEntry.Source s -> {
          Taint t =
              Taint.of(
                  Trace.source(
                      in.findings.location(f.unit, site),
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
          Taint t = in.deepTaint(out, st);
          if (t == null) {
            continue;
          }
          Location.File at = in.findings.location(f.unit, site);
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
      if (lib.isHandlerAnnotation(
          in.project.resolveType(a.getNameAsString(), m.owner(), m.owner().unit()))) {
        return true;
      }
    }
    return false;
  }

  /** Why a parameter holds untrusted input, or null when it does not. */
  String parameterSource(MethodInfo m, Parameter p, String type, boolean handler) {
    for (AnnotationExpr a : p.getAnnotations()) {
      String fqn = in.project.resolveType(a.getNameAsString(), m.owner(), m.owner().unit());
      if (lib.isParameterSource(fqn)) {
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
        || (in.project.classNamed(type) != null && !in.types.isSubtype(type, "java.lang.Enum"));
  }

  // ------------------------------------------------------------------ calls

  Value call(MethodCallExpr m, State st, Frame f) {
    String name = m.getNameAsString();
    Expression scope = m.getScope().orElse(null);
    if (scope == null) {
      List<Value> args = in.evalArgs(m.getArguments(), st, f);
      return implicitCall(m, name, args, st, f);
    }
    if (scope instanceof SuperExpr) {
      List<Value> args = in.evalArgs(m.getArguments(), st, f);
      ClassInfo sup = in.superClass(f.cls);
      if (sup != null) {
        MethodInfo target = in.pick(in.methodsOf(sup.fqn(), name), args);
        if (target != null && target.body() != null) {
          return in.invoke(target, f.self, args, st, f, m);
        }
      }
      String owner = f.cls.supertypes().isEmpty() ? "java.lang.Object" : f.cls.supertypes().get(0);
      return library(CallSite.instance(owner, name, f.self, args, m, st, f));
    }
    Value recv = in.eval(scope, st, f);
    List<Value> args = in.evalArgs(m.getArguments(), st, f);
    if (recv.constant() instanceof Constants.TypeRef tr) {
      ClassInfo c = in.project.classNamed(tr.fqn());
      if (c != null) {
        MethodInfo target = in.pick(in.methodsOf(tr.fqn(), name), args);
        if (target != null) {
          return in.invoke(target, Value.UNKNOWN, args, st, f, m);
        }
      }
      return library(CallSite.ofStatic(tr.fqn(), name, recv, args, m, st, f));
    }
    return instanceCall(recv, name, args, m, st, f);
  }

  private Value implicitCall(MethodCallExpr m, String name, List<Value> args, State st, Frame f) {
    Value self = f.self;
    for (ClassInfo c = f.cls; c != null; c = c.outer()) {
      List<MethodInfo> ms = in.methodsOf(selfType(self, c, st), name);
      if (ms.isEmpty()) {
        ms = in.methodsOf(c.fqn(), name);
      }
      MethodInfo target = in.pick(ms, args);
      if (target != null) {
        if (target.body() == null
            || (!target.isStatic()
                && self.obj() != 0
                && in.project.classNamed(selfType(self, c, st)) != null)) {
          MethodInfo exact = in.pick(in.methodsOf(selfType(self, c, st), name), args);
          if (exact != null && exact.body() != null) {
            target = exact;
          }
        }
        return in.invoke(target, target.isStatic() ? Value.UNKNOWN : self, args, st, f, m);
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
    for (String t : in.types.ancestors(f.cls.fqn())) {
      if (in.project.classNamed(t) == null && !t.equals("java.lang.Object")) {
        return library(CallSite.instance(t, name, f.self, args, m, st, f));
      }
    }
    return passThrough(Value.UNKNOWN, args, null, st).withType(null);
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
        Value r = in.invoke(t, recv, args, branch, f, site);
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
    ClassInfo c = type == null ? null : in.project.classNamed(type);
    if (c == null || !c.isInterface()) {
      return false;
    }
    return !c.methods(name).isEmpty() && c.methods(name).get(0).body() == null;
  }

  /** The project methods a call may run: the object's own class, else every implementation. */
  private List<MethodInfo> dispatch(
      String dynamicType, String staticType, String name, List<Value> args) {
    List<MethodInfo> out = new ArrayList<>();
    if (dynamicType != null && in.project.classNamed(dynamicType) != null) {
      MethodInfo m = in.pick(in.methodsOf(dynamicType, name), args);
      if (m != null && m.body() != null) {
        out.add(m);
        return out;
      }
    }
    String type = staticType != null ? staticType : dynamicType;
    if (type == null) {
      return out;
    }
    for (ClassInfo c : in.project.subtypesOf(type)) {
      if (c.isInterface() || out.size() >= 8) {
        continue;
      }
      MethodInfo m = in.pick(in.methodsOf(c.fqn(), name), args);
      if (m != null && m.body() != null && !out.contains(m)) {
        out.add(m);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ lambdas

  Value lambda(LambdaExpr l, State st, Frame f) {
    Value v = in.newObject("$lambda", st);
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
      owner = in.resolveType(Interpreter.typeName(te.getType()), f);
    } else if (scope instanceof ThisExpr) {
      bound = f.self;
      owner = f.cls.fqn();
    } else {
      Value v = in.eval(scope, st, f);
      if (v.constant() instanceof Constants.TypeRef tr) {
        owner = tr.fqn();
      } else {
        bound = v;
        owner = v.type();
      }
    }
    MethodInfo target = null;
    if (owner != null && in.project.classNamed(owner) != null) {
      List<MethodInfo> ms =
          method.equals("new")
              ? in.project.classNamed(owner).constructors()
              : in.methodsOf(owner, method);
      target = ms.isEmpty() ? null : ms.get(0);
    }
    Value v = in.newObject("$lambda", st);
    st.write(v.obj()).lambda =
        new Lambda(List.of(), null, Map.of(), f.cls, f.self, target, bound, owner, method);
    return new Value(null, null, v.obj(), null);
  }

  Value callLambda(Lambda l, List<Value> args, State st, Frame f, Node site) {
    if (l.method() != null) {
      MethodInfo m = l.method();
      if (l.boundReceiver() != null) {
        return in.invoke(m, l.boundReceiver(), args, st, f, site);
      }
      if (!m.isStatic() && !args.isEmpty() && !m.isConstructor()) {
        return in.invoke(m, args.get(0), args.subList(1, args.size()), st, f, site);
      }
      return in.invoke(m, Value.UNKNOWN, args, st, f, site);
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
    if (f.depth >= Interpreter.MAX_DEPTH) {
      Taint t = null;
      for (Value a : args) {
        t = Taint.join(t, in.deepTaint(a, st));
      }
      return Value.UNKNOWN.withTaint(t);
    }
    Interpreter.Frame lf = in.new Frame(l.owner(), l.self(), f.method, f.depth + 1);
    lf.captured = l.captured();
    State body = st.copy();
    body.vars = new HashMap<>();
    for (int i = 0; i < l.parameters().size(); i++) {
      body.vars.put(
          l.parameters().get(i).getNameAsString(), i < args.size() ? args.get(i) : Value.UNKNOWN);
    }
    Value result;
    if (l.body() instanceof BlockStmt b) {
      in.exec(b, body, lf);
      result = lf.returned == null ? Value.UNKNOWN : lf.returned;
      State end = State.join(body.alive ? body : null, lf.returnState);
      if (end != null) {
        st.heap = end.heap;
      }
    } else if (l.body() instanceof com.github.javaparser.ast.stmt.ExpressionStmt es) {
      result = in.eval(es.getExpression(), body, lf);
      st.heap = body.heap;
    } else {
      result = Value.UNKNOWN;
    }
    return result;
  }

  // ------------------------------------------------------------------ library semantics

  /**
   * A call into code Bulwark does not have the source of. {@code owner} is the receiver's static
   * type (or the class of a static call).
   */
  Value library(CallSite call) {
    Set<dev.bulwark.code.rules.Category> reported = in.sinks.check(call);
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
    String owner = call.owner();
    String name = call.name();
    Value recv = call.recv();
    List<Value> args = call.args();
    State st = call.st();
    Obj ro = call.receiverObject();
    Value special = TypeModels.call(this, call);
    if (special != null) {
      return special;
    }
    Value modeled = modeled(call, ro);
    if (modeled != null) {
      return modeled;
    }
    String ret = returnType(owner, name, args.size());
    if (TypeHierarchy.isValueType(ret)) {
      return Value.ofType(ret);
    }
    Value out = passThrough(recv, args, ret, st);
    return withResultObject(out, ret, ro, st);
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
    for (LibraryEntry entry : lib.entriesNamed(name)) {
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
                  in.findings.location(f.unit, site),
                  s.description() + " (" + Interpreter.describe(site) + ")",
                  s.confidence());
          Taint taint = Taint.of(t);
          if (!s.dangerous().isEmpty()) {
            java.util.EnumSet<dev.bulwark.code.rules.Category> safe =
                java.util.EnumSet.allOf(dev.bulwark.code.rules.Category.class);
            safe.removeAll(s.dangerous());
            taint = taint.cleanse(safe);
          }
          result = Value.join(result, Value.UNKNOWN.withTaint(taint));
        }
        case LibraryEntry.Sanitizer s -> {
          matched = true;
          Value arg =
              s.arg() == -1 ? recv : s.arg() < args.size() ? args.get(s.arg()) : Value.UNKNOWN;
          Taint t = in.deepTaint(arg, st);
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
                                in.findings.location(f.unit, site),
                                "passed " + name + ", an unverified sanitizer specification",
                                CodeFlow.Kind.SANITIZER,
                                dev.bulwark.core.model.Confidence.LOW)));
          } else {
            v =
                Value.UNKNOWN.withTaint(
                    t.cleanse(s.cleanses())
                        .step(
                            in.findings.location(f.unit, site),
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
            t = Taint.join(t, in.deepTaint(v, st));
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
      tagged.origin = in.findings.location(f.unit, site);
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
        && (in.types.isSubtype(owner, spec.owner()) || simpleNameMatch(owner, spec.owner()));
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
    Value n = in.newObject(type, st);
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
    Taint t = in.deepTaint(recv, st);
    for (Value a : args) {
      t = Taint.join(t, in.deepTaint(a, st));
    }
    return new Value(type, null, 0, t == null ? null : t);
  }

  String returnType(String owner, String name, int arity) {
    if (owner == null) {
      return null;
    }
    for (LibraryEntry e : lib.entriesNamed(name)) {
      if (e instanceof LibraryEntry.Returns r
          && r.method().matchesName(name, arity)
          && (in.types.isSubtype(owner, r.method().owner())
              || simpleNameMatch(owner, r.method().owner()))) {
        return r.type();
      }
    }
    for (String t : in.types.ancestors(owner)) {
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

  // ------------------------------------------------------------------ object creation

  Value create(ObjectCreationExpr o, State st, Frame f) {
    List<Value> args = in.evalArgs(o.getArguments(), st, f);
    o.getScope().ifPresent(s -> in.eval(s, st, f));
    if (o.getAnonymousClassBody().isPresent()) {
      ClassInfo anon = in.project.classOf(o);
      String type = anon != null ? anon.fqn() : in.resolveType(o.getType().getNameWithScope(), f);
      Value v = in.newObject(type, st);
      Obj obj = st.write(v.obj());
      obj.fields.put("$outer", f.self);
      for (Map.Entry<String, Value> e : st.vars.entrySet()) {
        if (!e.getKey().startsWith("$")) {
          obj.fields.put("$cap$" + e.getKey(), e.getValue());
        }
      }
      f.captured.forEach((k, val) -> obj.fields.putIfAbsent("$cap$" + k, val));
      String sup = in.resolveType(o.getType().getNameWithScope(), f);
      ClassInfo supClass = in.project.classNamed(sup);
      if (supClass != null && !supClass.isInterface()) {
        MethodInfo ctor = in.pick(supClass.constructors(), args);
        if (ctor != null) {
          in.invoke(ctor, v, args, st, f, o);
        }
      }
      return v.withType(type);
    }
    String type = in.resolveType(o.getType().getNameWithScope(), f);
    ClassInfo c = in.project.classNamed(type);
    if (c != null) {
      Value v = in.newObject(type, st);
      Obj obj = st.write(v.obj());
      if (!c.isStaticNested() && c.outer() != null) {
        obj.fields.put("$outer", f.self);
      }
      MethodInfo ctor = in.pick(c.constructors(), args);
      if (ctor != null) {
        in.invoke(ctor, v, args, st, f, o);
      } else if (c.node() instanceof com.github.javaparser.ast.body.RecordDeclaration rd) {
        Obj w = st.write(v.obj());
        for (int i = 0; i < rd.getParameters().size() && i < args.size(); i++) {
          w.fields.put(rd.getParameter(i).getNameAsString(), args.get(i));
        }
      }
      return v;
    }
    CallSite call = CallSite.ofConstructor(type, args, o, st, f);
    Set<dev.bulwark.code.rules.Category> reported = in.sinks.check(call);
    Value special = TypeModels.construct(this, type, args, o, st, f);
    if (special != null) {
      return reportedOnce(special, reported);
    }
    Value modeled = modeled(call, null);
    Value v = in.newObject(type, st);
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
        t = Taint.join(t, in.deepTaint(a, st));
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

  // ------------------------------------------------------------------ arrays and iteration

  Value newArray(List<Value> elements, String type, State st) {
    Value v = in.newObject(type == null ? "java.lang.Object[]" : type, st);
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

  Interpreter interpreter() {
    return in;
  }
}
