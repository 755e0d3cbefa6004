package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.MethodInfo;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.JavaRule;
import java.util.List;

/**
 * Declarations with a dangerous shape: a TLS trust manager whose {@code checkServerTrusted} accepts
 * every certificate (it neither throws nor delegates), a hostname verifier that returns {@code
 * true}. The rule's sinks name the interface and the method.
 */
final class StructuralChecks {
  private StructuralChecks() {}

  static void run(ProjectModel project, List<JavaRule> rules, Findings findings) {
    for (JavaRule rule : rules) {
      if (rule.kind() != JavaRule.Kind.STRUCTURAL) {
        continue;
      }
      for (JavaRule.Sink s : rule.sinks()) {
        if (!s.args().isEmpty() && s.args().get(0) >= 0 && !isDeclarationSink(s)) {
          continue; // a call-site sink (setHostnameVerifier(lambda)), checked where the call is
          // made
        }
        for (ClassInfo c : project.classes()) {
          if (c.isInterface() || !project.hierarchy().isSubtype(c.fqn(), s.method().owner())) {
            continue;
          }
          for (String name : s.method().names()) {
            for (MethodInfo m : c.methods(name)) {
              if (m.body() != null && acceptsEverything(m.body(), name)) {
                findings.report(
                    rule,
                    c.unit(),
                    m.decl().getName(),
                    null,
                    c.simpleName() + "." + name + " accepts everything");
              }
            }
          }
        }
      }
    }
  }

  private static boolean acceptsEverything(BlockStmt body, String name) {
    if (name.startsWith("check")) {
      return body.findAll(ThrowStmt.class).isEmpty()
          && body.findAll(MethodCallExpr.class).isEmpty();
    }
    return alwaysTrue(body);
  }

  /** True when every return of a body (or an expression body) is the literal {@code true}. */
  static boolean alwaysTrue(Node body) {
    if (body instanceof BooleanLiteralExpr b) {
      return b.getValue();
    }
    if (body instanceof ExpressionStmt es) {
      return alwaysTrue(es.getExpression());
    }
    List<ReturnStmt> returns = body.findAll(ReturnStmt.class);
    if (returns.isEmpty()) {
      return false;
    }
    for (ReturnStmt r : returns) {
      if (r.getExpression().isEmpty()
          || !(r.getExpression().get() instanceof BooleanLiteralExpr b)
          || !b.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Declaration sinks name an interface method that project classes implement. */
  private static boolean isDeclarationSink(JavaRule.Sink s) {
    return s.method().names().stream().anyMatch(n -> n.startsWith("check") || n.equals("verify"));
  }
}
