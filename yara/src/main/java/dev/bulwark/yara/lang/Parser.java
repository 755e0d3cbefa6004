package dev.bulwark.yara.lang;

import dev.bulwark.yara.lang.Ast.*;
import dev.bulwark.yara.lang.Token.Kind;
import dev.bulwark.yara.regex.Hex;
import dev.bulwark.yara.regex.Regex;
import dev.bulwark.yara.regex.RegexSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses YARA rule files into {@link Ast.RuleFile}s. Checks what YARA checks when it compiles:
 * undefined and unreferenced strings, undefined identifiers, duplicate rules, unknown modules and
 * module members, malformed hex strings and regular expressions. Every error names the file, line
 * and column.
 */
public final class Parser {
  /** Rule files larger than this are refused: a rule file is text written by people. */
  static final long MAX_RULE_FILE = 64L * 1024 * 1024;

  static final int MAX_INCLUDE_DEPTH = 16;
  static final int MAX_NESTING = 200;

  private final Map<String, Set<String>> modules;
  private final Set<String> externals;
  private final Path includeRoot;
  private final List<String> imports = new ArrayList<>();
  private final List<Rule> rules = new ArrayList<>();
  private final Set<String> ruleNames = new HashSet<>();
  private int includeDepth;
  private final List<Source> sources = new ArrayList<>();

  /**
   * A rule file read from disk, includes too: its absolute path and the SHA-256 of the bytes
   * parsed, so a compiled form can later be checked against the files it came from.
   */
  public record Source(String path, String sha256) {}

  /**
   * @param modules module name → its top-level members, for the modules this engine provides
   * @param externals names of external variables the scan defines
   * @param includeRoot includes must resolve inside this folder tree (null: no includes allowed
   *     outside the including file's folder)
   */
  public Parser(Map<String, Set<String>> modules, Set<String> externals, Path includeRoot) {
    this.modules = modules;
    this.externals = externals;
    this.includeRoot = includeRoot == null ? null : includeRoot.toAbsolutePath().normalize();
  }

  /** Parses a rule file from disk, following its includes. */
  public RuleFile parseFile(Path file) throws YaraSyntaxException, IOException {
    parseInto(file, file.toString());
    return result();
  }

  /** Parses rule text named {@code name}; includes are resolved from the include root. */
  public RuleFile parseText(String name, String text) throws YaraSyntaxException {
    parseSource(name, text, includeRoot);
    return result();
  }

  /** Every file read from disk so far, includes too, in reading order. */
  public List<Source> sources() {
    return List.copyOf(sources);
  }

  /** The SHA-256 of {@code bytes}, in lowercase hex. */
  public static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  public RuleFile result() {
    return new RuleFile(List.copyOf(imports), List.copyOf(rules));
  }

  private void parseInto(Path file, String name) throws YaraSyntaxException, IOException {
    if (Files.size(file) > MAX_RULE_FILE) {
      throw new YaraSyntaxException(name, 1, 1, "rule file larger than 64 MiB");
    }
    byte[] bytes = Files.readAllBytes(file);
    sources.add(new Source(file.toAbsolutePath().normalize().toString(), sha256(bytes)));
    String text = new String(bytes, StandardCharsets.UTF_8);
    Path dir = file.toAbsolutePath().normalize().getParent();
    parseSource(name, text, dir);
  }

  private void parseSource(String name, String text, Path dir) throws YaraSyntaxException {
    new FileParser(name, text, dir).parse();
  }

  private final class FileParser {
    private final String file;
    private final Lexer lexer;
    private final Path dir;
    private final Deque<Token> ahead = new ArrayDeque<>();
    private final Deque<Set<String>> loopVars = new ArrayDeque<>();
    private Set<String> stringIds = Set.of();
    private Set<String> referenced = new HashSet<>();
    private boolean allReferenced;
    private int stringLoops;
    private int depth;

    FileParser(String file, String text, Path dir) {
      this.file = file;
      this.lexer = new Lexer(file, text);
      this.dir = dir;
    }

    private Token peek() throws YaraSyntaxException {
      if (ahead.isEmpty()) {
        ahead.add(lexer.next());
      }
      return ahead.peekFirst();
    }

    private Token peek2() throws YaraSyntaxException {
      peek();
      if (ahead.size() < 2) {
        ahead.addLast(lexer.next());
      }
      var it = ahead.iterator();
      it.next();
      return it.next();
    }

