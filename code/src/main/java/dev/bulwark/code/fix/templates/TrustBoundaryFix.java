package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.stmt.Statement;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.List;
import java.util.Optional;

/**
 * Trust boundary → validation before the session stores the value: a length limit and a
 * conservative character allowlist, failing closed.
 */
public final class TrustBoundaryFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-trust-boundary");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<String> traced = ctx.taintedName();
    Optional<Statement> stmt = ctx.statement();
    if (traced.isEmpty() || stmt.isEmpty()) {
      return List.of();
    }
    String v = traced.get();
    String type = ctx.declaredType(v).orElse("String");
    if (!(type.equals("String") || type.equals("java.lang.String"))) {
      return List.of();
    }
    EditSet e = ctx.edits();
    String unit = e.indentUnit();
    e.insertBefore(
        stmt.get(),
        List.of(
            "if (" + v + " == null || !" + v + ".matches(\"[A-Za-z0-9 _.,@:+-]{0,256}\")) {",
            unit
                + "throw new IllegalArgumentException(\"value rejected before it enters the session\");",
            "}"));
    return List.of(
        new Candidate(
            "Validates the value (length and allowed characters) before it is stored in the session.",
            e.apply(),
            List.of(),
            "template:validate-before-session"));
  }
}
