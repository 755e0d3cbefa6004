package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.Concat;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    if (call.isEmpty() || ctx.tracedNames().isEmpty()) {
      return List.of();
    }
    boolean withArgs =
        call.get().getArguments().size() == 4
            && call.get().getArgument(2)
                instanceof com.github.javaparser.ast.expr.ArrayCreationExpr a
            && (a.getInitializer().map(i -> i.getValues().isEmpty()).orElse(false)
                || a.getLevels().size() == 1
                    && "0"
                        .equals(
                            a.getLevels().get(0).getDimension().map(Object::toString).orElse("")));
    if (!call.get().getNameAsString().equals("search")
        || (call.get().getArguments().size() != 3 && !withArgs)) {
      return escapedName(ctx, call.get());
    }
    MethodCallExpr m = call.get();
    Expression filterArg = m.getArgument(1);
    Optional<VariableDeclarator> filterVar =
        filterArg instanceof NameExpr n
            ? ctx.singleAssignment(n.getNameAsString())
            : Optional.empty();
    Expression filter = filterVar.map(d -> d.getInitializer().get()).orElse(filterArg);
    if (ctx.usesTraced(m.getArgument(0))) {
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
      } else if (ctx.usesTraced(p.expr())) {
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
            + ctx.text(m.getArgument(m.getArguments().size() - 1))
            + ")");
    return List.of(
        new Candidate(
            "Passes the untrusted values as LDAP filter arguments ({0}), which JNDI escapes, instead of concatenating them into the filter.",
            e.apply(), List.of(), "template:ldap-filter-args"));
  }

  /**
   * A distinguished name built from untrusted text: each untrusted part escaped as an RDN value.
   */
  private static List<Candidate> escapedName(FixContext ctx, MethodCallExpr m) {
    if (m.getArguments().isEmpty() || !ctx.usesTraced(m.getArgument(0))) {
      return List.of();
    }
    Expression name = m.getArgument(0);
    List<Concat.Part> parts = Concat.parts(name);
    if (parts.size() < 2 || !Concat.hasLiteral(parts)) {
      return List.of();
    }
    Map<com.github.javaparser.ast.Node, String> repl = new HashMap<>();
    for (Concat.Part p : parts) {
      if (!p.isLiteral() && ctx.usesTraced(p.expr())) {
        repl.put(p.expr(), "javax.naming.ldap.Rdn.escapeValue(" + ctx.text(p.expr()) + ")");
      }
    }
    EditSet e = ctx.edits();
    e.replace(name, e.textWith(name, repl));
    return List.of(
        new Candidate(
            "Escapes the untrusted value as an RDN value (Rdn.escapeValue) so it cannot change the name's structure.",
            e.apply(),
            List.of(),
            "template:ldap-escape-rdn"));
  }
}