    private Token next() throws YaraSyntaxException {
      peek();
      return ahead.pollFirst();
    }

    private YaraSyntaxException err(Token t, String msg) {
      return new YaraSyntaxException(file, t.line(), t.column(), msg);
    }

    private Token expectOp(String op) throws YaraSyntaxException {
      Token t = next();
      if (!t.isOp(op)) {
        throw err(t, "expected '" + op + "' but found " + t.describe());
      }
      return t;
    }

    private Token expectKeyword(String kw) throws YaraSyntaxException {
      Token t = next();
      if (!t.isKeyword(kw)) {
        throw err(t, "expected '" + kw + "' but found " + t.describe());
      }
      return t;
    }

    private Token expect(Kind k, String what) throws YaraSyntaxException {
      Token t = next();
      if (t.kind() != k) {
        throw err(t, "expected " + what + " but found " + t.describe());
      }
      return t;
    }

    void parse() throws YaraSyntaxException {
      while (peek().kind() != Kind.EOF) {
        Token t = peek();
        if (t.isKeyword("import")) {
          next();
          Token m = expect(Kind.TEXT, "a module name");
          String mod = new String(m.bytes(), StandardCharsets.UTF_8);
          if (!modules.containsKey(mod)) {
            throw err(m, "unknown module \"" + mod + "\"");
          }
          if (!imports.contains(mod)) {
            imports.add(mod);
          }
        } else if (t.isKeyword("include")) {
          next();
          Token m = expect(Kind.TEXT, "a file name");
          include(m, new String(m.bytes(), StandardCharsets.UTF_8));
        } else {
          rule();
        }
      }
    }

    private void include(Token at, String target) throws YaraSyntaxException {
      if (dir == null) {
        throw err(at, "includes are not allowed here: \"" + target + "\"");
      }
      Path p = dir.resolve(target).toAbsolutePath().normalize();
      Path root = includeRoot != null ? includeRoot : dir;
      if (!p.startsWith(root)) {
        throw err(at, "include \"" + target + "\" leaves the rule folder " + root);
      }
      if (!Files.isRegularFile(p)) {
        throw err(at, "can't open include file: " + target);
      }
      if (++includeDepth > MAX_INCLUDE_DEPTH) {
        throw err(at, "includes nested deeper than " + MAX_INCLUDE_DEPTH);
      }
      try {
        parseInto(p, p.toString());
      } catch (IOException e) {
        throw err(at, "can't read include file " + target + ": " + e.getMessage());
      } finally {
        includeDepth--;
      }
    }

    private void rule() throws YaraSyntaxException {
      boolean priv = false;
      boolean global = false;
      while (true) {
        Token t = peek();
        if (t.isKeyword("private")) {
          next();
          priv = true;
        } else if (t.isKeyword("global")) {
          next();
          global = true;
        } else {
          break;
        }
      }
      expectKeyword("rule");
      Token name = expect(Kind.IDENT, "a rule name");
      if (ruleNames.contains(name.text())) {
        throw err(name, "duplicated identifier \"" + name.text() + "\"");
      }
      List<String> tags = new ArrayList<>();
      if (peek().isOp(":")) {
        next();
        while (peek().kind() == Kind.IDENT) {
          Token tag = next();
          if (tags.contains(tag.text())) {
            throw err(tag, "duplicated tag identifier \"" + tag.text() + "\"");
          }
          tags.add(tag.text());
        }
        if (tags.isEmpty()) {
          throw err(peek(), "expected a tag but found " + peek().describe());
        }
      }
      expectOp("{");
      List<Meta> meta = new ArrayList<>();
      List<StringDef> strings = new ArrayList<>();
      if (peek().isKeyword("meta")) {
        next();
        expectOp(":");
        while (peek().kind() == Kind.IDENT
            || peek().kind() == Kind.KEYWORD
                && !peek().isKeyword("strings")
                && !peek().isKeyword("condition")) {
          Token key = next();
          expectOp("=");
          Token v = next();
          Object value;
          if (v.kind() == Kind.TEXT) {
            value = new String(v.bytes(), StandardCharsets.UTF_8);
          } else if (v.kind() == Kind.INT) {
            value = v.number();
          } else if (v.isOp("-") && peek().kind() == Kind.INT) {
            value = -next().number();
          } else if (v.isKeyword("true") || v.isKeyword("false")) {
            value = v.text().equals("true");
          } else if (v.kind() == Kind.DOUBLE) {
            value = v.real();
          } else {
            throw err(v, "expected a meta value but found " + v.describe());
          }
          meta.add(new Meta(key.text(), value));
        }
      }
      Set<String> ids = new LinkedHashSet<>();
      if (peek().isKeyword("strings")) {
        next();
        expectOp(":");
        while (peek().kind() == Kind.STRING_ID) {
          strings.add(stringDef(ids));
        }
        if (strings.isEmpty()) {
          throw err(peek(), "expected a string definition but found " + peek().describe());
        }
      }
      expectKeyword("condition");
      expectOp(":");
      stringIds = ids;
      referenced = new HashSet<>();
      allReferenced = false;
      Expr cond = expression();
      expectOp("}");
      if (!allReferenced) {
        for (StringDef s : strings) {
          if (!referenced.contains(s.id())) {
            throw new YaraSyntaxException(
                file,
                s.line(),
                1,
                "unreferenced string \"$" + s.id() + "\" in rule " + name.text());
          }
        }
      }
      ruleNames.add(name.text());
      rules.add(new Rule(name.text(), priv, global, tags, meta, strings, cond, file, name.line()));
    }

