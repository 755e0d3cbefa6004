package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import dev.bulwark.code.project.MethodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Project methods that validate an argument by throwing: {@code checkName(name)} whose body says
 * {@code if (!name.startsWith("java:")) throw ...}. After such a call returns, the caller's
 * variable passed in has passed the check, so what the check proves holds for it too — a validation
 * helper is as good as the same {@code if} written inline.
 */
final class Validators {
  private final Evaluator interpreter;
  private final Map<MethodInfo, List<IfStmt>> checks = new HashMap<>();

  Validators(Evaluator interpreter) {
    this.interpreter = interpreter;
  }

  /**
   * Refines the caller's variables passed to {@code m} at {@code site} with what the checks of
   * {@code m} prove on the path where none of them threw.
   */
  void afterCall(MethodInfo m, Value self, List<Value> args, State st, Frame caller, Node site) {
    // only a call made for its check alone (checkName(name);): a call whose result is used,
    // requireSafe(host) inside an expression, is judged by what it returns
    if (!(site instanceof MethodCallExpr call)
        || !(call.getParentNode().orElse(null)
            instanceof com.github.javaparser.ast.stmt.ExpressionStmt)
        || args.size() != m.parameters().size()) {
      return;
    }
    List<IfStmt> found = checks.computeIfAbsent(m, Validators::find);
    if (found.isEmpty()) {
      return;
    }
    List<Parameter> params = m.parameters();
    for (IfStmt check : found) {
      State probe = st.copy();
      probe.vars = new HashMap<>();
      for (int i = 0; i < params.size(); i++) {
        probe.vars.put(params.get(i).getNameAsString(), args.get(i));
      }
      Guards.refine(
          interpreter,
          check.getCondition(),
          false,
          probe,
          new Frame(m.owner(), self, m, caller.depth + 1));
      for (int i = 0; i < params.size() && i < call.getArguments().size(); i++) {
        if (!(call.getArgument(i) instanceof NameExpr n)
            || !st.vars.containsKey(n.getNameAsString())) {
          continue;
        }
        Value after = probe.vars.get(params.get(i).getNameAsString());
        if (after != null && after != args.get(i)) {
          st.vars.put(n.getNameAsString(), after);
        }
      }
      st.heap = probe.heap;
    }
  }

  /**
   * The top-level {@code if (…) throw} statements of a method that test a parameter it never
   * reassigns; empty when the method is no validator.
   */
  static List<IfStmt> find(MethodInfo m) {
    BlockStmt body = m.body();
    if (body == null || m.parameters().isEmpty()) {
      return List.of();
    }
    Set<String> params = new HashSet<>();
    m.parameters().forEach(p -> params.add(p.getNameAsString()));
    for (AssignExpr a : body.findAll(AssignExpr.class)) {
      if (a.getTarget() instanceof NameExpr n && params.contains(n.getNameAsString())) {
        params.remove(n.getNameAsString());
      }
    }
    for (UnaryExpr u : body.findAll(UnaryExpr.class)) {
      boolean changes =
          switch (u.getOperator()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
            default -> false;
          };
      if (changes && u.getExpression() instanceof NameExpr n) {
        params.remove(n.getNameAsString());
      }
    }
    List<IfStmt> out = new ArrayList<>();
    for (Statement s : body.getStatements()) {
      if (s instanceof IfStmt i
          && i.getElseStmt().isEmpty()
          && alwaysThrows(i.getThenStmt())
          && mentions(i.getCondition(), params)) {
        out.add(i);
      }
    }
    return out.isEmpty() ? List.of() : List.copyOf(out);
  }

  private static boolean alwaysThrows(Statement s) {
    if (s instanceof ThrowStmt) {
      return true;
    }
    return s instanceof BlockStmt b
        && b.getStatements().isNonEmpty()
        && b.getStatements().getLast().orElseThrow() instanceof ThrowStmt;
  }

  private static boolean mentions(Expression cond, Set<String> params) {
    return cond.findFirst(NameExpr.class, n -> params.contains(n.getNameAsString())).isPresent();
  }
}
