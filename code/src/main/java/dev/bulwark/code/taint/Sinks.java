package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.bulwark.code.rules.JavaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every call against the sinks of the rules: untrusted arguments for taint rules, constant
 * arguments for algorithm and key-size rules, the call itself for weak randomness, and the flags an
 * object collected for cookie and XML-parser rules.
 */
final class Sinks {
  /** Argument index meaning "every argument". */
  static final int ALL_ARGS = 99;

  private record Entry(JavaRule rule, JavaRule.Sink sink) {}

  private final Engine engine;
  private final Map<String, List<Entry>> byName = new HashMap<>();

  Sinks(Engine engine, List<JavaRule> rules) {
    this.engine = engine;
    for (JavaRule r : rules) {
      for (JavaRule.Sink s : r.sinks()) {
        for (String n : s.method().names()) {
          byName.computeIfAbsent(n, k -> new ArrayList<>()).add(new Entry(r, s));
        }
      }
    }
  }

  /**
   * Checks one call against every sink and returns the categories of the taint findings it made:
   * the caller marks the call's result as reported for them, so one flow through {@code Paths.get}
   * and then {@code Files.readAllBytes} is one finding, not two.
   */
  java.util.Set<dev.bulwark.code.rules.Category> check(CallSite call) {
    String owner = call.owner();
    String name = call.name();
    List<Entry> entries = byName.get(name);
    java.util.EnumSet<dev.bulwark.code.rules.Category> reported =
        java.util.EnumSet.noneOf(dev.bulwark.code.rules.Category.class);
    if (entries == null || owner == null) {
      return reported;
    }
    for (Entry e : entries) {
      JavaRule.Sink s = e.sink;
      if (!s.method().matchesName(name, call.args().size())) {
        continue;
      }
      // a constructor names exactly one class: new SecureRandom() is not new Random()
      boolean ownerMatches =
          call.constructor()
              ? owner.equals(s.method().owner())
                  || LibrarySemantics.simpleNameMatch(owner, s.method().owner())
              : engine.types.isSubtype(owner, s.method().owner())
                  || LibrarySemantics.simpleNameMatch(owner, s.method().owner());
      if (!ownerMatches) {
        continue;
      }
      Obj ro = call.receiverObject();
      if (s.receiverTag() != null && (ro == null || !ro.tags.contains(s.receiverTag()))) {
        continue;
      }
      switch (e.rule.kind()) {
        case TAINT -> {
          if ((s.receiverFlag() == null || ro == null || !satisfied(s.receiverFlag(), ro.tags))
              && taint(e, call)) {
            reported.add(e.rule.category());
          }
        }
        case CONSTANT_ARG -> {
          if (s.receiverFlag() == null || ro != null && satisfied(s.receiverFlag(), ro.tags)) {
            constant(e, call);
          }
        }
        case CALL -> weak(e.rule, call, "call to " + shortOwner(s.method().owner()) + "." + name);
        case OBJECT_FLAG -> flags(e, call, ro);
        case STRUCTURAL -> structuralArg(e, call);
        case DENY_LIST -> {} // declarations, checked once over the project (DenyLists)
      }
    }
    return reported;
  }

  /**
   * Reports a weak primitive, at the rule's lower severity when the rule has one and nothing around
   * the call shows a security use.
   */
  private void weak(JavaRule rule, CallSite call, String detail) {
    if (rule.outsideSecurityContext() != null && SecurityContext.reason(call.node()) == null) {
      engine.findings.reportOutsideSecurityContext(rule, call.f().unit, call.node(), detail);
    } else {
      engine.findings.report(rule, call.f().unit, call.node(), null, detail);
    }
  }

  private static String shortOwner(String fqn) {
    return fqn.substring(fqn.lastIndexOf('.') + 1);
  }

