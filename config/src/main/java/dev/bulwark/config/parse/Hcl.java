package dev.bulwark.config.parse;

import dev.bulwark.config.doc.ListNode;
import dev.bulwark.config.doc.MapNode;
import dev.bulwark.config.doc.Node;
import dev.bulwark.config.doc.ParseException;
import dev.bulwark.config.doc.Scalar;
import dev.bulwark.config.parse.HclLexer.T;
import dev.bulwark.config.parse.HclLexer.Token;
import java.util.List;
import java.util.Set;

/**
 * A parser for the HCL2 native syntax Terraform files are written in: bodies of attributes and
 * blocks, and the full expression grammar (templates, heredocs, tuples, objects, function calls,
 * references with index and splat, operators, conditionals, {@code for} expressions).
 *
 * <p>Literals are evaluated: numbers, strings without interpolation, booleans, null, tuples and
 * objects become plain nodes, and {@code jsonencode}/{@code tolist}/{@code toset}/{@code tomap} of
 * a literal become that literal, so a policy written with {@code jsonencode({...})} is queryable.
 * Anything else (a reference, an interpolated string, a call) becomes an {@link
 * Scalar.Type#EXPRESSION} holding its source, which no rule mistakes for a literal value.
 *
 * <p>The tree: a block {@code resource "aws_s3_bucket" "logs" {…}} is reached as {@code
 * resource.aws_s3_bucket.logs}; blocks without labels (repeated {@code ingress {…}}) form a list
 * under their type. Bounded: input size and nesting depth are limited.
 */
public final class Hcl {
  static final int MAX_CHARS = 4 * 1024 * 1024;
  static final int MAX_DEPTH = 128;
  private static final Set<String> TRANSPARENT = Set.of("jsonencode", "tolist", "toset", "tomap");

  private final String path;
  private final String src;
  private final List<Token> tokens;
  private int i;
  private int skipNewlines;
  private int depth;

  private Hcl(String path, String src, List<Token> tokens) {
    this.path = path;
    this.src = src;
    this.tokens = tokens;
  }

  public static MapNode parse(String path, String text) throws ParseException {
    if (text.length() > MAX_CHARS) {
      throw new ParseException(path, 1, "larger than " + MAX_CHARS + " characters");
    }
    Hcl p = new Hcl(path, text, new HclLexer(path, text).tokens());
    MapNode root = new MapNode(1);
    p.body(root, false);
    return root;
  }

  // ---- tokens

  private Token peek() {
    if (skipNewlines > 0) {
      while (tokens.get(i).type() == T.NEWLINE) {
        i++;
      }
    }
    return tokens.get(i);
  }

  private Token next() {
    Token t = peek();
    if (t.type() != T.EOF) {
      i++;
    }
    return t;
  }

  private Token expect(String punct, String what) throws ParseException {
    Token t = next();
    if (!t.is(punct)) {
      throw error(t, "expected '" + punct + "' " + what + ", found " + describe(t));
    }
    return t;
  }

  private ParseException error(Token t, String message) {
    return new ParseException(path, t.line(), message);
  }

  private static String describe(Token t) {
    return switch (t.type()) {
      case EOF -> "end of file";
      case NEWLINE -> "end of line";
      case STRING -> "a string";
      default -> "'" + t.text() + "'";
    };
  }

  private void enter(Token at) throws ParseException {
    if (++depth > MAX_DEPTH) {
      throw error(at, "nested deeper than " + MAX_DEPTH);
    }
  }

  // ---- bodies

  private void body(MapNode into, boolean braced) throws ParseException {
    while (true) {
      Token t = next();
      if (t.type() == T.NEWLINE) {
        continue;
      }
      if (t.type() == T.EOF) {
        if (braced) {
          throw error(t, "block is never closed: expected '}'");
        }
        return;
      }
      if (braced && t.is("}")) {
        return;
      }
      if (t.type() != T.IDENT) {
        throw error(t, "expected an attribute or block name, found " + describe(t));
      }
      Token after = peek();
      if (after.is("=")) {
        next();
        Node value = expression();
        into.put(t.text(), t.line(), value);
        Token end = peek();
        if (end.type() == T.NEWLINE) {
          next();
        } else if (!(end.type() == T.EOF || (braced && end.is("}")))) {
          throw error(
              end, "expected end of line after attribute " + t.text() + ", found " + describe(end));
        }
        continue;
      }
      block(into, t);
    }
  }

