package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.bulwark.code.fix.Candidate;
import dev.bulwark.code.fix.Concat;
import dev.bulwark.code.fix.EditSet;
import dev.bulwark.code.fix.FixContext;
import dev.bulwark.code.fix.FixTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cross-site scripting → contextual output encoding with the OWASP Java Encoder: the untrusted
 * value is wrapped in {@code Encode.forHtml(...)} where it enters the response; markup written
 * around it stays as it is. Adds the encoder to the build when it is missing.
 */
public final class XssFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-xss");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<MethodCallExpr> call = ctx.sinkCall();
    if (call.isEmpty()) {
      return List.of();
    }
    MethodCallExpr m = call.get();
    EditSet e = ctx.edits();
    String encode = e.use("org.owasp.encoder.Encode") + ".forHtml";
    Optional<String> traced = ctx.taintedName();
    // write(value.toCharArray(), 0, value.length()) -> write(Encode.forHtml(value))
    if (m.getArguments().size() == 3
        && m.getNameAsString().equals("write")
        && m.getArgument(0) instanceof MethodCallExpr arr
        && arr.getNameAsString().equals("toCharArray")
        && arr.getScope().isPresent()) {
      e.replace(
          m,
          e.text(m.getScope().orElseThrow())
              + ".write("
              + encode
              + "("
              + e.text(arr.getScope().get())
              + "))");
      return result(e);
    }
    Map<Node, String> repl = new HashMap<>();
    for (Expression a : m.getArguments()) {
      if (traced.isPresent()) {
        for (NameExpr n : FixContext.uses(a, traced.get())) {
          repl.put(n, encode + "(" + wrapValue(n, ctx) + ")");
        }
      } else {
        for (Concat.Part p : Concat.parts(a)) {
          if (!p.isLiteral() && !(p.expr() instanceof StringLiteralExpr) && p.expr() != a) {
            repl.put(p.expr(), encode + "(String.valueOf(" + ctx.text(p.expr()) + "))");
          }
        }
      }
    }
    if (repl.isEmpty()) {
      return List.of();
    }
    e.replace(m, e.textWith(m, repl));
    return result(e);
  }

  private static String wrapValue(NameExpr n, FixContext ctx) {
    String type = ctx.declaredType(n.getNameAsString()).orElse("String");
    return type.equals("String") || type.equals("java.lang.String")
        ? n.getNameAsString()
        : "String.valueOf(" + n.getNameAsString() + ")";
  }

  private static List<Candidate> result(EditSet e) {
    return List.of(
        new Candidate(
            "Encodes the untrusted value for HTML (OWASP Java Encoder) where it is written to the response.",
            e.apply(),
            List.of(Candidate.OWASP_ENCODER),
            "template:html-encode"));
  }
}
