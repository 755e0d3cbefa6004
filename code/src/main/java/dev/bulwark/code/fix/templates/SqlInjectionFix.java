package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.Concat;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SQL injection → parameter binding. The concatenated query becomes a constant with {@code ?}
 * placeholders (quotes around a value and {@code LIKE} wildcards move into the bound value), and
 * the values are bound: as extra arguments for JdbcTemplate, with {@code setString}/{@code
 * setObject} on a {@code PreparedStatement}, with {@code setParameter} for JPA.
 */
public final class SqlInjectionFix implements FixTemplate {
  private static final Set<String> JDBC_TEMPLATE =
      Set.of(
          "query",
          "queryForList",
          "queryForMap",
          "queryForObject",
          "queryForRowSet",
          "queryForStream",
          "update");
  private static final Set<String> STATEMENT =
      Set.of("executeQuery", "execute", "executeUpdate", "executeLargeUpdate");

  @Override
  public List<String> rules() {
    return List.of("java-sqli");
  }

  /**
   * The placeholder query and the bound values' source text; {@code identifiers} are untrusted
   * operands in a place where SQL needs a name (ORDER BY, a table), which no placeholder can take,
   * and {@code columns} the column names the query selects explicitly (empty for {@code *}).
   */
  record Bound(
      String sql,
      List<String> params,
      List<Boolean> strings,
      List<Expression> exprs,
      List<Expression> identifiers,
      List<String> columns) {}

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<MethodCallExpr> call = ctx.sinkCall();
    if (call.isEmpty() || call.get().getArguments().isEmpty()) {
      return List.of();
    }
    MethodCallExpr m = call.get();
    Expression arg = m.getArgument(0);
    Optional<VariableDeclarator> sqlVar =
        arg instanceof NameExpr n ? ctx.singleAssignment(n.getNameAsString()) : Optional.empty();
    Expression query = sqlVar.map(d -> d.getInitializer().get()).orElse(arg);
    Bound bound = bind(ctx, query);
    if (bound == null || bound.params.isEmpty() && bound.identifiers.isEmpty()) {
      return List.of();
    }
    String name = m.getNameAsString();
    EditSet e = ctx.edits();
    if (!bound.identifiers.isEmpty()) {
      // a column or table name cannot be bound: only names the query itself selects may pass
      Optional<Statement> at =
          sqlVar.isPresent()
              ? FixContext.enclosing(sqlVar.get(), Statement.class)
              : ctx.statement();
      if (bound.columns.isEmpty() || at.isEmpty() || !allowListable(bound.identifiers)) {
        return List.of();
      }
      e.insertBefore(at.get(), allowList(e, bound));
      if (bound.params.isEmpty()) {
        return List.of(
            new Candidate(
                "Accepts only the columns the query selects as the sort or group column: a column"
                    + " name cannot be a bound parameter.",
                e.apply(),
                List.of(),
                "template:sql-allowlist"));
      }
    }
    // the constant query goes where the concatenation was
    if (sqlVar.isPresent()) {
      e.replace(query, bound.sql);
    }
    String sqlArg = sqlVar.isPresent() ? ((NameExpr) arg).getNameAsString() : bound.sql;
    String description;
    if (JDBC_TEMPLATE.contains(name)
        && !STATEMENT.contains(name)
        && !(m.getScope().isPresent() && looksLikeJdbcStatement(ctx, m))) {
      List<String> args = new ArrayList<>();
      args.add(sqlArg);
      for (int i = 1; i < m.getArguments().size(); i++) {
        args.add(e.text(m.getArgument(i)));
      }
      args.addAll(bound.params);
      e.replace(m, e.text(m.getScope().get()) + "." + name + "(" + String.join(", ", args) + ")");
      description =
          "Binds the untrusted values as query arguments instead of concatenating them into the SQL.";
    } else if (name.equals("prepareStatement") || name.equals("prepareCall")) {
      Optional<Statement> decl = ctx.statement();
      Optional<String> var = declaredVariable(m);
      if (var.isEmpty() || decl.isEmpty() || !(decl.get() instanceof ExpressionStmt)) {
        return List.of();
      }
      if (!sqlVar.isPresent()) {
        e.replace(arg, bound.sql);
      }
      e.insertAfter(decl.get(), setters(var.get(), bound));
      description =
          "Uses placeholders in the prepared statement and binds the untrusted values with setters.";
    } else if (name.equals("createQuery") || name.equals("createNativeQuery")) {
      String jpql = bound.sql;
      StringBuilder chain =
          new StringBuilder(
              e.text(m.getScope().orElseThrow())
                  + "."
                  + name
                  + "("
                  + positional(sqlVar.isPresent() ? null : jpql, sqlArg));
      for (int i = 1; i < m.getArguments().size(); i++) {
        chain.append(", ").append(e.text(m.getArgument(i)));
      }
      chain.append(")");
      for (int i = 0; i < bound.params.size(); i++) {
        chain
            .append(".setParameter(")
            .append(i + 1)
            .append(", ")
            .append(bound.params.get(i))
            .append(")");
      }
      if (sqlVar.isPresent()) {
        e.replace(query, numbered(bound.sql));
      }
      e.replace(m, chain.toString());
      description =
          "Binds the untrusted values as query parameters (setParameter) instead of concatenating them.";
    } else if (STATEMENT.contains(name)) {
      return statementToPrepared(ctx, m, sqlVar, query, bound);
    } else {
      return List.of();
    }
    if (!bound.identifiers.isEmpty()) {
      description +=
          " A column name cannot be bound: only the columns the query selects are accepted.";
    }
    return List.of(new Candidate(description, e.apply(), List.of(), "template:sql-binding"));
  }

  private static boolean allowListable(List<Expression> identifiers) {
    return identifiers.stream().allMatch(x -> x instanceof NameExpr);
  }

  private static List<String> allowList(EditSet e, Bound bound) {
    String set = e.use("java.util.Set");
    StringBuilder cols = new StringBuilder();
    for (String c : bound.columns) {
      cols.append(cols.length() == 0 ? "" : ", ").append(Concat.literal(c));
    }
    List<String> lines = new ArrayList<>();
    for (String v : bound.identifiers.stream().map(x -> x.toString()).distinct().toList()) {
      lines.add("if (!" + set + ".of(" + cols + ").contains(" + v + ")) {");
      lines.add(
          e.indentUnit()
              + "throw new IllegalArgumentException(\"unsupported column name in "
              + v
              + "\");");
      lines.add("}");
    }
    return lines;
  }

  /** SQL keywords after which a name, not a value, follows. */
  private static final java.util.regex.Pattern NAME_BEFORE =
      java.util.regex.Pattern.compile(
          "(?is).*\\b(ORDER\\s+BY|GROUP\\s+BY|FROM|JOIN|INTO|UPDATE|TABLE)\\s*$|(?is).*\\bORDER\\s+BY\\s+[\\w.]+(\\s+(ASC|DESC))?\\s*,\\s*$");

  private static final java.util.regex.Pattern NAME_AFTER =
      java.util.regex.Pattern.compile("(?is)^\\s*(ASC|DESC)\\b.*");

  private static final java.util.regex.Pattern SELECT_LIST =
      java.util.regex.Pattern.compile("(?is)^\\s*SELECT\\s+(?:DISTINCT\\s+)?(.+?)\\s+FROM\\s.*");

  private static final java.util.regex.Pattern COLUMN =
      java.util.regex.Pattern.compile(
          "(?i)^(?:[A-Za-z_][A-Za-z0-9_]*\\.)?([A-Za-z_][A-Za-z0-9_]*)(?:\\s+(?:AS\\s+)?([A-Za-z_][A-Za-z0-9_]*))?$");

  /** The column names of an explicit select list, or empty for {@code *} or expressions. */
  static List<String> selectedColumns(String sqlPrefix) {
    java.util.regex.Matcher m = SELECT_LIST.matcher(sqlPrefix);
    if (!m.matches()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String item : m.group(1).split(",")) {
      java.util.regex.Matcher c = COLUMN.matcher(item.strip());
      if (!c.matches()) {
        return List.of();
      }
      out.add(c.group(2) != null ? c.group(2) : c.group(1));
    }
    return out;
  }

  private static boolean looksLikeJdbcStatement(FixContext ctx, MethodCallExpr m) {
    return m.getScope().get() instanceof NameExpr n
        && ctx.declaredType(n.getNameAsString()).map(t -> t.endsWith("Statement")).orElse(false);
  }

  private static String positional(String literalSql, String arg) {
    return literalSql == null ? arg : numbered(literalSql);
  }

  /** JPQL numbers its positional parameters: ?1, ?2. */
  private static String numbered(String sqlLiteral) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    boolean inString = false;
    for (int i = 0; i < sqlLiteral.length(); i++) {
      char c = sqlLiteral.charAt(i);
      if (c == '"' && (i == 0 || sqlLiteral.charAt(i - 1) != '\\')) {
        inString = !inString;
      }
      out.append(c);
      if (c == '?' && inString) {
        out.append(++n);
      }
    }
    return out.toString();
  }

  private static Optional<String> declaredVariable(MethodCallExpr m) {
    return m.getParentNode()
        .filter(p -> p instanceof VariableDeclarator)
        .map(p -> ((VariableDeclarator) p).getNameAsString());
  }

  private static List<String> setters(String var, Bound b) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < b.params.size(); i++) {
      lines.add(
          var
              + "."
              + (b.strings.get(i) ? "setString" : "setObject")
              + "("
              + (i + 1)
              + ", "
              + b.params.get(i)
              + ");");
    }
    return lines;
  }

  /** {@code Statement.execute*(sql)} → a PreparedStatement on the same connection. */
  private List<Candidate> statementToPrepared(
      FixContext ctx,
      MethodCallExpr m,
      Optional<VariableDeclarator> sqlVar,
      Expression query,
      Bound bound) {
    if (!(m.getScope().orElse(null) instanceof NameExpr recv)) {
      return List.of();
    }
    Optional<VariableDeclarator> stDecl = ctx.singleAssignment(recv.getNameAsString());
    if (stDecl.isEmpty()
        || !(stDecl.get().getInitializer().get() instanceof MethodCallExpr create)
        || !create.getNameAsString().equals("createStatement")
        || create.getScope().isEmpty()) {
      return List.of();
    }
    EditSet e = ctx.edits();
    String ps = e.use("java.sql.PreparedStatement");
    String sqlText = sqlVar.isPresent() ? sqlVar.get().getNameAsString() : bound.sql;
    String connection = e.text(create.getScope().get());
    String st = recv.getNameAsString();
    String keep = m.getArguments().size() > 1 ? e.text(m.getArgument(1)) : null;
    String prepare =
        connection
            + ".prepareStatement("
            + sqlText
            + (keep != null && m.getNameAsString().equals("execute") ? ", " + keep : "")
            + ")";
    Optional<TryStmt> inResources =
        stDecl
            .get()
            .getParentNode()
            .flatMap(p -> p.getParentNode())
            .filter(p -> p instanceof TryStmt)
            .map(p -> (TryStmt) p);
    if (sqlVar.isPresent()) {
      e.replace(query, bound.sql);
    }
    String executed = st + "." + m.getNameAsString() + "()";
    if (inResources.isPresent()) {
      return tryResources(e, inResources.get(), stDecl.get(), m, ps, prepare, executed, bound);
    }
    Optional<Statement> declStmt = FixContext.enclosing(stDecl.get(), Statement.class);
    Optional<Statement> sinkStmt = ctx.statement();
    if (declStmt.isEmpty()
        || sinkStmt.isEmpty()
        || !(stDecl.get().getParentNode().orElse(null) instanceof VariableDeclarationExpr v)
        || v.getVariables().size() != 1) {
      return List.of();
    }
    // the query text must be known where the statement is prepared: its declaration comes first
    if (sqlVar.isPresent() && !before(sqlVar.get(), stDecl.get())) {
      return List.of();
    }
    if (!sqlVar.isPresent() && !paramsDeclaredBefore(ctx, bound, stDecl.get())) {
      return List.of();
    }
    e.replace(v.getElementType(), ps);
    e.replace(create, prepare);
    e.insertAfter(declStmt.get(), setters(st, bound));
    e.replace(m, executed);
    return List.of(
        new Candidate(
            "Prepares the statement with placeholders and binds the untrusted values with setters.",
            e.apply(),
            List.of(),
            "template:sql-binding"));
  }

  /**
   * In try-with-resources the values cannot be bound between two resources: the statement is
   * prepared as a resource, bound in the body, and the result set moves to a nested try.
   */
  private List<Candidate> tryResources(
      EditSet e,
      TryStmt t,
      VariableDeclarator stDecl,
      MethodCallExpr m,
      String ps,
      String prepare,
      String executed,
      Bound bound) {
    List<Expression> resources = t.getResources();
    int stIndex = -1;
    int sinkIndex = -1;
    for (int i = 0; i < resources.size(); i++) {
      if (resources.get(i).findFirst(VariableDeclarator.class, d -> d == stDecl).isPresent()) {
        stIndex = i;
      }
      if (resources.get(i).findFirst(MethodCallExpr.class, c -> c == m).isPresent()) {
        sinkIndex = i;
      }
    }
    if (stIndex < 0
        || (sinkIndex >= 0 && sinkIndex != resources.size() - 1)
        || (sinkIndex >= 0 && sinkIndex != stIndex + 1)) {
      return List.of();
    }
    String indent = e.indentOf(t);
    String unit = e.indentUnit();
    StringBuilder head = new StringBuilder("try (");
    for (int i = 0; i < stIndex; i++) {
      head.append(e.text(resources.get(i))).append(";\n").append(indent).append("    ");
    }
    head.append(ps)
        .append(" ")
        .append(stDecl.getNameAsString())
        .append(" = ")
        .append(prepare)
        .append(") {\n");
    for (String s : setters(stDecl.getNameAsString(), bound)) {
      head.append(indent).append(unit).append(s).append('\n');
    }
    BlockStmt body = t.getTryBlock();
    String bodyText = e.text(body);
    if (sinkIndex >= 0) {
      String resource = e.text(resources.get(sinkIndex));
      String sinkText = e.text(m);
      resource = resource.replace(sinkText, executed);
      head.append(indent).append(unit).append("try (").append(resource).append(") ");
      head.append(reindent(bodyText, unit)).append('\n').append(indent).append("}");
    } else {
      return List.of();
    }
    // replace from "try" up to the end of the try block; catch and finally clauses stay
    String tail = e.text(t).substring(e.text(t).indexOf(bodyText) + bodyText.length());
    e.replace(t, head + tail);
    return List.of(
        new Candidate(
            "Prepares the statement with placeholders, binds the untrusted values, and reads the results in a nested try.",
            e.apply(),
            List.of(),
            "template:sql-binding"));
  }

  private static String reindent(String block, String unit) {
    String[] lines = block.split("\n", -1);
    StringBuilder out = new StringBuilder(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      out.append('\n').append(lines[i].isEmpty() ? "" : unit + lines[i]);
    }
    return out.toString();
  }

  private static boolean before(
      com.github.javaparser.ast.Node a, com.github.javaparser.ast.Node b) {
    return a.getRange().orElseThrow().begin.isBefore(b.getRange().orElseThrow().begin);
  }

  private static boolean paramsDeclaredBefore(FixContext ctx, Bound bound, VariableDeclarator at) {
    for (Expression p : bound.exprs) {
      if (!ctx.declaredBefore(p, at)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The placeholder query for a concatenation: the untrusted operands (the traced variable, or
   * every operand that is not a constant) become {@code ?}, with quotes and {@code %} around them
   * moved into the bound value.
   */
  static Bound bind(FixContext ctx, Expression query) {
    List<Concat.Part> parts = Concat.parts(query);
    if (!Concat.hasLiteral(parts) || parts.size() < 2) {
      return null;
    }
    // with a name to allow-list the reported flow may be the name's; every other operand is bound
    boolean traced = !ctx.tracedNames().isEmpty() && !hasNamePosition(parts);
    List<Object> pieces = new ArrayList<>();
    List<String> params = new ArrayList<>();
    List<Boolean> strings = new ArrayList<>();
    List<Expression> exprs = new ArrayList<>();
    List<Expression> identifiers = new ArrayList<>();
    String head = parts.get(0).isLiteral() ? parts.get(0).literal() : "";
    for (int i = 0; i < parts.size(); i++) {
      Concat.Part p = parts.get(i);
      if (p.isLiteral()) {
        pieces.add(p.literal());
        continue;
      }
      boolean untrusted = traced ? ctx.usesTraced(p.expr()) : !isConstantName(p.expr());
      String prev =
          pieces.isEmpty() || !(pieces.get(pieces.size() - 1) instanceof String s) ? "" : s;
      String next =
          i + 1 < parts.size() && parts.get(i + 1).isLiteral() ? parts.get(i + 1).literal() : "";
      if (!isConstantName(p.expr())
          && (NAME_BEFORE.matcher(prev).matches() || NAME_AFTER.matcher(next).matches())) {
        // a name position, whichever flow was reported: it stays concatenated, to be checked
        // against an allow-list
        pieces.add(new Concat.Code(ctx.text(p.expr())));
        identifiers.add(p.expr());
        continue;
      }
      if (!untrusted) {
        pieces.add(new Concat.Code(ctx.text(p.expr())));
        continue;
      }
      String before =
          pieces.isEmpty() || !(pieces.get(pieces.size() - 1) instanceof String s) ? "" : s;
      String after =
          i + 1 < parts.size() && parts.get(i + 1).isLiteral() ? parts.get(i + 1).literal() : "";

      String prefix = "";
      String suffix = "";
      boolean quoted = false;
      if (before.endsWith("'%") && after.startsWith("%'")) {
        prefix = "\"%\" + ";
        suffix = " + \"%\"";
        before = before.substring(0, before.length() - 2);
        after = after.substring(2);
        quoted = true;
      } else if (before.endsWith("'") && after.startsWith("'")) {
        before = before.substring(0, before.length() - 1);
        after = after.substring(1);
        quoted = true;
      } else if (before.endsWith("'") || after.startsWith("'")) {
        return null; // a quote on one side only: not a shape we can rewrite safely
      }
      if (!pieces.isEmpty() && pieces.get(pieces.size() - 1) instanceof String) {
        pieces.set(pieces.size() - 1, before);
      }
      pieces.add("?");
      if (i + 1 < parts.size() && parts.get(i + 1).isLiteral()) {
        parts.set(i + 1, new Concat.Part(after, null));
      }
      String expr = ctx.text(p.expr());
      exprs.add(p.expr());
      params.add(prefix.isEmpty() ? expr : prefix + expr + suffix);
      strings.add(quoted || isStringTyped(ctx, p.expr()));
    }
    return new Bound(
        Concat.join(pieces), params, strings, exprs, identifiers, selectedColumns(head));
  }

  private static boolean hasNamePosition(List<Concat.Part> parts) {
    for (int i = 1; i < parts.size(); i++) {
      Concat.Part p = parts.get(i);
      if (!p.isLiteral()
          && !isConstantName(p.expr())
          && (parts.get(i - 1).isLiteral()
                  && NAME_BEFORE.matcher(parts.get(i - 1).literal()).matches()
              || i + 1 < parts.size()
                  && parts.get(i + 1).isLiteral()
                  && NAME_AFTER.matcher(parts.get(i + 1).literal()).matches())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConstantName(Expression e) {
    String s = e.toString();
    String last = s.substring(s.lastIndexOf('.') + 1);
    return last.matches("[A-Z][A-Z0-9_]*");
  }

  private static boolean isStringTyped(FixContext ctx, Expression e) {
    return e instanceof NameExpr n
        && ctx.declaredType(n.getNameAsString())
            .map(t -> t.equals("String") || t.equals("java.lang.String"))
            .orElse(false);
  }
}
