package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.bulwark.code.fix.Candidate;
import dev.bulwark.code.fix.Concat;
import dev.bulwark.code.fix.EditSet;
import dev.bulwark.code.fix.FixContext;
import dev.bulwark.code.fix.FixTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LDAP injection → filter arguments. {@code search(base, "(uid=" + user + ")", controls)} becomes
 * {@code search(base, "(uid={0})", new Object[] {user}, controls)}: JNDI encodes each argument as
 * an RFC 4515 value, so it can never change the filter's structure.
 */
public final class LdapInjectionFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-ldapi");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<MethodCallExpr> call = ctx.sinkCall();
    Optional<String> traced = ctx.taintedName();
    if (call.isEmpty()
        || traced.isEmpty()
        || !call.get().getNameAsString().equals("search")
        || call.get().getArguments().size() != 3) {
      return List.of();
    }
    MethodCallExpr m = call.get();
    Expression filterArg = m.getArgument(1);
    Optional<VariableDeclarator> filterVar =
        filterArg instanceof NameExpr n
            ? ctx.singleAssignment(n.getNameAsString())
            : Optional.empty();
    Expression filter = filterVar.map(d -> d.getInitializer().get()).orElse(filterArg);
    if (!FixContext.uses(m.getArgument(0), traced.get()).isEmpty()) {
      return List.of(); // the untrusted value is in the name, not the filter
    }
    List<Concat.Part> parts = Concat.parts(filter);
    if (!Concat.hasLiteral(parts)) {
      return List.of();
    }
    List<Object> pieces = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Concat.Part p : parts) {
      if (p.isLiteral()) {
        pieces.add(p.literal().replace("{", "'{'"));
      } else if (!FixContext.uses(p.expr(), traced.get()).isEmpty()
          || p.expr() instanceof NameExpr n && n.getNameAsString().equals(traced.get())) {
        pieces.add("{" + values.size() + "}");
        values.add(ctx.text(p.expr()));
      } else {
        pieces.add(new Concat.Code(ctx.text(p.expr())));
      }
    }
    if (values.isEmpty()) {
      return List.of();
    }
    EditSet e = ctx.edits();
    String newFilter = Concat.join(pieces);
    String filterText;
    if (filterVar.isPresent()) {
      e.replace(filter, newFilter);
      filterText = ((NameExpr) filterArg).getNameAsString();
    } else {
      filterText = newFilter;
    }
    e.replace(
        m,
        ctx.text(m.getScope().orElseThrow())
            + ".search("
            + ctx.text(m.getArgument(0))
            + ", "
            + filterText
            + ", new Object[] {"
            + String.join(", ", values)
            + "}, "
            + ctx.text(m.getArgument(2))
            + ")");
    return List.of(
        new Candidate(
            "Passes the untrusted values as LDAP filter arguments ({0}), which JNDI escapes, instead of concatenating them into the filter.",
            e.apply(), List.of(), "template:ldap-filter-args"));
  }
}
