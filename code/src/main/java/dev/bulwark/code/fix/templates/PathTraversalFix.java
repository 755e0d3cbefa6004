package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.Concat;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Path traversal → canonicalise under a base directory and reject escapes: {@code new File(base,
 * name)} becomes {@code new File(confinedPath(base, name))}, with the helper added to the class.
 * Without a base in sight, the working directory is the base.
 */
public final class PathTraversalFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-path-traversal");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    NodeList<Expression> args;
    String head;
    EditSet e = ctx.edits();
    if (ctx.sinkCreation().isPresent()) {
      ObjectCreationExpr o = ctx.sinkCreation().get();
      args = o.getArguments();
      head = "new " + e.text(o.getType());
    } else if (ctx.sinkCall().isPresent() && ctx.sinkCall().get().getScope().isPresent()) {
      MethodCallExpr m = ctx.sinkCall().get();
      String n = m.getNameAsString();
      if (!(n.equals("get") || n.equals("of"))) {
        return List.of();
      }
      args = m.getArguments();
      head = e.text(m.getScope().get()) + "." + n;
    } else {
      return List.of();
    }
    if (args.isEmpty() || args.size() > 2) {
      return List.of();
    }
    String base;
    String name;
    if (args.size() == 2) {
      base = asString(ctx, e, args.get(0));
      name = e.text(args.get(1));
    } else {
      List<Concat.Part> parts = Concat.parts(args.get(0));
      if (parts.size() >= 2 && !parts.get(0).isLiteral() && isUntraced(ctx, parts.get(0).expr())) {
        base = e.text(parts.get(0).expr());
        List<Object> rest = new ArrayList<>();
        for (Concat.Part p : parts.subList(1, parts.size())) {
          rest.add(p.isLiteral() ? p.literal() : new Concat.Code(e.text(p.expr())));
        }
        name = Concat.join(rest);
      } else if (parts.size() >= 2 && parts.get(0).isLiteral()) {
        base = Concat.literal(parts.get(0).literal());
        List<Object> rest = new ArrayList<>();
        for (Concat.Part p : parts.subList(1, parts.size())) {
          rest.add(p.isLiteral() ? p.literal() : new Concat.Code(e.text(p.expr())));
        }
        name = Concat.join(rest);
      } else {
        base = "System.getProperty(\"user.dir\")";
        name = asString(ctx, e, args.get(0));
      }
    }
    e.replace(ctx.sink(), head + "(confinedPath(" + base + ", " + name + "))");
    ctx.topType().ifPresent(t -> e.addMember(t, "confinedPath", Helpers.CONFINED_PATH));
    return List.of(
        new Candidate(
            "Resolves the untrusted name under its base directory and rejects paths that escape it (confinedPath).",
            e.apply(),
            List.of(),
            "template:confine-path"));
  }

  private static boolean isUntraced(FixContext ctx, Expression e) {
    Optional<String> t = ctx.taintedName();
    return t.isEmpty() || FixContext.uses(e, t.get()).isEmpty();
  }

  /** A File or Path argument is turned into its path string. */
  private static String asString(FixContext ctx, EditSet e, Expression a) {
    String text = e.text(a);
    if (a instanceof ObjectCreationExpr o && o.getType().getNameAsString().equals("File")) {
      return text + ".getPath()";
    }
    if (a instanceof NameExpr n) {
      String type = ctx.declaredType(n.getNameAsString()).orElse("String");
      if (type.endsWith("File")) {
        return text + ".getPath()";
      }
      if (type.endsWith("Path")) {
        return text + ".toString()";
      }
    }
    return text;
  }
}