  private boolean taint(Entry e, CallSite call) {
    Node site = call.node();
    if (e.rule.category() == dev.bulwark.code.rules.Category.PATH && Guards.confinedLater(site)) {
      return false; // only builds the path; its canonical form is checked before any use
    }
    for (int idx : e.sink.args()) {
      List<Value> vs = new ArrayList<>();
      if (idx == -1) {
        vs.add(call.recv());
      } else if (idx == ALL_ARGS) {
        vs.addAll(call.args());
      } else if (idx < call.args().size()) {
        vs.add(call.args().get(idx));
      }
      for (Value v : vs) {
        Taint t = engine.deepTaint(v, call.st());
        if (t != null && t.dangerousFor(e.rule.category())) {
          engine.findings.report(
              e.rule, call.f().unit, site, t, Interpreter.describe(site), e.sink.confidence());
          return true;
        }
      }
    }
    return false;
  }

  private void constant(Entry e, CallSite call) {
    if (e.sink.matches() == null && e.sink.below() == null) {
      // no condition on the arguments: the API itself is the weakness (DigestUtils.md5Hex)
      weak(e.rule, call, "call to " + shortOwner(e.sink.method().owner()) + "." + call.name());
      return;
    }
    for (int idx : e.sink.args()) {
      Value v = call.arg(idx);
      if (v == null || v.constant() == null) {
        continue;
      }
      if (e.rule.cwe() == 798 && fromConfiguration(call.node(), idx)) {
        continue; // read from configuration: the secrets analyzer judges the configuration file
      }
      Object c = v.constant();
      if (e.sink.matches() != null && c instanceof String s && e.sink.matches().matcher(s).find()) {
        weak(e.rule, call, "constant \"" + abbreviate(s, e.rule.cwe()) + "\"");
        return;
      }
      if (e.sink.below() != null && Constants.numeric(c) && Constants.num(c) < e.sink.below()) {
        engine.findings.report(
            e.rule,
            call.f().unit,
            call.node(),
            null,
            "size " + (long) Constants.num(c) + " below " + e.sink.below());
        return;
      }
    }
  }

  /** Whether the argument is read from configuration at run time (getProperty and friends). */
  private static boolean fromConfiguration(Node site, int idx) {
    com.github.javaparser.ast.NodeList<com.github.javaparser.ast.expr.Expression> args =
        site instanceof com.github.javaparser.ast.expr.MethodCallExpr m
            ? m.getArguments()
            : site instanceof com.github.javaparser.ast.expr.ObjectCreationExpr o
                ? o.getArguments()
                : null;
    if (args == null || idx < 0 || idx >= args.size()) {
      return false;
    }
    com.github.javaparser.ast.expr.Expression a = args.get(idx);
    while (a instanceof com.github.javaparser.ast.expr.MethodCallExpr m
        && (m.getNameAsString().equals("toCharArray") || m.getNameAsString().equals("getBytes"))
        && m.getScope().isPresent()) {
      a = m.getScope().get();
    }
    return a instanceof com.github.javaparser.ast.expr.MethodCallExpr m
        && java.util.Set.of("getProperty", "getenv", "getString", "getValue", "getRequiredProperty")
            .contains(m.getNameAsString());
  }

