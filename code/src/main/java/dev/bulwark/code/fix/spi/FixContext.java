package dev.bulwark.code.fix.spi;

import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.Statement;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a template sees of one finding: the parsed file, the call the finding points at, the
 * statement and method around it, and the variable the taint trace says carried the data there.
 */
public final class FixContext {
  private final Finding finding;
  private final String path;
  private final String source;
  private final CompilationUnit cu;
  private final Node sink;

  private FixContext(Finding finding, String path, String source, CompilationUnit cu, Node sink) {
    this.finding = finding;
    this.path = path;
    this.source = source;
    this.cu = cu;
    this.sink = sink;
  }

  /**
   * The context of a finding in a parsed file, when the finding's position names a call or a
   * declaration.
   */
  public static Optional<FixContext> of(Finding finding, String source, CompilationUnit cu) {
    if (!(finding.primaryLocation() instanceof Location.File loc) || loc.region() == null) {
      return Optional.empty();
    }
    int line = loc.region().startLine();
    int col = loc.region().startColumn();
    int endLine = loc.region().endLine();
    int endCol = loc.region().endColumn() - 1;
    Node best = null;
    for (Node n :
        cu.findAll(
            Node.class,
            n ->
                n instanceof MethodCallExpr
                    || n instanceof ObjectCreationExpr
                    || n instanceof SimpleName)) {
      Optional<Range> r = n.getRange();
      if (r.isEmpty() || r.get().begin.line != line || r.get().begin.column != col) {
        continue;
      }
      // a call and its receiver start at the same place (new Random().nextInt()): the end decides
      boolean exact = r.get().end.line == endLine && r.get().end.column == endCol;
      if (best == null || exact) {
        best = n;
      }
    }
    return best == null
        ? Optional.empty()
        : Optional.of(new FixContext(finding, loc.path(), source, cu, best));
  }

  public Finding finding() {
    return finding;
  }

  public String path() {
    return path;
  }

  public String source() {
    return source;
  }

  public CompilationUnit cu() {
    return cu;
  }

  public Node sink() {
    return sink;
  }

  public EditSet edits() {
    return new EditSet(source, cu);
  }

  private EditSet reader;

  /** A node's source text exactly as written. */
  public String text(Node n) {
    if (reader == null) {
      reader = edits();
    }
    return reader.text(n);
  }

  /** Whether every local variable an expression reads is declared before {@code at}. */
  public boolean declaredBefore(Expression e, Node at) {
    Optional<CallableDeclaration<?>> m = method();
    if (m.isEmpty()) {
      return false;
    }
    for (NameExpr n : e.findAll(NameExpr.class)) {
      for (VariableDeclarator d :
          m.get()
              .findAll(
                  VariableDeclarator.class, d -> d.getNameAsString().equals(n.getNameAsString()))) {
        if (!d.getRange().orElseThrow().begin.isBefore(at.getRange().orElseThrow().begin)) {
          return false;
        }
      }
    }
    return true;
  }

  public Optional<MethodCallExpr> sinkCall() {
    return sink instanceof MethodCallExpr m ? Optional.of(m) : Optional.empty();
  }

  public Optional<ObjectCreationExpr> sinkCreation() {
    return sink instanceof ObjectCreationExpr o ? Optional.of(o) : Optional.empty();
  }

  /** The statement the sink is part of. */
  public Optional<Statement> statement() {
    return enclosing(sink, Statement.class);
  }

