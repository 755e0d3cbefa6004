package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.List;

/** Predictable randomness → {@code SecureRandom}, which is a {@code Random} and drops in. */
public final class WeakRandomFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-weak-random");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    EditSet e = ctx.edits();
    if (ctx.sinkCreation().isPresent()) {
      ObjectCreationExpr o = ctx.sinkCreation().get();
      if (o.getAnonymousClassBody().isPresent()) {
        return List.of();
      }
      e.replace(o, "new " + e.use("java.security.SecureRandom") + "()");
    } else if (ctx.sinkCall().isPresent()) {
      MethodCallExpr m = ctx.sinkCall().get();
      String owner = m.getScope().map(ctx::text).orElse("");
      if (m.getNameAsString().equals("random") && owner.endsWith("Math")) {
        e.replace(m, "new " + e.use("java.security.SecureRandom") + "().nextDouble()");
      } else if (m.getNameAsString().equals("current") && owner.endsWith("ThreadLocalRandom")) {
        e.replace(m, "new " + e.use("java.security.SecureRandom") + "()");
      } else {
        return List.of();
      }
    } else {
      return List.of();
    }
    return List.of(
        new Candidate(
            "Uses SecureRandom, whose output cannot be predicted from earlier values.",
            e.apply(),
            List.of(),
            "template:secure-random"));
  }
}