  private void block(MapNode into, Token type) throws ParseException {
    enter(type);
    java.util.ArrayList<String> labels = new java.util.ArrayList<>();
    while (true) {
      Token l = next();
      if (l.type() == T.STRING || l.type() == T.IDENT) {
        labels.add(l.text());
      } else if (l.is("{")) {
        break;
      } else {
        throw error(l, "expected '=' or a block after " + type.text() + ", found " + describe(l));
      }
    }
    MapNode body = new MapNode(type.line());
    body(body, true);
    depth--;
    if (labels.isEmpty()) {
      Node existing = into.get(type.text());
      if (existing == null) {
        ListNode list = new ListNode(type.line());
        into.put(type.text(), type.line(), list);
        existing = list;
      }
      if (existing instanceof ListNode list) {
        list.add(body);
      }
      return;
    }
    MapNode container = into;
    List<String> path = new java.util.ArrayList<>();
    path.add(type.text());
    path.addAll(labels.subList(0, labels.size() - 1));
    for (String key : path) {
      Node n = container.get(key);
      if (n == null) {
        MapNode m = new MapNode(type.line());
        container.put(key, type.line(), m);
        n = m;
      }
      if (!(n instanceof MapNode m)) {
        return; // a name used both as attribute and block: keep the first
      }
      container = m;
    }
    container.put(labels.get(labels.size() - 1), type.line(), body);
  }

  // ---- expressions

  private Node expression() throws ParseException {
    Token first = peek();
    enter(first);
    Node cond = binary(0);
    if (peek().is("?")) {
      next();
      expression();
      expect(":", "in a conditional");
      expression();
      cond = expr(first);
    }
    depth--;
    return cond;
  }

  private static final List<Set<String>> LEVELS =
      List.of(
          Set.of("||"),
          Set.of("&&"),
          Set.of("==", "!="),
          Set.of("<", ">", "<=", ">="),
          Set.of("+", "-"),
          Set.of("*", "/", "%"));

  private Node binary(int level) throws ParseException {
    if (level == LEVELS.size()) {
      return unary();
    }
    Token first = peek();
    Node left = binary(level + 1);
    boolean combined = false;
    while (peek().type() == T.PUNCT && LEVELS.get(level).contains(peek().text())) {
      next();
      binary(level + 1);
      combined = true;
    }
    return combined ? expr(first) : left;
  }

  private Node unary() throws ParseException {
    Token t = peek();
    if (t.is("!") || t.is("-")) {
      next();
      Node operand = unary();
      if (t.is("-") && operand instanceof Scalar s && s.type() == Scalar.Type.NUMBER) {
        return new Scalar(t.line(), "-" + s.text(), Scalar.Type.NUMBER);
      }
      return expr(t);
    }
    return postfix();
  }

  private Node postfix() throws ParseException {
    Token first = peek();
    Node value = primary();
    boolean changed = false;
    while (true) {
      // a newline ends a traversal unless inside brackets
      Token t = tokens.get(i);
      if (t.is(".")) {
        next();
        Token name = next();
        if (!(name.type() == T.IDENT || name.type() == T.NUMBER || name.is("*"))) {
          throw error(name, "expected an attribute name after '.', found " + describe(name));
        }
        changed = true;
      } else if (t.is("[")) {
        next();
        skipNewlines++;
        if (peek().is("*")) {
          next();
        } else {
          expression();
        }
        expect("]", "closing an index");
        skipNewlines--;
        changed = true;
      } else {
        break;
      }
    }
    return changed ? expr(first) : value;
  }

