package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.*;
import com.github.javaparser.ast.stmt.*;
import com.github.javaparser.ast.type.Type;
import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.MethodInfo;
import dev.bulwark.code.project.TypeHierarchy;
import dev.bulwark.code.taint.Frame.FlowCtx;
import dev.bulwark.core.analysis.FileTimeBudget;
import dev.bulwark.core.model.CodeFlow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An abstract interpreter for Java method bodies. It runs each method of the project once as an
 * entry point and, at every call of a project method, runs the callee again with the abstract
 * arguments of that call — so two callers passing a constant and a tainted value get different
 * answers (context sensitivity by re-analysis, bounded in depth and steps). Conditions that fold to
 * a constant prune the branch not taken; loops iterate until the state is stable.
 *
 * <p>Values carry taint, constants, types and references to abstract objects; see {@link Value},
 * {@link Obj}. The interpreter is one part of an {@link Engine}: the project's types, the budgets,
 * the call summaries and the abstract objects are the engine's, calls go to the engine's {@link
 * CallResolver} and sinks to its {@link Sinks}. What it keeps of its own is the stack of methods
 * under way and the values of static fields.
 */
final class Interpreter implements Evaluator {
  /** Copying a state costs one step per this many live variables (branches in huge methods). */
  private static final int VARS_PER_STEP = 16;

  private final Engine engine;
  private final Deque<MethodInfo> stack = new ArrayDeque<>();
  private final Map<String, Value> staticConstants = new HashMap<>();
  private final Map<String, List<Obj>> staticObjects = new HashMap<>();
  private final Set<String> evaluatingStatics = new HashSet<>();

  private final Validators validators = new Validators(this);

  Interpreter(Engine engine) {
    this.engine = engine;
  }

  // ------------------------------------------------------------------ entry points

  /** Analyses every method, constructor and initializer of a class as an entry point. */
  void analyzeClass(ClassInfo c) {
    for (List<MethodInfo> ms : c.allMethods().values()) {
      for (MethodInfo m : ms) {
        if (m.body() != null) {
          analyzeEntry(m);
        }
      }
    }
    for (MethodInfo m : c.constructors()) {
      if (m.body() != null) {
        analyzeEntry(m);
      }
    }
    runInitializers(c);
  }

  private void runInitializers(ClassInfo c) {
    engine.entry = c;
    engine.budget.start();
    try {
      Value self = engine.newObject(c.fqn(), new State());
      State st = new State();
      Frame f = new Frame(c, self, null, 0);
      for (var field : c.fields().values()) {
        if (field.decl() != null && field.variable() >= 0) {
          var v = field.decl().getVariable(field.variable());
          v.getInitializer().ifPresent(init -> eval(init, st, f));
        }
      }
      for (InitializerDeclaration init : c.initializers()) {
        exec(init.getBody(), st, f);
      }
    } catch (Budget.Exceeded | Budget.CallExceeded | StackOverflowError e) {
      // an initializer too large to analyse is skipped
    }
  }

  void analyzeEntry(MethodInfo m) {
    engine.entry = m.owner();
    engine.budget.start();
    stack.clear();
    try {
      State st = new State();
      Value self = m.isStatic() ? Value.UNKNOWN : entrySelf(m.owner(), st);
      Frame f = new Frame(m.owner(), self, m, 0);
      boolean handler = engine.calls.isHandler(m);
      List<Parameter> params = m.parameters();
      for (int i = 0; i < params.size(); i++) {
        Parameter p = params.get(i);
        String type = engine.resolveType(m.parameterTypes().get(i), f);
        Value v = Value.ofType(type);
        String why = engine.calls.parameterSource(m, p, type, handler);
        if (why != null) {
          v = v.withTaint(Taint.of(Trace.source(engine.findings.location(f.unit, p), why)));
        } else if (engine.libraryMode && (why = LibraryMode.parameterSource(m, p, type)) != null) {
          v =
              v.withTaint(
                  Taint.of(Trace.source(engine.findings.location(f.unit, p), why))
                      .cleanse(EnumSet.complementOf(EnumSet.copyOf(LibraryMode.DANGEROUS))));
        }
        st.vars.put(p.getNameAsString(), v);
      }
      stack.push(m);
      exec(m.body(), st, f);
      if (m.isConstructor()) {
        State end = State.join(st.alive ? st : null, f.returnState);
        if (end != null) {
          engine.sinks.fieldsAfterConstructor(m.owner(), self, end);
        }
      }
    } catch (Budget.Exceeded | Budget.CallExceeded | StackOverflowError e) {
      // analysed as far as the budget allowed; findings made so far stand, and the stop is counted
      engine.findings.budgetStopped(m.owner().unit(), m.decl());
    } catch (FileTimeBudget.Exceeded e) {
      throw e; // the class's file is over its time budget: reported where the budget was set
    } catch (RuntimeException e) {
      // a construct the interpreter mishandles must cost one method, not the scan
      engine.findings.failed(m.owner().unit(), m.decl(), e);
    } finally {
      stack.clear();
    }
  }

  /** How long one probe of a method may take: probes check one method, not a whole entry point. */
  private static final long PROBE_NANOS = 2_000_000_000L;

