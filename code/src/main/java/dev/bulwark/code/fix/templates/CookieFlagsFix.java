package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.Statement;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cookies → Secure and HttpOnly. A call that turns a flag off is turned on; a missing call is added
 * before the cookie is sent. Both flags are set whichever one was reported.
 */
public final class CookieFlagsFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-insecure-cookie", "java-cookie-httponly");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<MethodCallExpr> call = ctx.sinkCall();
    Optional<Statement> stmt = ctx.statement();
    Optional<CallableDeclaration<?>> method = ctx.method();
    if (call.isEmpty()
        || stmt.isEmpty()
        || method.isEmpty()
        || call.get().getArguments().size() != 1
        || !(call.get().getArgument(0) instanceof NameExpr cookie)) {
      return List.of();
    }
    String name = cookie.getNameAsString();
    EditSet e = ctx.edits();
    List<String> missing = new ArrayList<>();
    for (String setter : List.of("setSecure", "setHttpOnly")) {
      List<MethodCallExpr> calls =
          method
              .get()
              .findAll(
                  MethodCallExpr.class,
                  c ->
                      c.getNameAsString().equals(setter)
                          && c.getScope().orElse(null) instanceof NameExpr s
                          && s.getNameAsString().equals(name)
                          && c.getArguments().size() == 1);
      if (calls.isEmpty()) {
        missing.add(name + "." + setter + "(true);");
      }
      for (MethodCallExpr c : calls) {
        if (!c.getArgument(0).toString().equals("true")) {
          e.replace(c.getArgument(0), "true");
        }
      }
    }
    if (!missing.isEmpty()) {
      e.insertBefore(stmt.get(), missing);
    }
    if (e.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Candidate(
            "Sends the cookie only over HTTPS (Secure) and hides it from page scripts (HttpOnly).",
            e.apply(),
            List.of(),
            "template:cookie-flags"));
  }
}
