package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.Concat;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
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
      Expression target = ctx.resolveArray(a);
      if (ctx.usesTraced(a) || target != a && ctx.usesTraced(target)) {
        wrap(ctx, target, encode, repl);
      }
    }
    if (repl.isEmpty()) {
      return List.of();
    }
    Map<Node, String> inside = new HashMap<>();
    for (Map.Entry<Node, String> r : repl.entrySet()) {
      if (m.isAncestorOf(r.getKey())) {
        inside.put(r.getKey(), r.getValue());
      } else {
        e.replace(
            r.getKey(), r.getValue()); // an element of a format-argument array declared earlier
      }
    }
    if (!inside.isEmpty()) {
      e.replace(m, e.textWith(m, inside));
    }
    return result(e);
  }

  /**
   * Encodes where the value enters the text: the untrusted operands of a concatenation, the
   * receiver of {@code toCharArray()}/{@code getBytes()}, the elements of a format-argument array,
   * or else the whole argument.
   */
  private static void wrap(FixContext ctx, Expression a, String encode, Map<Node, String> repl) {
    if (a instanceof com.github.javaparser.ast.expr.EnclosedExpr en) {
      wrap(ctx, en.getInner(), encode, repl);
      return;
    }
    if (a instanceof MethodCallExpr call
        && (call.getNameAsString().equals("toCharArray")
            || call.getNameAsString().equals("getBytes"))
        && call.getScope().isPresent()) {
      wrap(ctx, call.getScope().get(), encode, repl);
      return;
    }
    if (a instanceof com.github.javaparser.ast.expr.ArrayInitializerExpr init) {
      for (Expression v : init.getValues()) {
        if (ctx.usesTraced(v)) {
          wrap(ctx, v, encode, repl);
        }
      }
      return;
    }
    List<Concat.Part> parts = Concat.parts(a);
    if (parts.size() >= 2 && Concat.hasLiteral(parts)) {
      for (Concat.Part p : parts) {
        if (!p.isLiteral() && ctx.usesTraced(p.expr())) {
          repl.put(p.expr(), encode + "(" + asString(ctx, p.expr()) + ")");
        }
      }
      return;
    }
    repl.put(a, encode + "(" + asString(ctx, a) + ")");
  }

  private static String asString(FixContext ctx, Expression e) {
    String t = ctx.text(e);
    if (e instanceof NameExpr n
        && ctx.declaredType(n.getNameAsString())
            .map(x -> x.equals("String") || x.equals("java.lang.String"))
            .orElse(false)) {
      return t;
    }
    return "String.valueOf(" + t + ")";
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