  /**
   * Runs one method with parameter {@code param} (or none, for -1) marked as untrusted and returns
   * what the method returns; the sinks it reaches are reported to this interpreter's findings.
   * Specification inference checks a proposed spec this way (see {@link Probe}).
   */
  Value probe(MethodInfo m, int param) {
    engine.entry = null;
    engine.budget.start(PROBE_NANOS);
    stack.clear();
    try {
      State st = new State();
      Value self = m.isStatic() ? Value.UNKNOWN : entrySelf(m.owner(), st);
      Frame f = new Frame(m.owner(), self, m, 0);
      List<Parameter> params = m.parameters();
      for (int i = 0; i < params.size(); i++) {
        Parameter p = params.get(i);
        Value v = Value.ofType(engine.resolveType(m.parameterTypes().get(i), f));
        if (i == param) {
          v =
              v.withTaint(
                  Taint.of(
                      Trace.source(
                          engine.findings.location(f.unit, p),
                          Probe.PARAMETER + " '" + p.getNameAsString() + "'")));
        }
        st.vars.put(p.getNameAsString(), v);
      }
      stack.push(m);
      exec(m.body(), st, f);
      if (f.returned == null) {
        return Value.UNKNOWN;
      }
      State end = f.returnState != null ? f.returnState : st;
      return Value.UNKNOWN.withTaint(engine.deepTaint(f.returned, end));
    } catch (RuntimeException | StackOverflowError e) {
      // over budget or a construct the interpreter mishandles: the probe proves nothing
      return null;
    } finally {
      stack.clear();
    }
  }

  private Value entrySelf(ClassInfo c, State st) {
    return engine.newObject(c.fqn(), st);
  }

  /** A copy of the state for one branch, charged by the variables it copies. */
  private State branch(State st) {
    engine.budget.charge(st.vars.size() / VARS_PER_STEP);
    return st.copy();
  }

  // ------------------------------------------------------------------ project calls

  @Override
  public Value invoke(
      MethodInfo m, Value self, List<Value> args, State st, Frame caller, Node site) {
    Value r = invokeBody(m, self, args, st, caller, site);
    validators.afterCall(m, self, args, st, caller, site);
    return engine.calls.afterProjectCall(m, self, args, st, caller, site, r);
  }

  private Value invokeBody(
      MethodInfo m, Value self, List<Value> args, State st, Frame caller, Node site) {
    if (m.body() == null) {
      return Value.ofType(engine.resolveType(m.returnType(), caller));
    }
    if (caller.depth >= Budget.MAX_DEPTH || stack.contains(m)) {
      Taint t = null;
      for (Value a : args) {
        t = Taint.join(t, engine.deepTaint(a, st));
      }
      return Value.ofType(engine.resolveType(m.returnType(), caller))
          .withTaint(t == null ? null : t.approximated());
    }
    Summaries.Key key = engine.summaries.keyFor(m, self, args, caller.depth);
    if (key != null) {
      Value known = engine.summaries.get(m, key);
      if (known != null) {
        return known;
      }
    }
    long outer = engine.budget.enterCall();
    long mine = engine.budget.callDeadline();
    Value r;
    try {
      r = run(m, self, args, st, caller);
    } catch (Budget.CallExceeded e) {
      if (e.deadline != mine || mine == outer) {
        throw e; // an enclosing call's budget: that call degrades, not this one
      }
      // too costly to follow: the call's effects are dropped and its result carries its
      // arguments' taint, as for recursion past the depth bound
      engine.findings.callBudgetStopped(m.owner().unit(), m.decl());
      Taint t = null;
      for (Value a : args) {
        t = Taint.join(t, engine.deepTaint(a, st));
      }
      r =
          Value.ofType(engine.resolveType(m.returnType(), caller))
              .withTaint(t == null ? null : t.approximated());
    } finally {
      engine.budget.exitCall(outer);
    }
    if (key != null) {
      engine.summaries.put(m, key, r);
    }
    return r;
  }

  private Value run(MethodInfo m, Value self, List<Value> args, State st, Frame caller) {
    State callee = st.copy();
    callee.vars = new HashMap<>();
    Frame f = new Frame(m.owner(), self, m, caller.depth + 1);
    List<Parameter> params = m.parameters();
    for (int i = 0; i < params.size(); i++) {
      Value v;
      if (m.varargs()
          && i == params.size() - 1
          && !(args.size() == params.size() && isArrayLike(args.get(i), st))) {
        List<Value> rest = i < args.size() ? args.subList(i, args.size()) : List.of();
        v = engine.newArray(rest, engine.resolveType(m.parameterTypes().get(i), f) + "[]", callee);
      } else {
        v = i < args.size() ? args.get(i) : Value.UNKNOWN;
        String declared = engine.resolveType(m.parameterTypes().get(i), f);
        if (v.type() == null || "null".equals(v.type())) {
          v = v.withType(declared);
        }
        if (v.tainted() && TypeHierarchy.isValueType(declared)) {
          v = v.untainted();
        }
      }
      if (v.tainted()) {
        v =
            v.step(
                engine.findings.location(f.unit, params.get(i)),
                "parameter " + params.get(i).getNameAsString() + " of " + m.name());
      }
      callee.vars.put(params.get(i).getNameAsString(), v);
    }
    stack.push(m);
    try {
      exec(m.body(), callee, f);
    } finally {
      stack.pop();
    }
    State end = callee.alive ? callee : null;
    end = State.join(end, f.returnState);
    end = State.join(end, f.throwState);
    if (end != null) {
      st.heap = end.heap;
    }
    Value r =
        f.returned == null ? Value.ofType(engine.resolveType(m.returnType(), caller)) : f.returned;
    if (r.type() == null) {
      r = r.withType(engine.resolveType(m.returnType(), f));
    }
    if (r.tainted() && TypeHierarchy.isValueType(engine.resolveType(m.returnType(), f))) {
      r = r.untainted();
    }
    return r;
  }