    private StringDef stringDef(Set<String> ids) throws YaraSyntaxException {
      Token id = next();
      String name = id.text();
      if (name.endsWith("*")) {
        throw err(id, "a string name cannot end in '*': $" + name);
      }
      if (!name.isEmpty() && !ids.add(name)) {
        throw err(id, "duplicated string identifier \"$" + name + "\"");
      }
      if (name.isEmpty()) {
        name = "\u0000anon" + ids.size();
        ids.add(name);
      }
      expectOp("=");
      StringDef def;
      if (lexer.peekChar('{') && ahead.isEmpty()) {
        Token hex = lexer.hexString();
        dev.bulwark.yara.regex.Node pattern;
        try {
          pattern = Hex.parse(hex.text());
        } catch (RegexSyntaxException e) {
          throw err(hex, "invalid hex string \"$" + id.text() + "\": " + e.getMessage());
        }
        boolean priv = false;
        while (peek().isKeyword("private")) {
          next();
          priv = true;
        }
        rejectModifiers("hex string", id);
        def =
            new StringDef(
                name,
                StringKind.HEX,
                null,
                hex.text(),
                "",
                new Modifiers(false, false, false, false, priv, null, null, null),
                id.line(),
                pattern);
      } else {
        Token v = next();
        if (v.kind() == Kind.TEXT) {
          if (v.bytes().length == 0) {
            throw err(v, "empty string \"$" + id.text() + "\"");
          }
          Modifiers m = modifiers(id, true);
          def = new StringDef(name, StringKind.TEXT, v.bytes(), v.text(), "", m, id.line(), null);
        } else if (v.kind() == Kind.REGEX) {
          String flags = new String(v.bytes(), StandardCharsets.US_ASCII);
          Modifiers m = modifiers(id, false);
          dev.bulwark.yara.regex.Node pattern;
          try {
            pattern = Regex.parse(v.text(), flags.contains("i") || m.nocase(), flags.contains("s"));
          } catch (RegexSyntaxException e) {
            throw err(v, "invalid regular expression \"$" + id.text() + "\": " + e.getMessage());
          }
          def = new StringDef(name, StringKind.REGEX, null, v.text(), flags, m, id.line(), pattern);
        } else {
          throw err(
              v, "expected a string, hex string or regular expression but found " + v.describe());
        }
      }
      return def;
    }

    private void rejectModifiers(String what, Token id) throws YaraSyntaxException {
      Token t = peek();
      if (t.kind() == Kind.KEYWORD
          && Set.of("nocase", "wide", "ascii", "fullword", "xor", "base64", "base64wide")
              .contains(t.text())) {
        throw err(t, "invalid modifier '" + t.text() + "' for " + what + " $" + id.text());
      }
    }