  public Optional<CallableDeclaration<?>> method() {
    Node n = sink;
    while (n.getParentNode().isPresent()) {
      n = n.getParentNode().get();
      if (n instanceof CallableDeclaration<?> c) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The top-level type of the file around the sink: where helper methods go. */
  public Optional<TypeDeclaration<?>> topType() {
    Node n = sink;
    TypeDeclaration<?> found = null;
    while (n.getParentNode().isPresent()) {
      n = n.getParentNode().get();
      if (n instanceof TypeDeclaration<?> t) {
        found = t;
      }
    }
    return Optional.ofNullable(found);
  }

  @SuppressWarnings("unchecked")
  public static <T extends Node> Optional<T> enclosing(Node n, Class<T> type) {
    Node p = n.getParentNode().orElse(null);
    while (p != null) {
      if (type.isInstance(p)) {
        return Optional.of((T) p);
      }
      p = p.getParentNode().orElse(null);
    }
    return Optional.empty();
  }

  /**
   * The local variable the trace says last carried the untrusted value before the sink, when it is
   * used in the sink's arguments.
   */
  public Optional<String> taintedName() {
    if (finding.codeFlows().isEmpty()) {
      return Optional.empty();
    }
    List<CodeFlow.Step> steps = new ArrayList<>(finding.codeFlows().get(0).steps());
    java.util.Collections.reverse(steps);
    for (CodeFlow.Step s : steps) {
      String name = variableOf(s.message());
      if (name != null) {
        String n = name;
        if (sink.findAll(NameExpr.class).stream().anyMatch(x -> x.getNameAsString().equals(n))) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }

  /** Every variable the trace names (assignments and parameters), in any order. */
  public java.util.Set<String> tracedNames() {
    java.util.Set<String> out = new java.util.HashSet<>();
    if (finding.codeFlows().isEmpty()) {
      return out;
    }
    for (CodeFlow.Step s : finding.codeFlows().get(0).steps()) {
      String name = variableOf(s.message());
      if (name != null) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * The variable a trace step names ("assigned to x", "parameter x of m", "@RequestParam parameter
   * 'x'"), or null when the step names none or what it names is no identifier.
   */
  private static String variableOf(String message) {
    String m = message;
    String name = null;
    if (m.startsWith("assigned to ")) {
      name = m.substring("assigned to ".length());
    } else if (m.startsWith("parameter ") && m.contains(" of ")) {
      name = m.substring("parameter ".length(), m.indexOf(" of "));
    } else if (m.startsWith("@") && m.contains(" parameter '")) {
      name = m.substring(m.indexOf(" parameter '") + " parameter '".length(), m.length() - 1);
    }
    return name != null && name.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? name : null;
  }

  /** Whether an expression reads one of the variables the trace names. */
  public boolean usesTraced(Node n) {
    java.util.Set<String> names = tracedNames();
    return n.findAll(NameExpr.class).stream().anyMatch(x -> names.contains(x.getNameAsString()))
        || n instanceof NameExpr x && names.contains(x.getNameAsString());
  }

  /** Uses of a name inside a node. */
  public static List<NameExpr> uses(Node in, String name) {
    return in.findAll(NameExpr.class, x -> x.getNameAsString().equals(name));
  }

  /**
   * The single declaration of a local variable in the sink's method, when the variable is never
   * assigned again: its initializer is then its value at the sink.
   */
  public Optional<VariableDeclarator> singleAssignment(String name) {
    Optional<CallableDeclaration<?>> m = method();
    if (m.isEmpty()) {
      return Optional.empty();
    }
    List<VariableDeclarator> decls =
        m.get().findAll(VariableDeclarator.class, d -> d.getNameAsString().equals(name));
    if (decls.size() != 1 || decls.get(0).getInitializer().isEmpty()) {
      return Optional.empty();
    }
    boolean reassigned =
        !m.get()
                .findAll(
                    AssignExpr.class,
                    a -> a.getTarget() instanceof NameExpr t && t.getNameAsString().equals(name))
                .isEmpty()
            || !m.get()
                .findAll(
                    UnaryExpr.class,
                    u ->
                        u.getExpression() instanceof NameExpr t
                            && t.getNameAsString().equals(name)
                            && !u.getOperator().isPrefix()
                            && u.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT)
                .isEmpty();
    return reassigned ? Optional.empty() : Optional.of(decls.get(0));
  }

  /** The declared type of a local variable or parameter of the sink's method, as written. */
  public Optional<String> declaredType(String name) {
    Optional<CallableDeclaration<?>> m = method();
    if (m.isEmpty()) {
      return Optional.empty();
    }
    for (var p : m.get().getParameters()) {
      if (p.getNameAsString().equals(name)) {
        return Optional.of(p.getType().asString());
      }
    }
    // several declarations of one name (in different blocks) count only when they agree
    java.util.Set<String> types = new java.util.HashSet<>();
    for (VariableDeclarator d :
        m.get().findAll(VariableDeclarator.class, d -> d.getNameAsString().equals(name))) {
      types.add(d.getType().asString());
    }
    return types.size() == 1 ? Optional.of(types.iterator().next()) : Optional.empty();
  }

  /**
   * An array variable followed to its initializer ({@code Object[] args = {...}}), else the
   * expression.
   */
  public Expression resolveArray(Expression e) {
    if (e instanceof NameExpr n
        && declaredType(n.getNameAsString()).map(t -> t.endsWith("[]")).orElse(false)) {
      Expression init = resolve(e);
      if (init instanceof com.github.javaparser.ast.expr.ArrayInitializerExpr) {
        return init;
      }
      if (init instanceof com.github.javaparser.ast.expr.ArrayCreationExpr ac
          && ac.getInitializer().isPresent()) {
        return ac.getInitializer().get();
      }
    }
    return e;
  }

  /** Follows a simple name to the expression it was initialised with, once. */
  public Expression resolve(Expression e) {
    if (e instanceof NameExpr n) {
      Optional<VariableDeclarator> d = singleAssignment(n.getNameAsString());
      if (d.isPresent()) {
        return d.get().getInitializer().get();
      }
    }
    return e;
  }
}
