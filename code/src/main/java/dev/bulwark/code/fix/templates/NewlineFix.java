package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Response splitting and log forging → line breaks removed from the untrusted value. */
public final class NewlineFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-header-injection", "java-log-injection");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<MethodCallExpr> call = ctx.sinkCall();
    Optional<String> traced = ctx.taintedName();
    if (call.isEmpty() || traced.isEmpty()) {
      return List.of();
    }
    boolean log = ctx.finding().ruleId().equals("java-log-injection");
    String replacement = log ? "_" : "";
    Map<Node, String> repl = new HashMap<>();
    for (Expression a : call.get().getArguments()) {
      for (NameExpr n : FixContext.uses(a, traced.get())) {
        repl.put(
            n,
            "String.valueOf("
                + n.getNameAsString()
                + ").replaceAll(\"[\\\\r\\\\n]\", \""
                + replacement
                + "\")");
      }
    }
    if (repl.isEmpty()) {
      return List.of();
    }
    EditSet e = ctx.edits();
    e.replace(call.get(), e.textWith(call.get(), repl));
    return List.of(
        new Candidate(
            log
                ? "Replaces line breaks in the untrusted value before it is logged, so it cannot forge log entries."
                : "Removes line breaks from the untrusted value before it goes into a header.",
            e.apply(),
            List.of(),
            "template:strip-newlines"));
  }
}