    private Modifiers modifiers(Token id, boolean text) throws YaraSyntaxException {
      boolean nocase = false, wide = false, ascii = false, fullword = false, priv = false;
      int[] xor = null;
      String b64 = null, b64w = null;
      Set<String> seen = new HashSet<>();
      while (peek().kind() == Kind.KEYWORD) {
        Token t = peek();
        String k = t.text();
        if (!Set.of("nocase", "wide", "ascii", "fullword", "private", "xor", "base64", "base64wide")
            .contains(k)) {
          break;
        }
        next();
        if (!seen.add(k)) {
          throw err(t, "duplicated modifier '" + k + "' on $" + id.text());
        }
        switch (k) {
          case "nocase" -> nocase = true;
          case "wide" -> wide = true;
          case "ascii" -> ascii = true;
          case "fullword" -> fullword = true;
          case "private" -> priv = true;
          case "xor" -> {
            if (!text) {
              throw err(t, "invalid modifier 'xor' for regular expression $" + id.text());
            }
            xor = new int[] {0, 255};
            if (peek().isOp("(")) {
              next();
              Token a = expect(Kind.INT, "an xor key");
              int lo = (int) a.number();
              int hi = lo;
              if (peek().isOp("-")) {
                next();
                hi = (int) expect(Kind.INT, "an xor key").number();
              }
              expectOp(")");
              if (lo < 0 || hi > 255 || a.number() > 255 || lo > hi) {
                throw err(a, "xor range must be within 0-255, lower first");
              }
              xor = new int[] {lo, hi};
            }
          }
          case "base64", "base64wide" -> {
            if (!text) {
              throw err(t, "invalid modifier '" + k + "' for regular expression $" + id.text());
            }
            String alphabet = Modifiers.STANDARD;
            if (peek().isOp("(")) {
              next();
              Token a = expect(Kind.TEXT, "a base64 alphabet");
              alphabet = new String(a.bytes(), StandardCharsets.ISO_8859_1);
              if (a.bytes().length != 64) {
                throw err(a, "base64 alphabet must be 64 bytes long");
              }
              expectOp(")");
            }
            if (k.equals("base64")) {
              b64 = alphabet;
            } else {
              b64w = alphabet;
            }
          }
          default -> throw new AssertionError(k);
        }
      }
      if ((b64 != null || b64w != null) && (nocase || xor != null || fullword)) {
        throw err(id, "base64 cannot be combined with nocase, xor or fullword on $" + id.text());
      }
      if (xor != null && nocase) {
        throw err(id, "xor cannot be combined with nocase on $" + id.text());
      }
      return new Modifiers(nocase, wide, ascii, fullword, priv, xor, b64, b64w);
    }

    // ---- conditions ----

    private Expr expression() throws YaraSyntaxException {
      if (++depth > MAX_NESTING) {
        throw err(peek(), "condition nested deeper than " + MAX_NESTING);
      }
      try {
        return or();
      } finally {
        depth--;
      }
    }

    private Expr or() throws YaraSyntaxException {
      Expr l = and();
      while (peek().isKeyword("or")) {
        next();
        l = new Binary("or", l, and());
      }
      return l;
    }

    private Expr and() throws YaraSyntaxException {
      Expr l = not();
      while (peek().isKeyword("and")) {
        next();
        l = new Binary("and", l, not());
      }
      return l;
    }

    private Expr not() throws YaraSyntaxException {
      if (peek().isKeyword("not")) {
        next();
        if (++depth > MAX_NESTING) {
          throw err(peek(), "condition nested deeper than " + MAX_NESTING);
        }
        try {
          return new Unary("not", not());
        } finally {
          depth--;
        }
      }
      if (peek().isKeyword("defined")) {
        next();
        return new Defined(not());
      }
      return relational();
    }

    private static final Set<String> REL_KW =
        Set.of(
            "contains",
            "icontains",
            "startswith",
            "istartswith",
            "endswith",
            "iendswith",
            "iequals",
            "matches");

    private Expr relational() throws YaraSyntaxException {
      Expr l = bitOr();
      while (true) {
        Token t = peek();
        if (t.kind() == Kind.OP && Set.of("==", "!=", "<", "<=", ">", ">=").contains(t.text())) {
          next();
          l = new Binary(t.text(), l, bitOr());
        } else if (t.kind() == Kind.KEYWORD && REL_KW.contains(t.text())) {
          next();
          if (t.text().equals("matches")) {
            Token r = expect(Kind.REGEX, "a regular expression after 'matches'");
            String flags = new String(r.bytes(), StandardCharsets.US_ASCII);
            try {
              Regex.parse(r.text(), flags.contains("i"), flags.contains("s"));
            } catch (RegexSyntaxException e) {
              throw err(r, "invalid regular expression: " + e.getMessage());
            }
            l = new Binary("matches", l, new RegexLit(r.text(), flags));
          } else {
            l = new Binary(t.text(), l, bitOr());
          }
        } else {
          return l;
        }
      }
    }