  private boolean isArrayLike(Value v, State st) {
    return v.type() != null && v.type().endsWith("[]");
  }

  // ------------------------------------------------------------------ statements

  @Override
  public void exec(Statement s, State st, Frame f) {
    if (s == null || !st.alive) {
      return;
    }
    engine.budget.tick();
    switch (s) {
      case BlockStmt b -> {
        for (Statement x : b.getStatements()) {
          if (!st.alive) {
            break;
          }
          exec(x, st, f);
        }
      }
      case ExpressionStmt e -> eval(e.getExpression(), st, f);
      case IfStmt i -> execIf(i, st, f);
      case WhileStmt w -> loop(null, w.getCondition(), null, w.getBody(), st, f, false);
      case DoStmt d -> loop(null, d.getCondition(), null, d.getBody(), st, f, true);
      case ForStmt fs -> {
        for (Expression init : fs.getInitialization()) {
          eval(init, st, f);
        }
        loop(null, fs.getCompare().orElse(null), fs.getUpdate(), fs.getBody(), st, f, false);
      }
      case ForEachStmt fe -> forEach(fe, st, f);
      case ReturnStmt r -> {
        Value v = r.getExpression().map(x -> eval(x, st, f)).orElse(null);
        if (v != null) {
          if (v.tainted()) {
            v = v.step(engine.findings.location(f.unit, r), "returned");
          }
          f.returned = Value.join(f.returned, v);
          engine.sinks.returned(v, r, st, f);
        }
        f.returnState = State.join(f.returnState, st);
        st.alive = false;
      }
      case ThrowStmt t -> {
        eval(t.getExpression(), st, f);
        f.throwState = State.join(f.throwState, st);
        st.alive = false;
      }
      case BreakStmt b -> {
        FlowCtx ctx = f.flow.peek();
        if (ctx != null) {
          ctx.breaks = State.join(ctx.breaks, st);
        }
        st.alive = false;
      }
      case ContinueStmt c -> {
        FlowCtx ctx = innermostLoop(f);
        if (ctx != null) {
          ctx.continues = State.join(ctx.continues, st);
        }
        st.alive = false;
      }
      case SwitchStmt sw -> switchStmt(sw.getSelector(), sw.getEntries(), st, f, false);
      case TryStmt t -> tryStmt(t, st, f);
      case SynchronizedStmt sy -> {
        eval(sy.getExpression(), st, f);
        exec(sy.getBody(), st, f);
      }
      case LabeledStmt l -> exec(l.getStatement(), st, f);
      case LocalClassDeclarationStmt l -> {}
      case LocalRecordDeclarationStmt l -> {}
      case AssertStmt a -> eval(a.getCheck(), st, f);
      case ExplicitConstructorInvocationStmt e -> explicitConstructor(e, st, f);
      case YieldStmt y -> {
        Value v = eval(y.getExpression(), st, f);
        if (f.yields != null) {
          f.yields.add(v);
        }
        FlowCtx ctx = f.flow.peek();
        if (ctx != null) {
          ctx.breaks = State.join(ctx.breaks, st);
        }
        st.alive = false;
      }
      case EmptyStmt e -> {}
      default -> {}
    }
  }

  private FlowCtx innermostLoop(Frame f) {
    for (FlowCtx c : f.flow) {
      if (c.loop) {
        return c;
      }
    }
    return null;
  }

  private void execIf(IfStmt i, State st, Frame f) {
    Value c = eval(i.getCondition(), st, f);
    if (c.constant() instanceof Boolean b) {
      if (b) {
        exec(i.getThenStmt(), st, f);
      } else if (i.getElseStmt().isPresent()) {
        exec(i.getElseStmt().get(), st, f);
      }
      return;
    }
    State then = branch(st);
    Guards.refine(this, i.getCondition(), true, then, f);
    exec(i.getThenStmt(), then, f);
    State other = st.copy();
    Guards.refine(this, i.getCondition(), false, other, f);
    i.getElseStmt().ifPresent(e -> exec(e, other, f));
    State joined = State.join(then, other);
    copyInto(joined, st);
  }

  private static void copyInto(State from, State to) {
    if (from == null) {
      to.alive = false;
      return;
    }
    to.vars = from.vars;
    to.heap = from.heap;
    to.alive = from.alive;
  }

  private void loop(
      Statement unused,
      Expression cond,
      NodeList<Expression> update,
      Statement body,
      State st,
      Frame f,
      boolean doWhile) {
    FlowCtx ctx = new FlowCtx(true);
    f.flow.push(ctx);
    try {
      State head = branch(st);
      State exit = null;
      for (int iter = 0; iter < 3; iter++) {
        if (!doWhile || iter > 0) {
          Value c = cond == null ? Value.constant(true) : eval(cond, head, f);
          if (Boolean.FALSE.equals(c.constant())) {
            exit = State.join(exit, head);
            break;
          }
          if (!Boolean.TRUE.equals(c.constant())) {
            exit = State.join(exit, head);
          }
        }
        State bodyState = head.copy();
        ctx.continues = null;
        exec(body, bodyState, f);
        State next = State.join(bodyState, ctx.continues);
        if (next != null && next.alive && update != null) {
          for (Expression u : update) {
            eval(u, next, f);
          }
        }
        if (next == null || !next.alive) {
          break;
        }
        if (head.covers(next)) {
          break;
        }
        head = State.join(head, next);
      }
      exit = State.join(exit, ctx.breaks);
      copyInto(exit, st);
    } finally {
      f.flow.pop();
    }
  }

