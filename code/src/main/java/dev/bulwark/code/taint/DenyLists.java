package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.MethodInfo;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.project.SourceUnit;
import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.core.model.CodeFlow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Security checks that test class names against a list of known-bad classes (a deny-list) before
 * deserializing or instantiating them. Such a check stops only the gadgets known when the list was
 * written; every new gadget chain passes it, so the deserializer behind it is as open as one
 * without a check. Recognised by shape, from the rule's {@link JavaRule.DenyList} data:
 *
 * <ul>
 *   <li>a list field (array, collection, map or pattern) that is named as a deny-list or holds two
 *       or more known gadget class names, consulted ({@code contains}, {@code binarySearch}, a loop
 *       of {@code startsWith}) in a method that rejects (throws or answers a boolean) and that
 *       checks class names (its own or its parameters' names say so, or the list names gadgets);
 *   <li>a call of a deny-named predicate ({@code isBlacklisted}) in such a method;
 *   <li>a deny-named class ({@code BlacklistedTypesConverter}) whose methods take a {@code Class}.
 * </ul>
 *
 * A method that also rejects what an allow-list does not hold ({@code if (!allowed.contains(name))
 * throw}) is an allow-list check and is not reported. The finding sits at the check; its flow
 * starts where the list is filled and passes where the check is installed (the converter
 * registered, the filter constructed), since the fix goes to one of those places.
 */
final class DenyLists {
  private DenyLists() {}

  /** Method names that fill or configure a list rather than check against it. */
  private static final Pattern MAINTENANCE =
      Pattern.compile("^(add|put|register|set|remove|clear|append|configure)");

  /** Types whose values name a class. */
  private static final Set<String> CLASS_TYPES =
      Set.of("Class", "java.lang.Class", "ObjectStreamClass", "java.io.ObjectStreamClass");

  private static boolean classType(String t) {
    return t != null && CLASS_TYPES.contains(t.replaceAll("<.*", ""));
  }

  /** A list held in a field: whether it is a deny-list, how many gadgets it names, where filled. */
  private record ListField(ClassInfo owner, String name, boolean deny, int gadgets, Node filled) {}

  static void run(ProjectModel project, List<JavaRule> rules, Findings findings) {
    for (JavaRule rule : rules) {
      if (rule.kind() == JavaRule.Kind.DENY_LIST && rule.denyList() != null) {
        new DenyLists.Run(project, rule, findings).run();
      }
    }
  }

  private static final class Run {
    private final ProjectModel project;
    private final JavaRule rule;
    private final JavaRule.DenyList spec;
    private final Findings findings;
    private final Map<String, List<ListField>> lists = new HashMap<>();
    private final Map<String, List<ObjectCreationExpr>> creations = new HashMap<>();
    private final Map<ObjectCreationExpr, SourceUnit> creationUnits = new HashMap<>();

    Run(ProjectModel project, JavaRule rule, Findings findings) {
      this.project = project;
      this.rule = rule;
      this.spec = rule.denyList();
      this.findings = findings;
    }

    void run() {
      indexLists();
      if (!anyCandidate()) {
        return;
      }
      indexCreations();
      for (ClassInfo c : project.classes()) {
        boolean denyClass = spec.denyNames().matcher(c.simpleName()).find();
        for (List<MethodInfo> ms : c.allMethods().values()) {
          for (MethodInfo m : ms) {
            if (m.owner() == c && m.body() != null) {
              checkMethod(c, m, denyClass);
            }
          }
        }
      }
    }

    /** Whether any list, deny-named class or deny-named call exists: most projects have none. */
    private boolean anyCandidate() {
      if (lists.values().stream().flatMap(List::stream).anyMatch(ListField::deny)) {
        return true;
      }
      for (ClassInfo c : project.classes()) {
        if (spec.denyNames().matcher(c.simpleName()).find()) {
          return true;
        }
        if (c.outer() == null
            && c.node()
                .findFirst(
                    MethodCallExpr.class,
                    mc -> spec.denyNames().matcher(mc.getNameAsString()).find())
                .isPresent()) {
          return true;
        }
      }
      return false;
    }

    // ------------------------------------------------------------ lists

    private void indexLists() {
      List<ListField> aliases = new ArrayList<>();
      for (ClassInfo c : project.classes()) {
        for (var f : c.fields().values()) {
          if (f.decl() == null || f.variable() < 0 || !listType(f.type())) {
            continue;
          }
          VariableDeclarator v = f.decl().getVariable(f.variable());
          int gadgets = 0;
          Node filled = null;
          Expression init = v.getInitializer().orElse(null);
          List<Node> places = new ArrayList<>();
          if (init != null) {
            places.add(init);
          }
          // filled in an initializer block or constructor that names the field
          for (var block : c.initializers()) {
            if (mentions(block, f.name())) {
              places.add(block);
            }
          }
          for (MethodInfo ctor : c.constructors()) {
            if (ctor.body() != null && mentions(ctor.body(), f.name())) {
              places.add(ctor.body());
            }
          }
          for (Node p : places) {
            for (StringLiteralExpr s : p.findAll(StringLiteralExpr.class)) {
              if (gadget(s.getValue())) {
                gadgets++;
                if (filled == null) {
                  filled = s;
                }
              }
            }
          }
          if (filled == null && !places.isEmpty()) {
            filled = places.get(0) == init ? v : firstMention(places.get(0), f.name());
          }
          boolean denyNamed = spec.denyNames().matcher(f.name()).find();
          ListField lf = new ListField(c, f.name(), denyNamed || gadgets >= 2, gadgets, filled);
          lists.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(lf);
          if (init instanceof NameExpr) {
            aliases.add(lf);
          }
        }
      }
      // a field initialised with a deny-list is that deny-list (_cfgIllegal = DEFAULT_NO_DESER)
      for (ListField a : aliases) {
        var f = a.owner().fields().get(a.name());
        Expression init = f.decl().getVariable(f.variable()).getInitializer().orElse(null);
        if (init instanceof NameExpr n) {
          ListField target = field(a.owner(), n.getNameAsString());
          if (target != null && target != a && target.deny()) {
            List<ListField> same = lists.get(a.name());
            same.remove(a);
            same.add(
                new ListField(
                    a.owner(),
                    a.name(),
                    true,
                    target.gadgets(),
                    target.filled() != null ? target.filled() : a.filled()));
          }
        }
      }
    }

    private static boolean listType(String type) {
      if (type == null) {
        return false;
      }
      String t = type.replaceAll("<.*", "");
      String simple = t.substring(t.lastIndexOf('.') + 1);
      return t.endsWith("[]")
          || simple.endsWith("Set")
          || simple.endsWith("List")
          || simple.endsWith("Collection")
          || simple.endsWith("Map")
          || simple.equals("Pattern");
    }

    private boolean gadget(String literal) {
      for (String g : spec.gadgets()) {
        if (g.endsWith(".")
            ? literal.startsWith(g)
            : literal.equals(g) || literal.startsWith(g + "$")) {
          return true;
        }
      }
      return false;
    }

    private static boolean mentions(Node n, String field) {
      return firstMention(n, field) != null;
    }

    private static Node firstMention(Node n, String field) {
      for (NameExpr e : n.findAll(NameExpr.class)) {
        if (e.getNameAsString().equals(field)) {
          return e.getParentNode().orElse(e);
        }
      }
      for (FieldAccessExpr e : n.findAll(FieldAccessExpr.class)) {
        if (e.getNameAsString().equals(field)) {
          return e.getParentNode().orElse(e);
        }
      }
      return null;
    }

    /** The list field {@code name} as seen from class {@code c}: its own, an outer or a super's. */
    private ListField field(ClassInfo c, String name) {
      List<ListField> candidates = lists.get(name);
      if (candidates == null) {
        return null;
      }
      Set<String> visible = new HashSet<>();
      for (ClassInfo o = c; o != null; o = o.outer()) {
        visible.addAll(project.hierarchy().ancestors(o.fqn()));
        visible.add(o.fqn());
      }
      for (ListField lf : candidates) {
        if (visible.contains(lf.owner().fqn())) {
          return lf;
        }
      }
      return null;
    }

    /** The list an expression names: a field by simple name, {@code this.f} or {@code Owner.f}. */
    private ListField listOf(ClassInfo c, Expression e) {
      if (e instanceof NameExpr n) {
        return field(c, n.getNameAsString());
      }
      if (e instanceof FieldAccessExpr fa) {
        ListField own = field(c, fa.getNameAsString());
        if (own != null) {
          return own;
        }
        String scope = fa.getScope().toString();
        String simple = scope.substring(scope.lastIndexOf('.') + 1);
        for (ListField lf : lists.getOrDefault(fa.getNameAsString(), List.of())) {
          if (lf.owner().simpleName().equals(simple)) {
            return lf;
          }
        }
      }
      return null;
    }

    // ------------------------------------------------------------ checks

    private void checkMethod(ClassInfo c, MethodInfo m, boolean denyClass) {
      if (m.isConstructor() || MAINTENANCE.matcher(m.name()).find()) {
        return;
      }
      String ret = m.returnType() == null ? "" : m.returnType();
      boolean rejects =
          !m.body().findAll(ThrowStmt.class).isEmpty()
              || ret.equals("boolean")
              || ret.equals("Boolean");
      if (!rejects || checksAllowList(c, m)) {
        return;
      }
      boolean classContext = classContext(m);
      Map<Node, ListField> sites = new LinkedHashMap<>();
      for (MethodCallExpr call : m.body().findAll(MethodCallExpr.class)) {
        String name = call.getNameAsString();
        if (spec.checks().matcher(name).matches()) {
          ListField lf = call.getScope().map(s -> listOf(c, s)).orElse(null);
          for (Expression a : call.getArguments()) {
            if (lf == null) {
              lf = listOf(c, a);
            }
          }
          if (lf != null && lf.deny() && (classContext || lf.gadgets() >= 2)) {
            sites.put(call, lf);
          }
        } else if (classContext && spec.denyNames().matcher(name).find()) {
          sites.put(call, null);
        }
      }
      for (ForEachStmt loop : m.body().findAll(ForEachStmt.class)) {
        ListField lf = listOf(c, loop.getIterable());
        if (lf != null
            && lf.deny()
            && (classContext || lf.gadgets() >= 2)
            && loop.getBody()
                .findFirst(
                    MethodCallExpr.class,
                    mc -> spec.checks().matcher(mc.getNameAsString()).matches())
                .isPresent()) {
          sites.put(loop.getIterable(), lf);
        }
      }
      if (sites.isEmpty()
          && denyClass
          && m.parameterTypes().stream().anyMatch(DenyLists::classType)) {
        sites.put(m.decl().getName(), null);
      }
      for (Map.Entry<Node, ListField> e : sites.entrySet()) {
        report(c, m, e.getKey(), e.getValue());
      }
    }

    /** Whether the method rejects what an allow-list does not hold: then it is an allow-list. */
    private boolean checksAllowList(ClassInfo c, MethodInfo m) {
      for (UnaryExpr u : m.body().findAll(UnaryExpr.class)) {
        if (u.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
          continue;
        }
        for (MethodCallExpr call : u.getExpression().findAll(MethodCallExpr.class)) {
          if (spec.allowNames().matcher(call.getNameAsString()).find()) {
            return true;
          }
          Expression scope = call.getScope().orElse(null);
          if (scope != null && spec.allowNames().matcher(lastName(scope)).find()) {
            return true;
          }
        }
      }
      return false;
    }

    private static String lastName(Expression e) {
      String s = e.toString();
      return s.substring(s.lastIndexOf('.') + 1);
    }

    /** Whether the method checks class names: its name or a parameter's name or type says so. */
    private boolean classContext(MethodInfo m) {
      if (spec.classContext().matcher(m.name()).find()) {
        return true;
      }
      for (int i = 0; i < m.parameters().size(); i++) {
        Parameter p = m.parameters().get(i);
        String t = m.parameterTypes().get(i);
        if (classType(t) || spec.classContext().matcher(p.getNameAsString()).find()) {
          return true;
        }
      }
      return false;
    }

    private void report(ClassInfo c, MethodInfo m, Node site, ListField list) {
      List<CodeFlow.Step> steps = new ArrayList<>();
      if (list != null && list.filled() != null) {
        steps.add(
            new CodeFlow.Step(
                findings.location(list.owner().unit(), list.filled()),
                list.gadgets() > 0
                    ? "deny-list '"
                        + list.name()
                        + "' filled here ("
                        + list.gadgets()
                        + " known gadget class(es))"
                    : "deny-list '" + list.name() + "' filled here",
                CodeFlow.Kind.SOURCE));
      }
      // a check with no list of its own in sight: where its class is put to use (a converter
      // registered, a filter or stream constructed) is where the defence is chosen
      int installed = 0;
      List<ObjectCreationExpr> uses =
          steps.isEmpty() ? creations.getOrDefault(c.simpleName(), List.of()) : List.of();
      for (ObjectCreationExpr o : uses) {
        if (installed++ == 2) {
          break;
        }
        steps.add(
            new CodeFlow.Step(
                findings.location(creationUnits.get(o), o),
                "deny-list check " + c.simpleName() + " put to use here",
                steps.isEmpty() ? CodeFlow.Kind.SOURCE : CodeFlow.Kind.STEP));
      }
      String what =
          list != null
              ? "class names checked against deny-list '" + list.name() + "'"
              : "class names checked by deny-list " + describe(c, m, site);
      findings.report(
          rule, m.owner().unit(), site, what + " in " + c.simpleName() + "." + m.name(), steps);
    }

    private static String describe(ClassInfo c, MethodInfo m, Node site) {
      if (site instanceof MethodCallExpr call) {
        return call.getNameAsString().toLowerCase(Locale.ROOT).equals(call.getNameAsString())
            ? "call " + call.getNameAsString()
            : call.getNameAsString();
      }
      return c.simpleName();
    }

    private void indexCreations() {
      for (ClassInfo c : project.classes()) {
        if (c.outer() != null) {
          continue; // nested classes are searched with their top-level class
        }
        for (ObjectCreationExpr o : c.node().findAll(ObjectCreationExpr.class)) {
          String simple = o.getType().getNameAsString();
          creations.computeIfAbsent(simple, k -> new ArrayList<>()).add(o);
          creationUnits.put(o, c.unit());
        }
      }
    }
  }
}
