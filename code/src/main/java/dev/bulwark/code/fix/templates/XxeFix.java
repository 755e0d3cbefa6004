package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
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
 * XML external entities → DTDs off. Finds the parser factory the reported parse goes back to and
 * disables DOCTYPE declarations on it (StAX: DTD support off), right after it is created. A second
 * candidate wraps the call for methods that cannot throw the configuration exception.
 */
public final class XxeFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-xxe");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<MethodCallExpr> call = ctx.sinkCall();
    if (call.isEmpty()) {
      return List.of();
    }
    Optional<String> factory = factoryOf(ctx, call.get().getScope().orElse(null), 0);
    if (factory.isEmpty()) {
      return List.of();
    }
    Optional<VariableDeclarator> decl = ctx.singleAssignment(factory.get());
    Optional<Statement> declStmt = decl.flatMap(d -> FixContext.enclosing(d, Statement.class));
    if (declStmt.isEmpty()) {
      return List.of();
    }
    String init = decl.get().getInitializer().get().toString();
    String f = factory.get();
    List<Candidate> out = new ArrayList<>();
    if (init.contains("XMLInputFactory")) {
      EditSet e = ctx.edits();
      e.insertAfter(
          declStmt.get(),
          List.of(f + ".setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);"));
      out.add(
          new Candidate(
              "Turns DTD support off in the StAX factory, so documents cannot declare external entities.",
              e.apply(),
              List.of(),
              "template:xml-no-dtd"));
      return out;
    }
    String feature =
        f + ".setFeature(\"http://apache.org/xml/features/disallow-doctype-decl\", true);";
    EditSet plain = ctx.edits();
    plain.insertAfter(declStmt.get(), List.of(feature));
    String description =
        "Disallows DOCTYPE declarations in the parser factory, so documents cannot declare external entities.";
    out.add(new Candidate(description, plain.apply(), List.of(), "template:xml-no-dtd"));
    String exceptions =
        init.contains("SAXParserFactory")
            ? "javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException"
            : "javax.xml.parsers.ParserConfigurationException";
    EditSet wrapped = ctx.edits();
    String unit = wrapped.indentUnit();
    wrapped.insertAfter(
        declStmt.get(),
        List.of(
            "try {",
            unit + feature,
            "} catch (" + exceptions + " e) {",
            unit + "throw new IllegalStateException(\"cannot disable DTDs\", e);",
            "}"));
    out.add(new Candidate(description, wrapped.apply(), List.of(), "template:xml-no-dtd"));
    return out;
  }

  /** The factory variable a parser or reader call goes back to. */
  private static Optional<String> factoryOf(FixContext ctx, Expression scope, int depth) {
    if (scope == null || depth > 4) {
      return Optional.empty();
    }
    if (scope instanceof MethodCallExpr m) {
      return factoryOf(ctx, m.getScope().orElse(null), depth + 1);
    }
    if (scope instanceof NameExpr n) {
      Optional<VariableDeclarator> d = ctx.singleAssignment(n.getNameAsString());
      if (d.isEmpty()) {
        return Optional.empty();
      }
      Expression init = d.get().getInitializer().get();
      String text = init.toString();
      if (text.matches(
          ".*(DocumentBuilderFactory|SAXParserFactory|XMLInputFactory)\\.new\\w*\\(\\)")) {
        return Optional.of(n.getNameAsString());
      }
      return factoryOf(ctx, init, depth + 1);
    }
    return Optional.empty();
  }
}