  private void forEach(ForEachStmt fe, State st, Frame f) {
    Value iterable = eval(fe.getIterable(), st, f);
    Value element = engine.elementOf(iterable, st);
    String declared =
        engine.resolveType(
            typeOf(fe.getVariable().getVariables().get(0), fe.getVariable().getElementType()), f);
    if (!"var".equals(declared)) {
      element = element.withType(declared);
      if (element.tainted() && TypeHierarchy.isValueType(declared)) {
        element = element.untainted();
      }
    }
    String name = fe.getVariable().getVariables().get(0).getNameAsString();
    FlowCtx ctx = new FlowCtx(true);
    f.flow.push(ctx);
    try {
      State head = branch(st);
      State exit = head.copy();
      for (int iter = 0; iter < 3; iter++) {
        State body = head.copy();
        body.vars.put(name, element);
        ctx.continues = null;
        exec(fe.getBody(), body, f);
        State next = State.join(body, ctx.continues);
        if (next == null || !next.alive || head.covers(next)) {
          break;
        }
        head = State.join(head, next);
        exit = State.join(exit, head);
      }
      exit = State.join(exit, ctx.breaks);
      copyInto(exit, st);
    } finally {
      f.flow.pop();
    }
  }

  private static String typeOf(VariableDeclarator v, Type element) {
    return typeName(v.getType());
  }

  static String typeName(Type t) {
    if (t.isClassOrInterfaceType()) {
      return t.asClassOrInterfaceType().getNameWithScope();
    }
    if (t.isArrayType()) {
      return typeName(t.asArrayType().getComponentType()) + "[]";
    }
    if (t.isVarType()) {
      return "var";
    }
    return t.asString();
  }

  /** Switch statements and expressions; returns the joined value of a switch expression. */
  private Value switchStmt(
      Expression selector, NodeList<SwitchEntry> entries, State st, Frame f, boolean expression) {
    Value sel = eval(selector, st, f);
    FlowCtx ctx = new FlowCtx(false);
    f.flow.push(ctx);
    List<Value> saveYields = f.yields;
    f.yields = new ArrayList<>();
    try {
      int start = -1;
      if (sel.constant() != null) {
        int dflt = -1;
        for (int i = 0; i < entries.size() && start < 0; i++) {
          SwitchEntry e = entries.get(i);
          if (e.getLabels().isEmpty()) {
            dflt = i;
          }
          for (Expression label : e.getLabels()) {
            if (matchesLabel(sel, label, st, f)) {
              start = i;
            }
          }
        }
        if (start < 0) {
          start = dflt;
        }
        if (start < 0) {
          f.flow.pop();
          f.flow.push(ctx);
          return Value.UNKNOWN;
        }
      }
      State fall = null;
      State end = null;
      boolean anyDefault = false;
      for (int i = Math.max(0, start); i < entries.size(); i++) {
        SwitchEntry e = entries.get(i);
        anyDefault |= e.getLabels().isEmpty();
        State in;
        if (start >= 0) {
          in = i == start ? st.copy() : fall;
          if (in == null || !in.alive) {
            break;
          }
        } else {
          in = State.join(st.copy(), fall);
        }
        if (e.getType() == SwitchEntry.Type.EXPRESSION
            && e.getStatements().size() == 1
            && e.getStatements().get(0) instanceof ExpressionStmt es) {
          f.yields.add(eval(es.getExpression(), in, f));
          ctx.breaks = State.join(ctx.breaks, in);
          in.alive = false;
        } else {
          for (Statement s : e.getStatements()) {
            exec(s, in, f);
          }
        }
        boolean arrow = e.getType() != SwitchEntry.Type.STATEMENT_GROUP;
        if (arrow && in.alive) {
          ctx.breaks = State.join(ctx.breaks, in);
          in.alive = false;
        }
        fall = in;
        end = in;
      }
      State exit = State.join(ctx.breaks, end != null && end.alive ? end : null);
      if (start < 0 && !anyDefault && !expression) {
        exit = State.join(exit, st);
      }
      copyInto(exit, st);
      Value result = null;
      for (Value y : f.yields) {
        result = Value.join(result, y);
      }
      return result == null ? Value.UNKNOWN : result;
    } finally {
      f.flow.pop();
      f.yields = saveYields;
    }
  }

  private boolean matchesLabel(Value sel, Expression label, State st, Frame f) {
    if (sel.constant() instanceof Constants.EnumConst ec && label instanceof NameExpr n) {
      return ec.name().equals(n.getNameAsString());
    }
    Value l = eval(label, st, f);
    return l.constant() != null
        && Boolean.TRUE.equals(Constants.binary("EQUALS", sel.constant(), l.constant()));
  }

