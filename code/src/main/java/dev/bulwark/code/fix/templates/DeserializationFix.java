package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.List;
import java.util.Optional;

/**
 * Unsafe deserialization → an {@code ObjectInputFilter} on the stream before anything is read:
 * classes of the JDK's base module only, everything else rejected. Widen the pattern to the
 * application's own value classes as needed.
 */
public final class DeserializationFix implements FixTemplate {
  static final String FILTER = "java.io.ObjectInputFilter.Config.createFilter(\"java.base/*;!*\")";

  @Override
  public List<String> rules() {
    return List.of("java-unsafe-deserialization");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<MethodCallExpr> call = ctx.sinkCall();
    if (call.isEmpty() || !(call.get().getScope().orElse(null) instanceof NameExpr stream)) {
      return List.of();
    }
    Optional<VariableDeclarator> decl = ctx.singleAssignment(stream.getNameAsString());
    if (decl.isEmpty()) {
      return List.of();
    }
    String line = stream.getNameAsString() + ".setObjectInputFilter(" + FILTER + ");";
    EditSet e = ctx.edits();
    Optional<TryStmt> resource =
        decl.get()
            .getParentNode()
            .flatMap(p -> p.getParentNode())
            .filter(p -> p instanceof TryStmt)
            .map(p -> (TryStmt) p);
    if (resource.isPresent()) {
      var stmts = resource.get().getTryBlock().getStatements();
      if (stmts.isEmpty()) {
        return List.of();
      }
      e.insertBefore(stmts.get(0), List.of(line));
    } else {
      Optional<Statement> declStmt = FixContext.enclosing(decl.get(), Statement.class);
      if (declStmt.isEmpty()) {
        return List.of();
      }
      e.insertAfter(declStmt.get(), List.of(line));
    }
    return List.of(
        new Candidate(
            "Sets an ObjectInputFilter that admits only JDK base classes before reading, so the stream cannot instantiate gadget classes.",
            e.apply(),
            List.of(),
            "template:deserialization-filter"));
  }
}
