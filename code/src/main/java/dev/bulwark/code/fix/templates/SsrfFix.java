package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.List;

/**
 * Server-side request forgery → an allowlist of origins. The destination passes {@code allowedUrl},
 * which refuses anything that does not start with one of {@code ALLOWED_ORIGINS}; the list starts
 * with a placeholder the team replaces with the services the code must reach.
 */
public final class SsrfFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-ssrf");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    NodeList<Expression> args =
        ctx.sinkCall()
            .map(MethodCallExpr::getArguments)
            .or(() -> ctx.sinkCreation().map(o -> o.getArguments()))
            .orElse(null);
    if (args == null || args.isEmpty() || !ctx.usesTraced(args.get(0))) {
      return List.of();
    }
    Expression url = args.get(0);
    // URI.create(x) and friends: check the string they are made from
    if (url instanceof MethodCallExpr m
        && m.getNameAsString().equals("create")
        && m.getArguments().size() == 1) {
      url = m.getArgument(0);
    }
    EditSet e = ctx.edits();
    e.replace(url, "allowedUrl(" + ctx.text(url) + ")");
    var top = ctx.topType();
    if (top.isEmpty()) {
      return List.of();
    }
    e.addMember(top.get(), "allowedUrl", Helpers.ALLOWED_URL);
    return List.of(
        new Candidate(
            "Sends requests only to origins on an allowlist (ALLOWED_ORIGINS, to be filled with the services this code calls).",
            e.apply(),
            List.of(),
            "template:ssrf-allowlist"));
  }
}