  private void tryStmt(TryStmt t, State st, Frame f) {
    for (Expression r : t.getResources()) {
      eval(r, st, f);
    }
    State entry = st.copy();
    State saveThrow = f.throwState;
    f.throwState = null;
    exec(t.getTryBlock(), st, f);
    State thrown = f.throwState;
    f.throwState = saveThrow;
    State afterTry = st.alive ? st.copy() : null;
    State out = afterTry;
    for (CatchClause c : t.getCatchClauses()) {
      State cs = State.join(State.join(entry, thrown), afterTry);
      if (cs == null) {
        continue;
      }
      cs.vars.put(
          c.getParameter().getNameAsString(),
          Value.ofType(engine.resolveType(typeName(c.getParameter().getType()), f)));
      exec(c.getBody(), cs, f);
      out = State.join(out, cs.alive ? cs : null);
    }
    if (t.getFinallyBlock().isPresent()) {
      State fin = out != null ? out : State.join(entry, thrown);
      if (fin != null) {
        boolean wasAlive = out != null && out.alive;
        fin.alive = true;
        exec(t.getFinallyBlock().get(), fin, f);
        if (!wasAlive) {
          fin.alive = false;
        }
        out = fin;
      }
    }
    copyInto(out, st);
  }

  private void explicitConstructor(ExplicitConstructorInvocationStmt e, State st, Frame f) {
    List<Value> args = evalArgs(e.getArguments(), st, f);
    ClassInfo target = e.isThis() ? f.cls : engine.superClass(f.cls);
    if (target == null) {
      return;
    }
    MethodInfo ctor = engine.pick(target.constructors(), args);
    if (ctor != null) {
      invoke(ctor, f.self, args, st, f, e);
    }
  }

  // ------------------------------------------------------------------ expressions

  @Override
  public Value eval(Expression e, State st, Frame f) {
    if (e == null) {
      return Value.UNKNOWN;
    }
    engine.budget.tick();
    return switch (e) {
      case StringLiteralExpr s -> Value.constant(s.asString());
      case TextBlockLiteralExpr t -> Value.constant(t.asString());
      case IntegerLiteralExpr i -> Value.constant(parseLong(i.getValue()));
      case LongLiteralExpr l -> Value.constant(parseLong(l.getValue()));
      case CharLiteralExpr c -> Value.constant(c.asChar());
      case BooleanLiteralExpr b -> Value.constant(b.getValue());
      case DoubleLiteralExpr d -> Value.constant(parseDouble(d.getValue()));
      case NullLiteralExpr n -> Value.NULL;
      case NameExpr n -> name(n, st, f);
      case FieldAccessExpr fa -> fieldAccess(fa, st, f);
      case AssignExpr a -> assign(a, st, f);
      case BinaryExpr b -> binary(b, st, f);
      case UnaryExpr u -> unary(u, st, f);
      case ConditionalExpr c -> conditional(c, st, f);
      case EnclosedExpr en -> eval(en.getInner(), st, f);
      case CastExpr c -> cast(c, st, f);
      case MethodCallExpr m -> engine.calls.call(m, st, f);
      case ObjectCreationExpr o -> engine.calls.create(o, st, f);
      case ArrayCreationExpr a -> arrayCreation(a, st, f);
      case ArrayInitializerExpr a -> engine.newArray(evalArgs(a.getValues(), st, f), null, st);
      case ArrayAccessExpr a ->
          engine.arrayGet(eval(a.getName(), st, f), eval(a.getIndex(), st, f), st);
      case VariableDeclarationExpr v -> declare(v, st, f);
      case InstanceOfExpr i -> instanceOf(i, st, f);
      case LambdaExpr l -> engine.calls.lambda(l, st, f);
      case MethodReferenceExpr m -> engine.calls.methodReference(m, st, f);
      case ThisExpr t -> thisValue(t, f, st);
      case SuperExpr s -> f.self;
      case ClassExpr c -> Value.ofType("java.lang.Class");
      case SwitchExpr sw -> switchStmt(sw.getSelector(), sw.getEntries(), st, f, true);
      case TypeExpr t ->
          new Value(
              engine.resolveType(typeName(t.getType()), f),
              new Constants.TypeRef(engine.resolveType(typeName(t.getType()), f)),
              0,
              null);
      default -> Value.UNKNOWN;
    };
  }

