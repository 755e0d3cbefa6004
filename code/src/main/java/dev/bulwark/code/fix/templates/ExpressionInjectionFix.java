package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.List;
import java.util.Optional;

/**
 * SpEL injection → the untrusted text becomes a literal expression, whose value is the text itself:
 * it is never parsed, so it can call nothing.
 */
public final class ExpressionInjectionFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-el-injection");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<MethodCallExpr> call = ctx.sinkCall();
    if (call.isEmpty()
        || !call.get().getNameAsString().equals("parseExpression")
        || call.get().getArguments().size() != 1) {
      return List.of();
    }
    EditSet e = ctx.edits();
    String literal = e.use("org.springframework.expression.common.LiteralExpression");
    e.replace(call.get(), "new " + literal + "(" + ctx.text(call.get().getArgument(0)) + ")");
    return List.of(
        new Candidate(
            "Treats the untrusted text as a literal value (LiteralExpression) instead of parsing and evaluating it as SpEL.",
            e.apply(),
            List.of(),
            "template:spel-literal"));
  }
}