    private Expr bitOr() throws YaraSyntaxException {
      Expr l = bitXor();
      while (peek().isOp("|")) {
        next();
        l = new Binary("|", l, bitXor());
      }
      return l;
    }

    private Expr bitXor() throws YaraSyntaxException {
      Expr l = bitAnd();
      while (peek().isOp("^")) {
        next();
        l = new Binary("^", l, bitAnd());
      }
      return l;
    }

    private Expr bitAnd() throws YaraSyntaxException {
      Expr l = shift();
      while (peek().isOp("&")) {
        next();
        l = new Binary("&", l, shift());
      }
      return l;
    }

    private Expr shift() throws YaraSyntaxException {
      Expr l = additive();
      while (peek().isOp("<<") || peek().isOp(">>")) {
        String op = next().text();
        l = new Binary(op, l, additive());
      }
      return l;
    }

    private Expr additive() throws YaraSyntaxException {
      Expr l = multiplicative();
      while (peek().isOp("+") || peek().isOp("-")) {
        String op = next().text();
        l = new Binary(op, l, multiplicative());
      }
      return l;
    }

    private Expr multiplicative() throws YaraSyntaxException {
      Expr l = unary();
      while (peek().isOp("*")
          || peek().isOp("\\")
          || (peek().isOp("%") && !peek2().isKeyword("of"))) {
        String op = next().text();
        l = new Binary(op, l, unary());
      }
      return l;
    }

    private Expr unary() throws YaraSyntaxException {
      if (peek().isOp("-")) {
        next();
        Expr e = unary();
        if (e instanceof IntLit i) {
          return new IntLit(-i.value());
        }
        if (e instanceof DoubleLit d) {
          return new DoubleLit(-d.value());
        }
        return new Unary("-", e);
      }
      if (peek().isOp("~")) {
        next();
        return new Unary("~", unary());
      }
      Expr p = postfix();
      // 'N of …', 'N% of …'
      if (peek().isKeyword("of")) {
        return of(new Count(p));
      }
      if (peek().isOp("%") && peek2().isKeyword("of")) {
        next();
        return of(new Percent(p));
      }
      return p;
    }

    private Expr of(Quantifier q) throws YaraSyntaxException {
      expectKeyword("of");
      boolean isRules = false;
      List<String> set;
      if (peek().isKeyword("them")) {
        next();
        set = List.of("*");
        markStrings("*");
      } else {
        expectOp("(");
        set = new ArrayList<>();
        if (peek().kind() == Kind.STRING_ID) {
          do {
            Token s = expect(Kind.STRING_ID, "a string identifier");
            markStrings(s.text().isEmpty() ? "*" : s.text());
            set.add(s.text().isEmpty() ? "*" : s.text());
          } while (peek().isOp(",") && next() != null);
        } else {
          isRules = true;
          do {
            Token r = expect(Kind.IDENT, "a rule name");
            String n = r.text();
            if (peek().isOp("*")) {
              next();
              n = n + "*";
              String prefix = r.text();
              if (ruleNames.stream().noneMatch(x -> x.startsWith(prefix))) {
                throw err(r, "no rule matches \"" + n + "\"");
              }
            } else if (!ruleNames.contains(n)) {
              throw err(r, "undefined identifier \"" + n + "\"");
            }
            set.add(n);
          } while (peek().isOp(",") && next() != null);
        }
        expectOp(")");
      }
      Expr at = null;
      Range in = null;
      if (!isRules && peek().isKeyword("at")) {
        next();
        at = postfixArith();
      } else if (!isRules && peek().isKeyword("in")) {
        next();
        in = range();
      }
      return new Of(q, set, isRules, at, in);
    }