  static Long parseLong(String text) {
    String t = text.replace("_", "");
    if (t.endsWith("L") || t.endsWith("l")) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) {
        return Long.parseUnsignedLong(t.substring(2), 16);
      }
      if (t.startsWith("0b") || t.startsWith("0B")) {
        return Long.parseUnsignedLong(t.substring(2), 2);
      }
      if (t.length() > 1 && t.startsWith("0")) {
        return Long.parseLong(t.substring(1), 8);
      }
      return Long.parseLong(t);
    } catch (NumberFormatException ex) {
      return null;
    }
  }

  static Double parseDouble(String text) {
    try {
      return Double.parseDouble(text.replace("_", "").replaceAll("[dDfF]$", ""));
    } catch (NumberFormatException ex) {
      return null;
    }
  }

  @Override
  public List<Value> evalArgs(List<Expression> args, State st, Frame f) {
    List<Value> out = new ArrayList<>(args.size());
    for (Expression a : args) {
      out.add(eval(a, st, f));
    }
    return out;
  }

  private Value thisValue(ThisExpr t, Frame f, State st) {
    if (t.getTypeName().isPresent()) {
      String outerName = t.getTypeName().get().asString();
      Value v = f.self;
      ClassInfo c = f.cls;
      while (c != null && !c.simpleName().equals(outerName) && !c.fqn().endsWith("." + outerName)) {
        Obj o = v.obj() == 0 ? null : st.read(v.obj());
        v = o == null ? Value.UNKNOWN : o.fields.getOrDefault("$outer", Value.UNKNOWN);
        c = c.outer();
      }
      return v;
    }
    return f.self;
  }

  private Value name(NameExpr n, State st, Frame f) {
    String name = n.getNameAsString();
    Value v = st.vars.get(name);
    if (v != null) {
      return v;
    }
    v = f.captured.get(name);
    if (v != null) {
      return v;
    }
    Value field = implicitField(name, st, f);
    if (field != null) {
      return field;
    }
    String type = engine.project.resolveType(name, f.cls, f.unit);
    if (!type.equals(name)
        || engine.project.classNamed(type) != null
        || TypeHierarchy.jdkClass(type) != null) {
      return new Value(type, new Constants.TypeRef(type), 0, null);
    }
    String staticOwner = f.unit.staticImports().get(name);
    if (staticOwner != null) {
      return staticField(staticOwner, name, st, f);
    }
    return Value.UNKNOWN;
  }

  /** A field named without qualifier: of this class, its supertypes or an enclosing class. */
  private Value implicitField(String name, State st, Frame f) {
    Value self = f.self;
    for (ClassInfo c = f.cls; c != null; c = c.outer()) {
      for (String t : engine.types.ancestors(c.fqn())) {
        ClassInfo k = engine.project.classNamed(t);
        if (k == null) {
          continue;
        }
        ClassInfo.FieldInfo fi = k.fields().get(name);
        if (fi != null) {
          if (fi.isStatic()) {
            return staticField(k.fqn(), name, st, f);
          }
          return readField(self, k, fi, st, f);
        }
        Value cap = capturedOf(self, name, st);
        if (cap != null) {
          return cap;
        }
      }
      Obj o = self.obj() == 0 ? null : st.read(self.obj());
      self = o == null ? Value.UNKNOWN : o.fields.getOrDefault("$outer", Value.UNKNOWN);
    }
    return null;
  }

  private Value capturedOf(Value self, String name, State st) {
    Obj o = self.obj() == 0 ? null : st.read(self.obj());
    return o == null ? null : o.fields.get("$cap$" + name);
  }

  Value readField(Value target, ClassInfo declaring, ClassInfo.FieldInfo fi, State st, Frame f) {
    String type = engine.project.resolveType(fi.type(), declaring, declaring.unit());
    Obj o = target.obj() == 0 ? null : st.read(target.obj());
    if (o != null) {
      Value v = o.fields.get(fi.name());
      if (v != null) {
        return withDeclaredType(v, type);
      }
      if (fi.decl() != null && fi.variable() >= 0) {
        var init = fi.decl().getVariable(fi.variable()).getInitializer();
        if (init.isPresent() && (fi.isFinal() || declaring.fqn().equals(o.type))) {
          Frame ff = new Frame(declaring, target, null, f.depth);
          Value iv = eval(init.get(), st, ff);
          Obj w = st.write(target.obj());
          if (w != null) {
            w.fields.put(fi.name(), iv);
          }
          return withDeclaredType(iv, type);
        }
      }
    }
    Value v = Value.ofType(type);
    if (target.tainted() && !TypeHierarchy.isValueType(type)) {
      v = v.withTaint(target.taint().approximated());
    }
    return v;
  }

  /**
   * The declared type where the value's own type says less: unknown, or a library class whose
   * ancestors Bulwark cannot see (a field of type ExpressionParser holding a SpelExpressionParser).
   * The object keeps its dynamic type for dispatch.
   */
  Value withDeclaredType(Value v, String declared) {
    if (declared == null || "var".equals(declared)) {
      return v;
    }
    if (v.type() == null || "null".equals(v.type()) || TypeHierarchy.isValueType(declared)) {
      return v.withType(declared);
    }
    if (!v.type().equals(declared)
        && engine.project.classNamed(v.type()) == null
        && !engine.types.isSubtype(v.type(), declared)) {
      return v.withType(declared);
    }
    return v;
  }

  Value staticField(String owner, String name, State st, Frame f) {
    ClassInfo c = engine.project.classNamed(owner);
    if (c == null) {
      return engine.librarySemantics.libraryConstant(owner, name);
    }
    ClassInfo.FieldInfo fi = c.fields().get(name);
    if (fi == null) {
      ClassInfo sup = engine.superClass(c);
      return sup == null ? Value.UNKNOWN : staticField(sup.fqn(), name, st, f);
    }
    if (fi.decl() == null) {
      return new Value(owner, new Constants.EnumConst(owner, name), 0, null);
    }
    String key = owner + "#" + name;
    Value stored = st.vars.get("$static$" + key);
    if (stored != null) {
      return stored;
    }
    Value cached = staticConstants.get(key);
    if (cached != null) {
      // a constant's objects (a List.of allowlist) must be visible in every state that reads it
      for (Obj o : staticObjects.getOrDefault(key, List.of())) {
        if (st.read(o.id) == null) {
          st.add(o);
        }
      }
      return cached;
    }
    var init = fi.decl().getVariable(fi.variable()).getInitializer();
    String type = engine.project.resolveType(fi.type(), c, c.unit());
    if (init.isEmpty() || !evaluatingStatics.add(key)) {
      return Value.ofType(type);
    }
    try {
      State tmp = new State();
      Value v = eval(init.get(), tmp, new Frame(c, Value.UNKNOWN, null, Budget.MAX_DEPTH));
      if (v.type() == null) {
        v = v.withType(type);
      }
      if (fi.isFinal()) {
        staticConstants.put(key, v);
        if (v.obj() != 0) {
          staticObjects.put(key, tmp.heap.values());
          for (Obj o : tmp.heap.values()) {
            st.add(o);
          }
        }
      }
      return v;
    } finally {
      evaluatingStatics.remove(key);
    }
  }

  private Value fieldAccess(FieldAccessExpr fa, State st, Frame f) {
    String name = fa.getNameAsString();
    Expression scope = fa.getScope();
    String qualified = qualifiedTypeName(fa, st, f);
    if (qualified != null) {
      return new Value(qualified, new Constants.TypeRef(qualified), 0, null);
    }
    Value target = eval(scope, st, f);
    if (name.equals("length") && target.type() != null && target.type().endsWith("[]")) {
      Obj o = target.obj() == 0 ? null : st.read(target.obj());
      return o != null && o.elements != null
          ? Value.constant((long) o.elements.size())
          : Value.ofType("int");
    }
    if (target.constant() instanceof Constants.TypeRef tr) {
      return staticField(tr.fqn(), name, st, f);
    }
    ClassInfo declaring = engine.fieldOwner(target.type(), name);
    if (declaring != null) {
      ClassInfo.FieldInfo fi = declaring.fields().get(name);
      return fi.isStatic()
          ? staticField(declaring.fqn(), name, st, f)
          : readField(target, declaring, fi, st, f);
    }
    Obj o = target.obj() == 0 ? null : st.read(target.obj());
    if (o != null && o.fields.containsKey(name)) {
      return o.fields.get(name);
    }
    return target.tainted()
        ? Value.UNKNOWN.withTaint(target.taint().approximated())
        : Value.UNKNOWN;
  }

  /**
   * {@code java.io.File} written as a field-access chain, when it names a type: a known one, or
   * lower-case package segments ending in a capitalised name that is no variable or field.
   */
  private String qualifiedTypeName(FieldAccessExpr fa, State st, Frame f) {
    String text = fa.toString();
    if (!text.matches("[a-z][a-zA-Z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+")) {
      return null;
    }
    if (engine.project.classNamed(text) != null
        || TypeHierarchy.jdkClass(text) != null
        || !engine.library.supertypesOf(text).isEmpty()) {
      return text;
    }
    String first = text.substring(0, text.indexOf('.'));
    String last = text.substring(text.lastIndexOf('.') + 1);
    boolean packages =
        text.substring(0, text.lastIndexOf('.')).matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    if (packages
        && Character.isUpperCase(last.charAt(0))
        && !st.vars.containsKey(first)
        && engine.fieldOwner(f.cls.fqn(), first) == null) {
      return text;
    }
    return null;
  }

  private Value assign(AssignExpr a, State st, Frame f) {
    Value rhs = eval(a.getValue(), st, f);
    if (a.getOperator() != AssignExpr.Operator.ASSIGN) {
      Value lhs = eval(a.getTarget(), st, f);
      rhs = binaryValues(a.getOperator().toBinaryOperator().orElseThrow().name(), lhs, rhs, a, f);
    }
    store(a.getTarget(), rhs, st, f, a);
    return rhs;
  }

  void store(Expression target, Value v, State st, Frame f, Node site) {
    if (v.tainted()) {
      v = v.step(engine.findings.location(f.unit, site), "assigned to " + target);
    }
    switch (target) {
      case NameExpr n -> {
        String name = n.getNameAsString();
        if (st.vars.containsKey(name)) {
          Value old = st.vars.get(name);
          st.vars.put(name, v.type() == null && old.type() != null ? v.withType(old.type()) : v);
          return;
        }
        storeField(f.self, name, v, st, f);
      }
      case FieldAccessExpr fa -> {
        Value obj = eval(fa.getScope(), st, f);
        if (obj.constant() instanceof Constants.TypeRef tr) {
          st.vars.put("$static$" + tr.fqn() + "#" + fa.getNameAsString(), v);
          return;
        }
        storeField(obj, fa.getNameAsString(), v, st, f);
      }
      case ArrayAccessExpr aa ->
          engine.arraySet(eval(aa.getName(), st, f), eval(aa.getIndex(), st, f), v, st);
      default -> {}
    }
  }

  private void storeField(Value target, String name, Value v, State st, Frame f) {
    ClassInfo owner = engine.fieldOwner(target.type() != null ? target.type() : f.cls.fqn(), name);
    if (owner == null) {
      owner = engine.fieldOwner(f.cls.fqn(), name);
    }
    if (owner != null && owner.fields().get(name).isStatic()) {
      st.vars.put("$static$" + owner.fqn() + "#" + name, v);
      return;
    }
    if (target.obj() != 0) {
      Obj o = st.write(target.obj());
      if (o != null) {
        o.fields.put(name, v);
      }
    }
  }

  private Value binary(BinaryExpr b, State st, Frame f) {
    String op = b.getOperator().name();
    Value l = eval(b.getLeft(), st, f);
    if (op.equals("AND") && Boolean.FALSE.equals(l.constant())) {
      return Value.constant(false);
    }
    if (op.equals("OR") && Boolean.TRUE.equals(l.constant())) {
      return Value.constant(true);
    }
    Value r = eval(b.getRight(), st, f);
    return binaryValues(op, l, r, b, f);
  }

  Value binaryValues(String op, Value l, Value r, Node site, Frame f) {
    Object c = Constants.binary(op, l.constant(), r.constant());
    boolean stringConcat =
        op.equals("PLUS")
            && ("java.lang.String".equals(l.type())
                || "java.lang.String".equals(r.type())
                || l.constant() instanceof String
                || r.constant() instanceof String);
    if (stringConcat) {
      Taint t =
          Taint.join(
              l.taint(), r.taint() == null ? null : r.taint().afterConstantPrefix(l.constant()));
      if (t != null) {
        t = t.step(engine.findings.location(f.unit, site), "concatenated", CodeFlow.Kind.STEP);
      }
      return new Value("java.lang.String", t == null ? c : null, 0, t);
    }
    if (c != null) {
      return Value.constant(c);
    }
    String type =
        switch (op) {
          case "EQUALS",
              "NOT_EQUALS",
              "LESS",
              "GREATER",
              "LESS_EQUALS",
              "GREATER_EQUALS",
              "AND",
              "OR" ->
              "boolean";
          default -> l.type() != null ? l.type() : r.type();
        };
    return Value.ofType(type);
  }

  private Value unary(UnaryExpr u, State st, Frame f) {
    Value v = eval(u.getExpression(), st, f);
    String op = u.getOperator().name();
    switch (op) {
      case "PREFIX_INCREMENT", "POSTFIX_INCREMENT", "PREFIX_DECREMENT", "POSTFIX_DECREMENT" -> {
        Object delta = op.contains("INCREMENT") ? 1L : -1L;
        Object sum = Constants.binary("PLUS", v.constant(), delta);
        Value next = sum == null ? Value.ofType(v.type()) : Value.constant(sum);
        store(u.getExpression(), next, st, f, u);
        return op.startsWith("PREFIX") ? next : v;
      }
      default -> {
        Object c = Constants.unary(op, v.constant());
        return c != null
            ? Value.constant(c)
            : Value.ofType(op.equals("LOGICAL_COMPLEMENT") ? "boolean" : v.type());
      }
    }
  }

  private Value conditional(ConditionalExpr c, State st, Frame f) {
    Value cond = eval(c.getCondition(), st, f);
    if (cond.constant() instanceof Boolean b) {
      return eval(b ? c.getThenExpr() : c.getElseExpr(), st, f);
    }
    State a = branch(st);
    Guards.refine(this, c.getCondition(), true, a, f);
    Value x = eval(c.getThenExpr(), a, f);
    State b = st.copy();
    Guards.refine(this, c.getCondition(), false, b, f);
    Value y = eval(c.getElseExpr(), b, f);
    copyInto(State.join(a, b), st);
    return Value.join(x, y);
  }

  private Value cast(CastExpr c, State st, Frame f) {
    Value v = eval(c.getExpression(), st, f);
    String type = engine.resolveType(typeName(c.getType()), f);
    if (TypeHierarchy.isValueType(type)) {
      Object k = v.constant();
      if (k != null && Constants.numeric(k)) {
        return switch (type) {
          case "int", "long", "short", "byte" -> Value.constant((long) Constants.num(k));
          case "double", "float" -> Value.constant(Constants.num(k));
          default -> Value.ofType(type);
        };
      }
      return Value.ofType(type);
    }
    if (type.equals("char") && v.constant() != null && Constants.numeric(v.constant())) {
      return Value.constant((char) (long) Constants.num(v.constant()));
    }
    return v.withType(type);
  }

  private Value arrayCreation(ArrayCreationExpr a, State st, Frame f) {
    String type = engine.resolveType(typeName(a.getElementType()), f) + "[]";
    if (a.getInitializer().isPresent()) {
      return engine.newArray(evalArgs(a.getInitializer().get().getValues(), st, f), type, st);
    }
    a.getLevels().forEach(l -> l.getDimension().ifPresent(d -> eval(d, st, f)));
    Value arr = engine.newArray(List.of(), type, st);
    Obj o = st.write(arr.obj());
    if (o != null) {
      o.elements = null;
    }
    return arr;
  }

  private Value declare(VariableDeclarationExpr v, State st, Frame f) {
    Value last = Value.UNKNOWN;
    for (VariableDeclarator d : v.getVariables()) {
      String declared = engine.resolveType(typeName(d.getType()), f);
      Value init = d.getInitializer().map(i -> eval(i, st, f)).orElse(Value.ofType(declared));
      if (!"var".equals(declared)) {
        init = withDeclaredType(init, declared);
        if (init.tainted() && TypeHierarchy.isValueType(declared)) {
          init = init.untainted();
        }
      }
      if (init.tainted() && d.getInitializer().isPresent()) {
        init = init.step(engine.findings.location(f.unit, d), "assigned to " + d.getNameAsString());
      }
      st.vars.put(d.getNameAsString(), init);
      last = init;
    }
    return last;
  }

  private Value instanceOf(InstanceOfExpr i, State st, Frame f) {
    Value v = eval(i.getExpression(), st, f);
    i.getPattern()
        .ifPresent(p -> {
          if (p instanceof com.github.javaparser.ast.expr.TypePatternExpr pe) {
            st.vars.put(
                pe.getNameAsString(), v.withType(engine.resolveType(typeName(pe.getType()), f)));
          }
        });
    return Value.ofType("boolean");
  }

  // ------------------------------------------------------------------ helpers

  static String describe(Node n) {
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  static boolean isStatic(CallableDeclaration<?> d) {
    return d.isStatic();
  }

  static boolean isFinalField(FieldDeclaration d) {
    return d.isFinal();
  }
}