  /** Literal passwords are shown only by length. */
  private static String abbreviate(String s, int cwe) {
    if (cwe == 798 || cwe == 259 || cwe == 321) {
      return "*".repeat(Math.min(8, s.length()));
    }
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  private void flags(Entry e, CallSite call, Obj ro) {
    Frame f = call.f();
    Node site = call.node();
    if (e.sink.receiverFlag() != null) {
      if (ro != null && !satisfied(e.sink.receiverFlag(), ro.tags)) {
        engine.findings.report(
            e.rule,
            f.unit,
            site,
            null,
            "configured without " + e.sink.receiverFlag().replace(" ", ""),
            ro.origin);
      }
      return;
    }
    for (int idx : e.sink.args()) {
      Value v = call.arg(idx);
      Obj o = v == null || v.obj() == 0 ? null : call.st().read(v.obj());
      if (o != null && e.sink.flag() != null && !satisfied(e.sink.flag(), o.tags)) {
        engine.findings.report(e.rule, f.unit, site, null, "object lacks " + e.sink.flag());
        return;
      }
    }
  }

  /** Flag expressions: alternatives separated by '|', each a conjunction separated by '&'. */
  static boolean satisfied(String expr, Set<String> tags) {
    for (String alt : expr.split("\\|")) {
      boolean all = true;
      for (String f : alt.split("&")) {
        all &= tags.contains(f.strip());
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /**
   * Structural sinks: a functional argument that accepts everything (a verifier returning true).
   */
  private void structuralArg(Entry e, CallSite call) {
    List<Value> args = call.args();
    for (int idx : e.sink.args()) {
      Value v = idx < args.size() ? args.get(idx) : null;
      Obj o = v == null || v.obj() == 0 ? null : call.st().read(v.obj());
      if (o != null
          && o.lambda != null
          && o.lambda.body() != null
          && StructuralChecks.alwaysTrue(o.lambda.body())) {
        engine.findings.report(
            e.rule, call.f().unit, call.node(), null, "verifier accepts every host");
      }
    }
  }

  /**
   * A parser or factory a constructor makes and keeps in a field is used by the class's other
   * methods, each analysed on its own with the field unknown: after a constructor, every call on
   * such a field in the class is checked against the flags the object had when the constructor
   * finished (an XML input factory kept with DTDs still on), the finding's flow starting where the
   * object was made.
   */
  void fieldsAfterConstructor(dev.bulwark.code.project.ClassInfo c, Value self, State st) {
    Obj so = self == null || self.obj() == 0 ? null : st.read(self.obj());
    if (so == null) {
      return;
    }
    for (Map.Entry<String, Value> field : so.fields.entrySet()) {
      Value v = field.getValue();
      Obj fo = v == null || v.obj() == 0 ? null : st.read(v.obj());
      if (fo == null || fo.origin == null || fo.tags.isEmpty() || fo.type == null) {
        continue;
      }
      for (List<dev.bulwark.code.project.MethodInfo> ms : c.allMethods().values()) {
        for (dev.bulwark.code.project.MethodInfo m : ms) {
          if (m.owner() == c && m.body() != null) {
            fieldUses(m, field.getKey(), fo);
          }
        }
      }
    }
  }

  private void fieldUses(dev.bulwark.code.project.MethodInfo m, String field, Obj fo) {
    for (com.github.javaparser.ast.expr.MethodCallExpr call :
        m.body().findAll(com.github.javaparser.ast.expr.MethodCallExpr.class)) {
      com.github.javaparser.ast.expr.Expression scope = call.getScope().orElse(null);
      boolean onField =
          scope instanceof com.github.javaparser.ast.expr.NameExpr n
                  && n.getNameAsString().equals(field)
              || scope instanceof com.github.javaparser.ast.expr.FieldAccessExpr fa
                  && fa.getScope().isThisExpr()
                  && fa.getNameAsString().equals(field);
      List<Entry> entries = onField ? byName.get(call.getNameAsString()) : null;
      if (entries == null) {
        continue;
      }
      for (Entry e : entries) {
        JavaRule.Sink s = e.sink;
        if (e.rule.kind() != JavaRule.Kind.OBJECT_FLAG
            || s.receiverFlag() == null
            || !s.method().matchesName(call.getNameAsString(), call.getArguments().size())
            || !engine.types.isSubtype(fo.type, s.method().owner())
            || (s.receiverTag() != null && !fo.tags.contains(s.receiverTag()))) {
          continue;
        }
        if (!satisfied(s.receiverFlag(), fo.tags)) {
          engine.findings.report(
              e.rule,
              m.owner().unit(),
              call,
              null,
              "configured without " + s.receiverFlag().replace(" ", "") + " where it was made",
              fo.origin);
        }
        break;
      }
    }
  }

  void returned(Value v, ReturnStmt r, State st, Frame f) {
    // return values become sinks only through framework models (none yet)
  }
}