  private Node primary() throws ParseException {
    Token t = next();
    switch (t.type()) {
      case NUMBER -> {
        return new Scalar(t.line(), t.text(), Scalar.Type.NUMBER);
      }
      case STRING -> {
        return new Scalar(
            t.line(), t.text(), t.template() ? Scalar.Type.EXPRESSION : Scalar.Type.STRING);
      }
      case IDENT -> {
        switch (t.text()) {
          case "true", "false" -> {
            return new Scalar(t.line(), t.text(), Scalar.Type.BOOLEAN);
          }
          case "null" -> {
            return new Scalar(t.line(), "null", Scalar.Type.NULL);
          }
          default -> {}
        }
        if (tokens.get(i).is("(")) {
          return call(t);
        }
        return expr(t);
      }
      case PUNCT -> {
        if (t.is("(")) {
          skipNewlines++;
          expression();
          expect(")", "closing a parenthesis");
          skipNewlines--;
          return expr(t);
        }
        if (t.is("[")) {
          return tuple(t);
        }
        if (t.is("{")) {
          return object(t);
        }
        throw error(t, "expected an expression, found " + describe(t));
      }
      default -> throw error(t, "expected an expression, found " + describe(t));
    }
  }

  private Node call(Token name) throws ParseException {
    next(); // (
    skipNewlines++;
    java.util.ArrayList<Node> args = new java.util.ArrayList<>();
    while (!peek().is(")")) {
      args.add(expression());
      if (peek().is("...")) {
        next();
      }
      if (peek().is(",")) {
        next();
      } else if (!peek().is(")")) {
        throw error(
            peek(),
            "expected ',' or ')' in call to " + name.text() + ", found " + describe(peek()));
      }
    }
    next(); // )
    skipNewlines--;
    if (TRANSPARENT.contains(name.text()) && args.size() == 1 && isLiteral(args.get(0))) {
      return args.get(0);
    }
    return expr(name);
  }

  private static boolean isLiteral(Node n) {
    return !(n instanceof Scalar s && s.type() == Scalar.Type.EXPRESSION);
  }

  private boolean forAhead() {
    Token t = peek();
    return t.type() == T.IDENT && t.text().equals("for") && tokens.get(i + 1).type() == T.IDENT;
  }

  private Node forExpression(Token open, String close) throws ParseException {
    // for k, v in coll : result [=> value] [...] [if cond]
    next(); // for
    next(); // first name
    if (peek().is(",")) {
      next();
      next();
    }
    Token in = next();
    if (!(in.type() == T.IDENT && in.text().equals("in"))) {
      throw error(in, "expected 'in' in a for expression, found " + describe(in));
    }
    expression();
    expect(":", "in a for expression");
    expression();
    if (peek().is("=>")) {
      next();
      expression();
    }
    if (peek().is("...")) {
      next();
    }
    if (peek().type() == T.IDENT && peek().text().equals("if")) {
      next();
      expression();
    }
    expect(close, "closing a for expression");
    skipNewlines--;
    return expr(open);
  }

  private Node tuple(Token open) throws ParseException {
    skipNewlines++;
    if (forAhead()) {
      return forExpression(open, "]");
    }
    ListNode list = new ListNode(open.line());
    while (!peek().is("]")) {
      list.add(expression());
      if (peek().is(",")) {
        next();
      } else if (!peek().is("]")) {
        throw error(peek(), "expected ',' or ']' in a list, found " + describe(peek()));
      }
    }
    next();
    skipNewlines--;
    return list;
  }

  private Node object(Token open) throws ParseException {
    skipNewlines++;
    if (forAhead()) {
      return forExpression(open, "}");
    }
    MapNode map = new MapNode(open.line());
    while (!peek().is("}")) {
      Token keyToken = peek();
      Node key = expression();
      Token sep = next();
      if (!(sep.is("=") || sep.is(":"))) {
        throw error(sep, "expected '=' or ':' after an object key, found " + describe(sep));
      }
      Node value = expression();
      String name =
          key instanceof Scalar s
              ? (s.type() == Scalar.Type.EXPRESSION && keyToken.type() == T.PUNCT
                  ? s.text()
                  : s.text())
              : "<key>";
      map.put(name, keyToken.line(), value);
      if (peek().is(",")) {
        next();
      }
    }
    next();
    skipNewlines--;
    return map;
  }

  /** A value the parser does not evaluate: its source text from {@code first} to here. */
  private Node expr(Token first) {
    int end = tokens.get(Math.max(i - 1, 0)).end();
    String text = src.substring(first.start(), Math.max(end, first.end()));
    return new Scalar(first.line(), text, Scalar.Type.EXPRESSION);
  }
}