    /** Marks the strings a pattern names as referenced; fails when it names none. */
    private void markStrings(String pattern) throws YaraSyntaxException {
      if (pattern.equals("*")) {
        if (stringIds.isEmpty()) {
          throw err(peek(), "'them' with no strings defined");
        }
        allReferenced = true;
        return;
      }
      if (pattern.endsWith("*")) {
        String p = pattern.substring(0, pattern.length() - 1);
        boolean any = false;
        for (String s : stringIds) {
          if (s.startsWith(p)) {
            referenced.add(s);
            any = true;
          }
        }
        if (!any) {
          throw err(peek(), "undefined string identifier \"$" + pattern + "\"");
        }
        return;
      }
      if (!stringIds.contains(pattern)) {
        throw err(peek(), "undefined string identifier \"$" + pattern + "\"");
      }
      referenced.add(pattern);
    }

    private String stringRef(Token t) throws YaraSyntaxException {
      if (t.text().isEmpty()) {
        if (stringLoops == 0) {
          throw err(t, "anonymous string reference outside a 'for … of' loop");
        }
        return "";
      }
      if (t.text().endsWith("*")) {
        throw err(t, "a string pattern is only allowed in a set: $" + t.text());
      }
      if (!stringIds.contains(t.text())) {
        throw err(t, "undefined string identifier \"$" + t.text() + "\"");
      }
      referenced.add(t.text());
      return t.text();
    }

    private Range range() throws YaraSyntaxException {
      expectOp("(");
      Expr lo = expression();
      expectOp("..");
      Expr hi = expression();
      expectOp(")");
      return new Range(lo, hi);
    }

    /** An arithmetic primary (what follows 'at'). */
    private Expr postfixArith() throws YaraSyntaxException {
      return unaryNoOf();
    }

    private Expr unaryNoOf() throws YaraSyntaxException {
      if (peek().isOp("-")) {
        next();
        return new Unary("-", unaryNoOf());
      }
      return postfix();
    }

    private Expr postfix() throws YaraSyntaxException {
      Token t = next();
      switch (t.kind()) {
        case INT:
          return new IntLit(t.number());
        case DOUBLE:
          return new DoubleLit(t.real());
        case TEXT:
          return new StrLit(t.bytes());
        case REGEX:
          throw err(t, "a regular expression is only allowed after 'matches'");
        case STRING_ID:
          {
            String id = stringRef(t);
            if (peek().isKeyword("at")) {
              next();
              return new StrMatch(id, postfixArith(), null);
            }
            if (peek().isKeyword("in")) {
              next();
              return new StrMatch(id, null, range());
            }
            return new StrMatch(id, null, null);
          }
        case STRING_COUNT:
          {
            String id = stringRef(t);
            if (peek().isKeyword("in")) {
              next();
              return new StrCount(id, range());
            }
            return new StrCount(id, null);
          }
        case STRING_OFFSET:
        case STRING_LENGTH:
          {
            String id = stringRef(t);
            Expr idx = null;
            if (peek().isOp("[")) {
              next();
              idx = expression();
              expectOp("]");
            }
            return t.kind() == Kind.STRING_OFFSET ? new StrOffset(id, idx) : new StrLength(id, idx);
          }
        case OP:
          if (t.isOp("(")) {
            Expr e = expression();
            expectOp(")");
            return e;
          }
          throw err(t, "unexpected " + t.describe() + " in condition");
        case KEYWORD:
          switch (t.text()) {
            case "true":
              return new BoolLit(true);
            case "false":
              return new BoolLit(false);
            case "filesize":
              return new Filesize();
            case "entrypoint":
              return new Entrypoint();
            case "them":
              throw err(t, "'them' is only allowed after 'of'");
            case "all":
              return of(new All());
            case "any":
              return of(new Any());
            case "none":
              return of(new None());
            case "for":
              return forExpr(t);
            default:
              throw err(t, "unexpected '" + t.text() + "' in condition");
          }
        case IDENT:
          return identifier(t);
        default:
          throw err(t, "unexpected " + t.describe() + " in condition");
      }
    }

    private Quantifier quantifier() throws YaraSyntaxException {
      Token t = peek();
      if (t.isKeyword("all")) {
        next();
        return new All();
      }
      if (t.isKeyword("any")) {
        next();
        return new Any();
      }
      if (t.isKeyword("none")) {
        next();
        return new None();
      }
      Expr n = postfix();
      if (peek().isOp("%")) {
        next();
        return new Percent(n);
      }
      return new Count(n);
    }

