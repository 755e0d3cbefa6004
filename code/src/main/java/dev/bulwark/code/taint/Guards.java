package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import dev.bulwark.code.rules.Category;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Validators: what a branch condition proves about a local variable. On the path where {@code
 * name.matches("[a-z0-9]+")} held, the value cannot carry a quote, a shell metacharacter or a path
 * separator; where {@code ALLOWED.contains(name)} held, it is one of the application's own
 * constants; where a normalised path {@code startsWith} its base directory, it cannot escape it.
 * The refined variable is cleansed for the categories the check rules out.
 */
final class Guards {
  private Guards() {}

  /** Refines {@code st} with what {@code cond} evaluating to {@code truth} proves. */
  static void refine(Evaluator ev, Expression cond, boolean truth, State st, Frame f) {
    List<Expression> facts = new ArrayList<>();
    List<Expression> negated = new ArrayList<>();
    collect(cond, truth, facts, negated);
    for (Expression e : facts) {
      proven(ev, e, facts, negated, st, f);
    }
    for (Expression e : negated) {
      disproven(e, st);
    }
  }

  /** Splits a condition into atoms known true and atoms known false on this branch. */
  private static void collect(
      Expression e, boolean truth, List<Expression> facts, List<Expression> negated) {
    if (e instanceof EnclosedExpr en) {
      collect(en.getInner(), truth, facts, negated);
    } else if (e instanceof UnaryExpr u
        && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      collect(u.getExpression(), !truth, facts, negated);
    } else if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.AND && truth) {
      collect(b.getLeft(), true, facts, negated);
      collect(b.getRight(), true, facts, negated);
    } else if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.OR && !truth) {
      collect(b.getLeft(), false, facts, negated);
      collect(b.getRight(), false, facts, negated);
    } else if (truth) {
      facts.add(e);
    } else {
      negated.add(e);
    }
  }

  private static void proven(
      Evaluator ev,
      Expression e,
      List<Expression> facts,
      List<Expression> negated,
      State st,
      Frame f) {
    if (!(e instanceof MethodCallExpr m) || m.getScope().isEmpty()) {
      return;
    }
    String method = m.getNameAsString();
    Expression scope = m.getScope().get();
    Expression arg = m.getArguments().size() == 1 ? m.getArgument(0) : null;
    switch (method) {
      case "matches" -> {
        if (scope instanceof NameExpr v && arg instanceof StringLiteralExpr regex) {
          cleanse(st, v.getNameAsString(), regexCleanses(regex.asString()));
        }
      }
      case "equals", "equalsIgnoreCase", "contentEquals" -> {
        if (scope instanceof NameExpr v && arg != null && isConstant(ev, arg, st, f)) {
          cleanse(st, v.getNameAsString(), EnumSet.allOf(Category.class));
        } else if (arg instanceof NameExpr v && isConstant(ev, scope, st, f)) {
          cleanse(st, v.getNameAsString(), EnumSet.allOf(Category.class));
        }
      }
      case "contains", "containsKey" -> {
        if (arg instanceof NameExpr v && allowlist(ev, scope, st, f)) {
          cleanse(st, v.getNameAsString(), EnumSet.allOf(Category.class));
        }
      }
      case "startsWith" -> {
        if (arg != null && !(scope instanceof NameExpr)) {
          // file.getCanonicalPath().startsWith(base): the file named by the variable is confined
          NameExpr checked = normalisedChain(scope);
          if (checked != null && !ev.eval(arg, st.copy(), f).tainted()) {
            confine(st, checked.getNameAsString());
          }
          return;
        }
        if (!(scope instanceof NameExpr v) || arg == null) {
          return;
        }
        String name = v.getNameAsString();
        if (arg instanceof StringLiteralExpr lit) {
          String prefix = lit.asString();
          Value val = st.vars.get(name);
          if (val != null && val.tainted()) {
            Taint t = val.taint().afterConstantPrefix(prefix);
            if (prefix.equals("/")
                && refutes(negated, name, "//")
                && refutes(negated, name, "/\\")) {
              t = t.cleanse(EnumSet.of(Category.REDIRECT));
            }
            st.vars.put(name, val.withTaint(t));
          }
        } else if (normalized(v) && !ev.eval(arg, st.copy(), f).tainted()) {
          cleanse(st, name, EnumSet.of(Category.PATH));
          // String canonical = file.getCanonicalPath(): the check confines the file as well
          NameExpr from = normalisedFrom(v);
          if (from != null) {
            confine(st, from.getNameAsString());
          }
        } else {
          Set<Category> common = prefixesCleanse(ev, arg, st, f);
          if (!common.isEmpty()) {
            cleanse(st, name, common);
          }
        }
      }
      default -> {}
    }
  }

  /**
   * What a prefix drawn from a list of constants proves: {@code for (String origin :
   * ALLOWED_ORIGINS) if (url.startsWith(origin))} — what every listed prefix proves on its own.
   */
  private static Set<Category> prefixesCleanse(Evaluator ev, Expression arg, State st, Frame f) {
    List<String> prefixes = new ArrayList<>();
    State probe = st.copy();
    Value v = ev.eval(arg, probe, f);
    if (v.tainted()) {
      return Set.of();
    }
    if (v.constant() instanceof String s) {
      prefixes.add(s);
    } else if (arg instanceof NameExpr n) {
      com.github.javaparser.ast.stmt.ForEachStmt loop = enclosingLoopOver(n);
      if (loop == null) {
        return Set.of();
      }
      Value list = ev.eval(loop.getIterable(), probe, f);
      Obj o = list.obj() == 0 ? null : probe.read(list.obj());
      if (o == null || o.elements == null || o.elements.isEmpty()) {
        return Set.of();
      }
      for (Value e : o.elements) {
        if (!(e.constant() instanceof String s) || e.tainted()) {
          return Set.of();
        }
        prefixes.add(s);
      }
    }
    EnumSet<Category> common = null;
    for (String p : prefixes) {
      Taint probeTaint = Taint.of(null).afterConstantPrefix(p);
      EnumSet<Category> c =
          probeTaint.cleansed().isEmpty()
              ? EnumSet.noneOf(Category.class)
              : EnumSet.copyOf(probeTaint.cleansed());
      if (common == null) {
        common = c;
      } else {
        common.retainAll(c);
      }
    }
    return common == null ? Set.of() : common;
  }

  private static com.github.javaparser.ast.stmt.ForEachStmt enclosingLoopOver(NameExpr n) {
    Node p = n.getParentNode().orElse(null);
    while (p != null) {
      if (p instanceof com.github.javaparser.ast.stmt.ForEachStmt fe
          && fe.getVariable().getVariables().stream()
              .anyMatch(d -> d.getNameAsString().equals(n.getNameAsString()))) {
        return fe;
      }
      p = p.getParentNode().orElse(null);
    }
    return null;
  }

  /**
   * An atom known false: {@code name.contains("..")} being false rules out climbing directories.
   */
  private static void disproven(Expression e, State st) {
    if (e instanceof MethodCallExpr m
        && m.getNameAsString().equals("contains")
        && m.getScope().orElse(null) instanceof NameExpr v
        && m.getArguments().size() == 1
        && m.getArgument(0) instanceof StringLiteralExpr lit
        && lit.asString().equals("..")) {
      cleanse(st, v.getNameAsString(), EnumSet.of(Category.PATH));
    }
  }

  private static boolean refutes(List<Expression> negated, String name, String prefix) {
    for (Expression e : negated) {
      if (e instanceof MethodCallExpr m
          && m.getNameAsString().equals("startsWith")
          && m.getScope().orElse(null) instanceof NameExpr v
          && v.getNameAsString().equals(name)
          && m.getArguments().size() == 1
          && m.getArgument(0) instanceof StringLiteralExpr lit
          && lit.asString().equals(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConstant(Evaluator ev, Expression e, State st, Frame f) {
    if (e instanceof StringLiteralExpr) {
      return true;
    }
    Value v = ev.eval(e, st.copy(), f);
    return v.constant() != null && !v.tainted();
  }

  /** A collection whose every element is an untainted constant: an allowlist. */
  private static boolean allowlist(Evaluator ev, Expression scope, State st, Frame f) {
    State probe = st.copy();
    Value c = ev.eval(scope, probe, f);
    if (c.tainted() || c.obj() == 0) {
      return false;
    }
    Obj o = probe.read(c.obj());
    if (o == null) {
      return false;
    }
    Value all = o.everything();
    return all != null
        && !all.tainted()
        && (all.constant() != null || o.elements != null || !o.entries.isEmpty());
  }

  /** The method or lambda a variable is used in, where its declaration is (or the whole file). */
  private static Node scopeOf(NameExpr v) {
    Node n = v;
    while (n.getParentNode().isPresent()) {
      n = n.getParentNode().get();
      if (n instanceof com.github.javaparser.ast.body.CallableDeclaration<?>
          || n instanceof com.github.javaparser.ast.expr.LambdaExpr) {
        break;
      }
    }
    return n;
  }

  /**
   * Whether the variable was declared from a normalising call (normalize, toRealPath, canonical).
   */
  private static boolean normalized(NameExpr v) {
    for (VariableDeclarator d : scopeOf(v).findAll(VariableDeclarator.class)) {
      if (d.getNameAsString().equals(v.getNameAsString()) && d.getInitializer().isPresent()) {
        String init = d.getInitializer().get().toString();
        return init.contains(".normalize()")
            || init.contains(".toRealPath(")
            || init.contains("getCanonical");
      }
    }
    return false;
  }

  /** Calls that resolve {@code ..} and links away, so a prefix check on their result holds. */
  private static final Set<String> NORMALISING =
      Set.of("getCanonicalPath", "getCanonicalFile", "normalize", "toRealPath");

  /** Calls that only change the representation of a path. */
  private static final Set<String> REPRESENTING =
      Set.of("toPath", "toFile", "toString", "toAbsolutePath", "getAbsoluteFile");

  /**
   * The variable at the root of a chain such as {@code file.getCanonicalFile().toPath()} when the
   * chain normalises it at least once; null otherwise.
   */
  static NameExpr normalisedChain(Expression e) {
    boolean normalised = false;
    Expression cur = e;
    while (cur instanceof MethodCallExpr m && m.getScope().isPresent()) {
      String n = m.getNameAsString();
      if (NORMALISING.contains(n)) {
        normalised = true;
      } else if (!REPRESENTING.contains(n)) {
        return null;
      }
      cur = m.getScope().get();
    }
    return normalised && cur instanceof NameExpr v ? v : null;
  }

  /** For {@code String c = file.getCanonicalPath()}, the variable {@code file}; else null. */
  private static NameExpr normalisedFrom(NameExpr v) {
    VariableDeclarator d = declaration(v);
    return d == null || d.getInitializer().isEmpty()
        ? null
        : normalisedChain(d.getInitializer().get());
  }

  private static VariableDeclarator declaration(NameExpr v) {
    for (VariableDeclarator d : scopeOf(v).findAll(VariableDeclarator.class)) {
      if (d.getNameAsString().equals(v.getNameAsString())) {
        return d;
      }
    }
    return null;
  }

  /**
   * Whether the path object a sink call creates is confined later in the same method: {@code File f
   * = new File(base, name); if (!f.getCanonicalPath().startsWith(root)) throw ...}. Making the
   * object does no I/O, so the check before its first use is what counts; the uses after the check
   * see the variable cleansed by {@link #refine}.
   */
  static boolean confinedLater(Node site) {
    if (!(site instanceof com.github.javaparser.ast.expr.ObjectCreationExpr)
        && !(site instanceof MethodCallExpr)) {
      return false;
    }
    String var = null;
    Node parent = site.getParentNode().orElse(null);
    if (parent instanceof VariableDeclarator d) {
      var = d.getNameAsString();
    } else if (parent instanceof com.github.javaparser.ast.expr.AssignExpr a
        && a.getTarget() instanceof NameExpr t) {
      var = t.getNameAsString();
    }
    if (var == null) {
      return false;
    }
    Node body = site;
    while (body.getParentNode().isPresent()
        && !(body instanceof com.github.javaparser.ast.body.CallableDeclaration<?>)
        && !(body instanceof com.github.javaparser.ast.expr.LambdaExpr)) {
      body = body.getParentNode().get();
    }
    int after = site.getRange().map(r -> r.end.line).orElse(Integer.MAX_VALUE);
    for (MethodCallExpr m : body.findAll(MethodCallExpr.class)) {
      if (!m.getNameAsString().equals("startsWith")
          || m.getArguments().size() != 1
          || m.getRange().map(r -> r.begin.line < after).orElse(true)
          || m.getScope().isEmpty()) {
        continue;
      }
      Expression scope = m.getScope().get();
      NameExpr checked = normalisedChain(scope);
      if (checked == null && scope instanceof NameExpr n) {
        checked = normalisedFrom(n);
      }
      if (checked != null && checked.getNameAsString().equals(var) && insideCondition(m)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a call is (part of) the condition of an if statement, where its result decides. */
  private static boolean insideCondition(Node n) {
    Node cur = n;
    while (cur.getParentNode().isPresent()) {
      Node p = cur.getParentNode().get();
      if (p instanceof com.github.javaparser.ast.stmt.IfStmt i) {
        return i.getCondition() == cur;
      }
      if (!(p instanceof Expression)) {
        return false;
      }
      cur = p;
    }
    return false;
  }

  /**
   * A file or path object proven to stay under its base: the name it was built from is confined
   * too, so the object's contents are cleansed for path use along with the variable.
   */
  private static void confine(State st, String name) {
    Set<Category> path = EnumSet.of(Category.PATH);
    cleanse(st, name, path);
    Value v = st.vars.get(name);
    if (v == null || v.obj() == 0 || st.read(v.obj()) == null) {
      return;
    }
    Obj o = st.write(v.obj());
    o.content = cleansed(o.content, path);
    o.summary = cleansed(o.summary, path);
    o.fields.replaceAll((k, x) -> cleansed(x, path));
    if (o.elements != null) {
      o.elements.replaceAll(x -> cleansed(x, path));
    }
  }

  private static Value cleansed(Value v, Set<Category> categories) {
    return v == null || !v.tainted() ? v : v.withTaint(v.taint().cleanse(categories));
  }

  private static void cleanse(State st, String name, Set<Category> categories) {
    Value v = st.vars.get(name);
    if (v != null && v.tainted() && !categories.isEmpty()) {
      st.vars.put(name, v.withTaint(v.taint().cleanse(categories)));
    }
  }

  /** Categories a value rules out when it cannot hold any of these characters. */
  private record RuledOut(String characters, Set<Category> categories) {}

  private static final List<RuledOut> RULED_OUT =
      List.of(
          new RuledOut("<>\"'&`", Set.of(Category.XSS)),
          new RuledOut("'\"\\; \t\r\n", Set.of(Category.SQL)),
          new RuledOut(";&|$`'\"\\<>(){}*?!~#[] \t\r\n", Set.of(Category.COMMAND)),
          new RuledOut("/\\.", Set.of(Category.PATH)),
          new RuledOut("*()\\=&|!\0", Set.of(Category.LDAP)),
          new RuledOut("'\"[]()=/@*|", Set.of(Category.XPATH)),
          new RuledOut("\r\n", Set.of(Category.HEADER, Category.LOG)));

  /**
   * What a whole-string regex match rules out, from the characters it admits: a pattern made of
   * character classes, escapes and quantifiers. Anything else only proves the value was checked.
   */
  static Set<Category> regexCleanses(String regex) {
    BitSet allowed = allowedCharacters(regex);
    EnumSet<Category> out = EnumSet.of(Category.TRUST_BOUNDARY);
    if (allowed == null) {
      return out;
    }
    for (RuledOut r : RULED_OUT) {
      if (none(allowed, r.characters())) {
        out.addAll(r.categories());
      }
    }
    BitSet word = new BitSet(128);
    word.set('a', 'z' + 1);
    word.set('A', 'Z' + 1);
    word.set('0', '9' + 1);
    word.set('_');
    BitSet extra = (BitSet) allowed.clone();
    extra.andNot(word);
    if (extra.isEmpty()) {
      out.add(Category.EXPRESSION);
      out.add(Category.CODE);
    }
    return out;
  }

  private static boolean none(BitSet allowed, String chars) {
    for (char c : chars.toCharArray()) {
      if (allowed.get(c)) {
        return false;
      }
    }
    return true;
  }

  /** The ASCII characters a simple regex admits, or null when the regex is not that simple. */
  static BitSet allowedCharacters(String regex) {
    String r = regex;
    if (r.startsWith("^")) {
      r = r.substring(1);
    }
    if (r.endsWith("$") && !r.endsWith("\\$")) {
      r = r.substring(0, r.length() - 1);
    }
    BitSet out = new BitSet(128);
    int i = 0;
    while (i < r.length()) {
      char c = r.charAt(i);
      if (c == '[') {
        int end = classEnd(r, i);
        if (end < 0 || !charClass(r.substring(i + 1, end), out)) {
          return null;
        }
        i = end + 1;
      } else if (c == '\\') {
        if (i + 1 >= r.length() || !escape(r.charAt(i + 1), out)) {
          return null;
        }
        i += 2;
      } else if (Character.isLetterOrDigit(c)
          || c == '_'
          || c == '-'
          || c == ' '
          || c == '@'
          || c == ':'
          || c == ','
          || c == '=') {
        out.set(c);
        i++;
      } else {
        return null;
      }
      // quantifier
      if (i < r.length() && "*+?".indexOf(r.charAt(i)) >= 0) {
        i++;
      } else if (i < r.length() && r.charAt(i) == '{') {
        int close = r.indexOf('}', i);
        if (close < 0 || !r.substring(i + 1, close).matches("\\d+(,\\d*)?")) {
          return null;
        }
        i = close + 1;
      }
    }
    return out;
  }

  private static int classEnd(String r, int open) {
    for (int i = open + 1; i < r.length(); i++) {
      if (r.charAt(i) == '\\') {
        i++;
      } else if (r.charAt(i) == ']' && i > open + 1) {
        return i;
      }
    }
    return -1;
  }

  private static boolean charClass(String body, BitSet out) {
    if (body.startsWith("^")) {
      return false; // a negated class admits nearly everything
    }
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      char lo;
      if (c == '\\') {
        if (i + 1 >= body.length()) {
          return false;
        }
        char e = body.charAt(i + 1);
        if ("wdsWDS".indexOf(e) >= 0) {
          if (!escape(e, out)) {
            return false;
          }
          i += 2;
          continue;
        }
        lo = e;
        i += 2;
      } else {
        lo = c;
        i++;
      }
      if (i + 1 < body.length() && body.charAt(i) == '-') {
        char hi = body.charAt(i + 1);
        if (hi == '\\' && i + 2 < body.length()) {
          hi = body.charAt(i + 2);
          i++;
        }
        if (hi < lo || hi > 127) {
          return false;
        }
        out.set(lo, hi + 1);
        i += 2;
      } else {
        if (lo > 127) {
          return false;
        }
        out.set(lo);
      }
    }
    return true;
  }

  private static boolean escape(char e, BitSet out) {
    switch (e) {
      case 'w' -> {
        out.set('a', 'z' + 1);
        out.set('A', 'Z' + 1);
        out.set('0', '9' + 1);
        out.set('_');
      }
      case 'd' -> out.set('0', '9' + 1);
      case 's' -> {
        out.set(' ');
        out.set('\t');
        out.set('\n');
        out.set('\r');
        out.set(0x0b);
        out.set('\f');
      }
      case 'W', 'D', 'S' -> {
        return false;
      }
      default -> {
        if (Character.isLetterOrDigit(e)) {
          return false; // \b, \p{..} and friends: not a plain character
        }
        out.set(e);
      }
    }
    return true;
  }
}
