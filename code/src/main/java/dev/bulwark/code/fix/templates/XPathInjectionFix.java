package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.Statement;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.Concat;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * XPath injection → a variable resolver. The value leaves the expression, which refers to it as
 * {@code $arg1}; an {@code XPathVariableResolver} supplies it, so it is always compared as a string
 * and never parsed as XPath.
 */
public final class XPathInjectionFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-xpathi");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<MethodCallExpr> call = ctx.sinkCall();
    Optional<Statement> stmt = ctx.statement();
    if (call.isEmpty()
        || ctx.tracedNames().isEmpty()
        || stmt.isEmpty()
        || call.get().getArguments().isEmpty()) {
      return List.of();
    }
    MethodCallExpr m = call.get();
    if (!(m.getScope().orElse(null) instanceof NameExpr xp)) {
      return List.of();
    }
    Expression arg = m.getArgument(0);
    Optional<VariableDeclarator> exprVar =
        arg instanceof NameExpr n ? ctx.singleAssignment(n.getNameAsString()) : Optional.empty();
    Expression expression = exprVar.map(d -> d.getInitializer().get()).orElse(arg);
    List<Concat.Part> parts = Concat.parts(expression);
    if (!Concat.hasLiteral(parts)) {
      return List.of();
    }
    List<Object> pieces = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Concat.Part p = parts.get(i);
      if (p.isLiteral()) {
        pieces.add(p.literal());
        continue;
      }
      if (!ctx.usesTraced(p.expr())) {
        pieces.add(new Concat.Code(ctx.text(p.expr())));
        continue;
      }
      String before =
          pieces.isEmpty() || !(pieces.get(pieces.size() - 1) instanceof String s) ? "" : s;
      String after =
          i + 1 < parts.size() && parts.get(i + 1).isLiteral() ? parts.get(i + 1).literal() : "";
      for (String q : new String[] {"'", "\""}) {
        if (before.endsWith(q) && after.startsWith(q)) {
          pieces.set(pieces.size() - 1, before.substring(0, before.length() - 1));
          parts.set(i + 1, new Concat.Part(after.substring(1), null));
          break;
        }
      }
      values.add(ctx.text(p.expr()));
      pieces.add("$arg" + values.size());
    }
    if (values.isEmpty()) {
      return List.of();
    }
    EditSet e = ctx.edits();
    String newExpr = Concat.join(pieces);
    if (exprVar.isPresent()) {
      e.replace(expression, newExpr);
    } else {
      e.replace(arg, newExpr);
    }
    List<String> lines = new ArrayList<>();
    StringBuilder resolver = new StringBuilder("v -> ");
    for (int i = 0; i < values.size(); i++) {
      String local = "xpathArg" + (i + 1);
      lines.add("final String " + local + " = String.valueOf(" + values.get(i) + ");");
      resolver
          .append("\"arg")
          .append(i + 1)
          .append("\".equals(v.getLocalPart()) ? ")
          .append(local)
          .append(" : ");
    }
    resolver.append("null");
    lines.add(xp.getNameAsString() + ".setXPathVariableResolver(" + resolver + ");");
    e.insertBefore(stmt.get(), lines);
    return List.of(
        new Candidate(
            "Passes the untrusted value to XPath as a variable ($arg1) through a resolver instead of concatenating it into the expression.",
            e.apply(),
            List.of(),
            "template:xpath-variable"));
  }
}