    private Expr forExpr(Token at) throws YaraSyntaxException {
      Quantifier q = quantifier();
      if (peek().isKeyword("of")) {
        next();
        List<String> set = new ArrayList<>();
        if (peek().isKeyword("them")) {
          next();
          markStrings("*");
          set.add("*");
        } else {
          expectOp("(");
          do {
            Token s = expect(Kind.STRING_ID, "a string identifier");
            String p = s.text().isEmpty() ? "*" : s.text();
            markStrings(p);
            set.add(p);
          } while (peek().isOp(",") && next() != null);
          expectOp(")");
        }
        expectOp(":");
        expectOp("(");
        stringLoops++;
        Expr body;
        try {
          body = expression();
        } finally {
          stringLoops--;
        }
        expectOp(")");
        return new ForOf(q, set, body);
      }
      List<String> vars = new ArrayList<>();
      do {
        Token v = expect(Kind.IDENT, "a loop variable");
        if (vars.contains(v.text()) || isBound(v.text())) {
          throw err(v, "duplicated loop variable \"" + v.text() + "\"");
        }
        vars.add(v.text());
      } while (peek().isOp(",") && next() != null);
      expectKeyword("in");
      Expr iterable;
      if (peek().isOp("(")) {
        next();
        Expr first = expression();
        if (peek().isOp("..")) {
          next();
          Expr hi = expression();
          expectOp(")");
          iterable = new Range(first, hi);
        } else {
          List<Expr> items = new ArrayList<>();
          items.add(first);
          while (peek().isOp(",")) {
            next();
            items.add(expression());
          }
          expectOp(")");
          iterable = new Tuple(items);
        }
      } else {
        iterable = postfix();
      }
      expectOp(":");
      expectOp("(");
      loopVars.push(new HashSet<>(vars));
      Expr body;
      try {
        body = expression();
      } finally {
        loopVars.pop();
      }
      expectOp(")");
      return new ForIn(q, vars, iterable, body);
    }

    private boolean isBound(String name) {
      for (Set<String> s : loopVars) {
        if (s.contains(name)) {
          return true;
        }
      }
      return false;
    }

    private static final java.util.regex.Pattern INT_FN =
        java.util.regex.Pattern.compile("(u?)int(8|16|32)(be)?");

    private Expr identifier(Token t) throws YaraSyntaxException {
      String name = t.text();
      Expr e;
      var m = INT_FN.matcher(name);
      if (m.matches() && peek().isOp("(")) {
        next();
        Expr at = expression();
        expectOp(")");
        return new IntRead(
            Integer.parseInt(m.group(2)) / 8, m.group(1).isEmpty(), m.group(3) != null, at);
      }
      if (isBound(name)) {
        e = new Var(name);
      } else if (ruleNames.contains(name)) {
        return new RuleRef(name);
      } else if (imports.contains(name)) {
        e = new Ident(name);
        if (!peek().isOp(".")) {
          throw err(t, "module \"" + name + "\" used without a member");
        }
        Token dot = next();
        Token f = expect(Kind.IDENT, "a member of module " + name);
        Set<String> members = modules.get(name);
        if (members != null && !members.isEmpty() && !members.contains(f.text())) {
          throw err(f, "unsupported member \"" + name + "." + f.text() + "\"");
        }
        e = new Field(e, f.text());
      } else if (externals.contains(name)) {
        return new Var(name);
      } else {
        throw err(t, "undefined identifier \"" + name + "\"");
      }
      while (true) {
        if (peek().isOp(".")) {
          next();
          Token f = expect(Kind.IDENT, "a member name");
          e = new Field(e, f.text());
        } else if (peek().isOp("[")) {
          next();
          Expr idx = expression();
          expectOp("]");
          e = new Index(e, idx);
        } else if (peek().isOp("(")) {
          next();
          List<Expr> args = new ArrayList<>();
          if (!peek().isOp(")")) {
            do {
              Token r = peek();
              if (r.kind() == Kind.REGEX) {
                next();
                args.add(new RegexLit(r.text(), new String(r.bytes(), StandardCharsets.US_ASCII)));
              } else {
                args.add(expression());
              }
            } while (peek().isOp(",") && next() != null);
          }
          expectOp(")");
          e = new Call(e, args);
        } else {
          return e;
        }
      }
    }
  }
}
