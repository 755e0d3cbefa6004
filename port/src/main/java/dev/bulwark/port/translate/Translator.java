package dev.bulwark.port.translate;

import dev.bulwark.port.c.CConstant;
import dev.bulwark.port.c.CFrontEnd;
import dev.bulwark.port.c.CFunction;
import dev.bulwark.port.c.CNode;
import dev.bulwark.port.c.CProgram;
import dev.bulwark.port.c.CStruct;
import dev.bulwark.port.c.CTable;
import dev.bulwark.port.c.CType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The deterministic first pass: one C function into safe Rust by fixed rules, or an {@link
 * Unsupported} naming the construct it cannot handle. Arithmetic follows C's conversions (integer
 * promotion, the usual arithmetic conversions, wrapping unsigned arithmetic) so that the
 * differential tests compare like with like; signed overflow, which is undefined in C, panics.
 */
public final class Translator {
  private static final Pattern LENGTH_NAME =
      Pattern.compile(
          "(?i)(n|len|length|size|count|cap|capacity|nbytes|num|sz|.*_len|.*_size|.*_count|.*len)");

  /** One function's translation: the Rust item, its signature and the rules applied. */
  public record Result(PortSignature signature, String rust, Set<String> rules) {}

  private final CProgram program;
  private final Map<String, PortSignature> signatures;

  /**
   * @param signatures the accepted signatures of functions already ported, which calls may use
   */
  public Translator(CProgram program, Map<String, PortSignature> signatures) {
    this.program = program;
    this.signatures = signatures;
  }

  // ---------------------------------------------------------------- signatures

  /** The safe signature of a C function, by the parameter rules, or Unsupported. */
  public PortSignature signature(CFunction f) {
    if (f.variadic()) {
      throw new Unsupported("variadic function");
    }
    CType ret = f.returnType();
    if (ownedString(ret) && !returnsAllocation(f.body())) {
      throw new Unsupported(
          "returns char* that is not always a buffer it allocated (no owned String to give)");
    }
    boolean listReturn =
        ret instanceof CType.Ptr rp
            && !rp.constTarget()
            && rp.target() instanceof CType.Struct rs
            && listLink(rs).isPresent();
    if (!(ret instanceof CType.Int
        || ret instanceof CType.Bool
        || ret instanceof CType.Void
        || ownedString(ret)
        || listReturn)) {
      throw new Unsupported("returns " + CType.describe(ret));
    }
    List<Arg> args = new ArrayList<>();
    List<CFunction.Param> ps = f.params();
    for (int i = 0; i < ps.size(); i++) {
      CFunction.Param p = ps.get(i);
      CType t = p.type();
      if (t instanceof CType.Int || t instanceof CType.Bool) {
        args.add(new Arg.Scalar(p.name(), t));
      } else if (t instanceof CType.Ptr ptr
          && ptr.target() instanceof CType.Struct st
          && listLink(st).isPresent()) {
        if (ptr.constTarget()) {
          args.add(new Arg.Linked(p.name(), st, false, shape(st)));
        } else if (handsOver(f.body(), p.name())) {
          args.add(new Arg.Linked(p.name(), st, true, shape(st)));
        } else {
          throw new Unsupported(
              "list '" + p.name() + "' is changed in place (neither only read nor taken over)");
        }
      } else if (t instanceof CType.Ptr ptr && ptr.target() instanceof CType.Struct st) {
        if (!structTranslatable(st)) {
          throw new Unsupported(
              "struct " + st.cName() + " has fields the deterministic pass cannot type");
        }
        args.add(new Arg.StructRef(p.name(), st, !ptr.constTarget()));
      } else if (t instanceof CType.Ptr ptr && ptr.target() instanceof CType.Int elem) {
        CFunction.Param next = i + 1 < ps.size() ? ps.get(i + 1) : null;
        if (next != null
            && next.type() instanceof CType.Int lt
            && LENGTH_NAME.matcher(next.name()).matches()
            && !assigned(f.body(), next.name())) {
          args.add(new Arg.Slice(p.name(), elem, !ptr.constTarget(), next.name()));
          args.add(new Arg.Len(next.name(), lt, p.name()));
          i++;
        } else if (elem.bits() == 8 && ptr.constTarget()) {
          args.add(new Arg.Str(p.name()));
        } else if (onlyDereferenced(f.body(), p.name())) {
          if (readThrough(f.body(), p.name())) {
            args.add(new Arg.InOut(p.name(), elem));
          } else {
            args.add(new Arg.Out(p.name(), elem));
          }
        } else {
          throw new Unsupported(
              "pointer parameter '"
                  + p.name()
                  + "' has no length beside it and is not an out-parameter");
        }
      } else if (t instanceof CType.Ptr ptr
          && ptr.target() instanceof CType.Bool
          && onlyDereferenced(f.body(), p.name())) {
        args.add(new Arg.Out(p.name(), CType.BOOL));
      } else {
        throw new Unsupported("parameter '" + p.name() + "' of type " + CType.describe(t));
      }
    }
    return new PortSignature(
        f.name(),
        Names.ident(f.name()),
        args,
        ret,
        listReturn ? shape((CType.Struct) ((CType.Ptr) ret).target()) : null);
  }

  /** A {@code char *} (not const) return: a string the caller owns, if the body allocated it. */
  public static boolean ownedString(CType t) {
    return t instanceof CType.Ptr p
        && !p.constTarget()
        && p.target() instanceof CType.Int i
        && i.bits() == 8;
  }

  /**
   * Whether every return gives back a local the function allocated with malloc or calloc (and there
   * is at least one): the caller then owns the buffer, as a Rust caller owns a String.
   */
  static boolean returnsAllocation(CNode body) {
    Set<String> allocated = new HashSet<>();
    List<CNode> returns = new ArrayList<>();
    collectAllocationsAndReturns(body, allocated, returns);
    if (returns.isEmpty()) {
      return false;
    }
    for (CNode r : returns) {
      List<CNode> kids = r.named();
      if (kids.isEmpty()) {
        return false;
      }
      CNode v = strip(kids.get(0));
      if (!v.is("identifier") || !allocated.contains(v.text())) {
        return false;
      }
    }
    return true;
  }

  private static void collectAllocationsAndReturns(
      CNode n, Set<String> allocated, List<CNode> returns) {
    if (n.is("return_statement")) {
      returns.add(n);
    }
    if (n.is("init_declarator")) {
      CNode d = n.child("declarator").orElse(null);
      CNode v = n.child("value").orElse(null);
      if (d != null
          && d.is("pointer_declarator")
          && v != null
          && isAllocation(v)
          && d.child("declarator").map(x -> x.is("identifier")).orElse(false)) {
        allocated.add(d.child("declarator").orElseThrow().text());
      }
    }
    for (CNode c : n.named()) {
      collectAllocationsAndReturns(c, allocated, returns);
    }
  }

  /**
   * The link field of a list node: a struct with exactly one field pointing to its own type, every
   * other field an integer or bool. Empty for any other struct.
   */
  public Optional<String> listLink(CType.Struct st) {
    CStruct s = program.structs().get(st.cName());
    if (s == null || s.union()) {
      return Optional.empty();
    }
    String link = null;
    for (CStruct.Field fl : s.fields()) {
      if (fl.type() instanceof CType.Ptr p
          && p.target() instanceof CType.Struct t
          && t.cName().equals(s.cName())) {
        if (link != null) {
          return Optional.empty();
        }
        link = fl.name();
      } else if (!(fl.type() instanceof CType.Int || fl.type() instanceof CType.Bool)) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(link);
  }

  /** A list node's shape: its link, and its one integer field if it has exactly one. */
  ListShape shape(CType.Struct st) {
    CStruct s = program.structs().get(st.cName());
    String link = listLink(st).orElseThrow();
    String value = null;
    CType.Int vt = null;
    int scalars = 0;
    for (CStruct.Field fl : s.fields()) {
      if (!fl.name().equals(link)) {
        scalars++;
        if (fl.type() instanceof CType.Int i) {
          value = fl.name();
          vt = i;
        }
      }
    }
    return scalars == 1 && value != null
        ? new ListShape(st, link, value, vt)
        : new ListShape(st, link, null, null);
  }

  /**
   * Whether the function takes a list over: it frees a node of it, links it into another node,
   * stores it or returns it. Only then is it passed by value (moved) in Rust.
   */
  static boolean handsOver(CNode body, String name) {
    boolean[] hit = {false};
    body.walk(n -> {
      if (n.is("call_expression")
          && n.child("function").map(x -> x.text().equals("free")).orElse(false)
          && n.child("arguments")
              .map(a -> a.named().size() == 1 && strip(a.named().get(0)).text().equals(name))
              .orElse(false)) {
        hit[0] = true;
      }
      if (n.is("assignment_expression")
          && n.child("right")
              .map(r -> strip(r).is("identifier") && strip(r).text().equals(name))
              .orElse(false)) {
        hit[0] = true;
      }
      if (n.is("return_statement")
          && !n.named().isEmpty()
          && strip(n.named().get(0)).is("identifier")
          && strip(n.named().get(0)).text().equals(name)) {
        hit[0] = true;
      }
    });
    return hit[0];
  }

  boolean structTranslatable(CType.Struct st) {
    CStruct s = program.structs().get(st.cName());
    if (s == null || s.union() || s.fields().isEmpty()) {
      return false;
    }
    for (CStruct.Field fl : s.fields()) {
      try {
        Types.rust(fl.type());
      } catch (Unsupported e) {
        return false;
      }
    }
    return true;
  }

  /** The Rust definition of a project struct, or Unsupported. */
  public String struct(CStruct s) {
    if (s.union()) {
      throw new Unsupported("union " + s.cName());
    }
    StringBuilder out = new StringBuilder();
    Optional<String> link = listLink(new CType.Struct(s.cName(), s.rustName()));
    // a node owns the rest of its list, so it cannot be Copy
    out.append(
            link.isPresent()
                ? "#[derive(Debug, Clone, PartialEq, Eq)]\npub struct "
                : "#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub struct ")
        .append(s.rustName())
        .append(" {\n");
    for (CStruct.Field fl : s.fields()) {
      out.append("    pub ")
          .append(Names.ident(fl.name()))
          .append(": ")
          .append(
              link.isPresent() && link.get().equals(fl.name())
                  ? "Option<Box<" + s.rustName() + ">>"
                  : Types.rust(fl.type()))
          .append(",\n");
    }
    return out.append("}\n").toString();
  }

  /**
   * A constant table as a Rust array constant: a byte string (with its NUL) when it reads as one,
   * else its elements.
   */
  public static String table(CTable t) {
    List<Long> vs = t.values();
    String type = "[" + t.elem().rust() + "; " + vs.size() + "]";
    boolean text = t.elem().rust().equals("u8") && !vs.isEmpty() && vs.get(vs.size() - 1) == 0;
    for (int k = 0; text && k < vs.size() - 1; k++) {
      text = vs.get(k) >= 32 && vs.get(k) < 127;
    }
    String value;
    if (text) {
      StringBuilder b = new StringBuilder("*b\"");
      for (int k = 0; k < vs.size() - 1; k++) {
        char c = (char) (long) vs.get(k);
        b.append(c == '"' || c == '\\' ? "\\" + c : String.valueOf(c));
      }
      value = b.append("\\0\"").toString();
    } else {
      List<String> items = new ArrayList<>();
      vs.forEach(v -> items.add(String.valueOf(v)));
      value = "[" + String.join(", ", items) + "]";
    }
    return "pub const " + Names.constant(t.name()) + ": " + type + " = " + value + ";\n";
  }

  public static String constant(CConstant c) {
    return "pub const "
        + Names.constant(c.name())
        + ": "
        + c.type().rust()
        + " = "
        + c.value()
        + ";\n";
  }

  // ---------------------------------------------------------------- bodies

  /** Where a variable lives and how the body reaches it. */
  enum Kind {
    VALUE,
    SLICE,
    STR,
    OUT,
    INOUT,
    STRUCT_REF,
    ARRAY,
    VEC,
    /** A pointer walking a string or slice, kept as an index into it. */
    CURSOR,
    /** A list the function owns: {@code Option<Box<T>>}. */
    LIST,
    /** A list the function only reads: {@code &Option<Box<T>>}. */
    LIST_REF,
    /** A pointer walking a list it only reads: {@code Option<&T>}. */
    LIST_CURSOR,
    /** A node the function owns: {@code Box<T>} (allocated, or taken off its list in a loop). */
    NODE,
    /** A node of a list walked read-only: {@code &T}. */
    NODE_REF
  }

  /** A cursor's base (the string or slice variable it walks) and the element it points at. */
  record Cursor(Var base, CType elem) {}

  /**
   * A variable; {@code list} is, for a node bound while walking a list, the C name of the list
   * variable it came from (assigning to that name assigns the list, not the node).
   */
  record Var(String rust, CType type, Kind kind, String list) {
    Var(String rust, CType type, Kind kind) {
      this(rust, type, kind, null);
    }
  }

  /**
   * A translated expression: Rust code, its C type, and whether it needs parentheses as an operand.
   */
  record Ex(String code, CType type, boolean atomic, Long literal) {
    static Ex of(String code, CType type) {
      return new Ex(code, type, true, null);
    }

    static Ex op(String code, CType type) {
      return new Ex(code, type, false, null);
    }

    String wrapped() {
      return atomic ? code : "(" + code + ")";
    }
  }

  private Map<String, Var> vars;
  private CNode fnBody;
  private PortSignature sig;
  private Set<String> rules;
  private Set<String> mutated;
  private Map<String, Cursor> cursors;
  private int loopDepth;

  public Result translate(CFunction f) {
    sig = signature(f);
    fnBody = f.body();
    rules = new LinkedHashSet<>();
    vars = new HashMap<>();
    cursors = new HashMap<>();
    mutated = mutatedRoots(f.body());
    StringBuilder pre = new StringBuilder();
    boolean anyPointer = false;
    for (Arg a : sig.args()) {
      String n = Names.ident(a.name());
      switch (a) {
        case Arg.Scalar s -> {
          vars.put(a.name(), new Var(n, s.type(), Kind.VALUE));
          if (mutated.contains(a.name())) {
            pre.append("    let mut ").append(n).append(" = ").append(n).append(";\n");
          }
        }
        case Arg.Slice s -> {
          vars.put(a.name(), new Var(n, new CType.Array(s.elem(), null), Kind.SLICE));
          rules.add("pointer+length → slice");
          anyPointer = true;
        }
        case Arg.Len l -> {}
        case Arg.Str s -> {
          vars.put(a.name(), new Var(n, CType.U8, Kind.STR));
          rules.add("const char* → &str");
          anyPointer = true;
        }
        case Arg.Out o -> {
          vars.put(a.name(), new Var(n, o.type(), Kind.OUT));
          rules.add("out-parameter → returned tuple");
          pre.append("    let mut ")
              .append(n)
              .append(": ")
              .append(Types.rust(o.type()))
              .append(" = ")
              .append(o.type() instanceof CType.Bool ? "false" : "0")
              .append(";\n");
        }
        case Arg.InOut o -> {
          vars.put(a.name(), new Var(n, o.type(), Kind.INOUT));
          rules.add("in-out pointer → &mut");
        }
        case Arg.StructRef s -> {
          vars.put(a.name(), new Var(n, s.type(), Kind.STRUCT_REF));
          rules.add("struct pointer → reference");
          anyPointer = true;
        }
        case Arg.Linked l -> {
          anyPointer = true;
          CType pt = new CType.Ptr(l.type(), !l.owned());
          if (l.owned()) {
            rules.add("list pointer taken over → Option<Box<T>>");
            vars.put(a.name(), new Var(n, pt, Kind.LIST));
            if (mutated.contains(a.name())) {
              pre.append("    let mut ").append(n).append(" = ").append(n).append(";\n");
            }
          } else {
            rules.add("const list pointer → &Option<Box<T>>");
            if (mutated.contains(a.name())) {
              // the C walks its own copy of the pointer: a cursor over the borrowed list
              vars.put(a.name(), new Var(n, pt, Kind.LIST_CURSOR));
              pre.append("    let mut ").append(n).append(" = ").append(n).append(".as_deref();\n");
            } else {
              vars.put(a.name(), new Var(n, pt, Kind.LIST_REF));
            }
          }
        }
      }
    }
    if (!anyPointer && sig.outs().isEmpty()) {
      rules.add("integer function");
    }
    List<CNode> stmts = f.body().named();
    StringBuilder body = new StringBuilder(pre);
    body.append(block(stmts, 1, true));
    boolean endsInReturn = !stmts.isEmpty() && stmts.get(stmts.size() - 1).is("return_statement");
    if (!sig.outs().isEmpty() && sig.returnType() instanceof CType.Void && !endsInReturn) {
      body.append("    ").append(outTuple(null)).append('\n');
    }
    String text = sig.render() + " {\n" + body + "}\n";
    return new Result(sig, text, rules);
  }

  /**
   * The String a function returns in place of the malloc'd buffer: the bytes before the first NUL,
   * as a C caller reads the string (not valid UTF-8: replaced, and the differential test shows it).
   */
  private String ownedStringOf(CNode value) {
    CNode v = strip(value);
    Var var = v.is("identifier") ? vars.get(v.text()) : null;
    if (var == null || var.kind() != Kind.VEC) {
      throw new Unsupported("return of " + value.text() + ", which is not the allocated buffer");
    }
    rules.add("malloc'd char* → owned String");
    return "String::from_utf8_lossy("
        + var.rust()
        + ".split(|&b| b == 0).next().unwrap_or_default()).into_owned()";
  }

  private String outTuple(String value) {
    List<String> parts = new ArrayList<>();
    if (value != null) {
      parts.add(value);
    }
    for (Arg.Out o : sig.outs()) {
      parts.add(Names.ident(o.name()));
    }
    return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
  }

  private static String indent(int depth) {
    return "    ".repeat(depth);
  }

  private String block(List<CNode> stmts, int depth, boolean tail) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < stmts.size(); i++) {
      boolean last = tail && i == stmts.size() - 1;
      CNode s = stmts.get(i);
      // t = a[i]; a[i] = a[j]; a[j] = t;  →  a.swap(i, j)
      if (i + 2 < stmts.size()) {
        String swap = swap(s, stmts.get(i + 1), stmts.get(i + 2));
        if (swap != null) {
          out.append(indent(depth)).append(swap).append('\n');
          i += 2;
          continue;
        }
      }
      out.append(statement(s, depth, last));
    }
    return out.toString();
  }

  private String statement(CNode s, int depth, boolean tail) {
    String in = indent(depth);
    switch (s.type()) {
      case "comment":
        return "";
      case "declaration":
        return declaration(s, depth);
      case "expression_statement":
        {
          if (s.named().isEmpty()) {
            return "";
          }
          return in + exprStatement(s.named().get(0)) + "\n";
        }
      case "compound_statement":
        return in + "{\n" + block(s.named(), depth + 1, tail) + in + "}\n";
      case "return_statement":
        {
          List<CNode> kids = s.named();
          String value = null;
          if (!kids.isEmpty() && ownedString(sig.returnType())) {
            value = ownedStringOf(kids.get(0));
          } else if (!kids.isEmpty() && sig.returnType() instanceof CType.Ptr) {
            value = ownedList(kids.get(0));
          } else if (!kids.isEmpty()) {
            value = strip(coerce(expr(kids.get(0)), sig.returnType()).code());
          }
          String v = sig.outs().isEmpty() ? value : outTuple(value);
          if (tail) {
            return v == null ? "" : in + v + "\n";
          }
          return in + "return" + (v == null ? "" : " " + v) + ";\n";
        }
      case "if_statement":
        return in + ifStatement(s, depth, tail) + "\n";
      case "while_statement":
        {
          CNode cond = s.child("condition").orElseThrow();
          String walked = listTested(cond);
          if (walked != null) {
            return listWalk(walked, s.child("body").orElseThrow(), List.of(), depth);
          }
          loopDepth++;
          String body = loopBody(s.child("body").orElseThrow(), depth, List.of());
          loopDepth--;
          Boolean k = constCondition(cond);
          if (Boolean.TRUE.equals(k)) {
            return in + "loop {\n" + body + in + "}\n";
          }
          return in + "while " + condition(cond) + " {\n" + body + in + "}\n";
        }
      case "do_statement":
        {
          if (containsOwnContinue(s.child("body").orElseThrow())) {
            throw new Unsupported("continue inside do/while");
          }
          loopDepth++;
          String body = loopBody(s.child("body").orElseThrow(), depth, List.of());
          loopDepth--;
          String c = condition(s.child("condition").orElseThrow());
          return in
              + "loop {\n"
              + body
              + indent(depth + 1)
              + "if !("
              + c
              + ") {\n"
              + indent(depth + 2)
              + "break;\n"
              + indent(depth + 1)
              + "}\n"
              + in
              + "}\n";
        }
      case "for_statement":
        return forStatement(s, depth);
      case "break_statement":
        return in + "break;\n";
      case "continue_statement":
        return in + "continue;\n";
      case "switch_statement":
        return switchStatement(s, depth, tail);
      default:
        throw new Unsupported("statement " + s.type() + " at line " + s.line());
    }
  }

  private String loopBody(CNode body, int depth, List<String> update) {
    StringBuilder out = new StringBuilder();
    List<CNode> stmts = body.is("compound_statement") ? body.named() : List.of(body);
    out.append(block(stmts, depth + 1, false));
    for (String u : update) {
      out.append(indent(depth + 1)).append(u).append('\n');
    }
    return out.toString();
  }

  private String forStatement(CNode s, int depth) {
    String in = indent(depth);
    CNode init = s.child("initializer").orElse(null);
    CNode cond = s.child("condition").orElse(null);
    List<CNode> updates = s.children("update");
    CNode body = s.child("body").orElseThrow();
    String walked = cond == null ? null : listTested(cond);
    if (walked != null
        && init != null
        && init.is("declaration")
        && init.children("declarator").size() == 1
        && vars.get(walked) == null) {
      CNode d = init.children("declarator").get(0);
      CNode inner = d.is("init_declarator") ? d.child("declarator").orElseThrow() : d;
      boolean declaresIt =
          listDeclared(init, inner).isPresent()
              && inner.child("declarator").map(x -> x.text().equals(walked)).orElse(false);
      if (declaresIt) {
        // for (const struct node *p = head; p; p = p->next): a cursor over the list
        String decl = declaration(init, depth + 1);
        if (vars.get(walked).kind() != Kind.LIST_CURSOR) {
          throw new Unsupported("for loop over a list it owns");
        }
        String loop = listWalk(walked, body, updates, depth + 1);
        vars.remove(walked);
        return in + "{\n" + decl + loop + in + "}\n";
      }
    }
    if (!updates.isEmpty() && containsOwnContinue(body)) {
      throw new Unsupported("continue inside a for loop with an update expression");
    }
    StringBuilder out = new StringBuilder();
    boolean scoped = init != null && init.is("declaration");
    int d = scoped ? depth + 1 : depth;
    if (scoped) {
      out.append(in).append("{\n").append(declaration(init, d));
    } else if (init != null) {
      for (CNode e : commaList(init)) {
        out.append(indent(d)).append(exprStatement(e)).append('\n');
      }
    }
    List<String> ups = new ArrayList<>();
    for (CNode u : updates) {
      for (CNode e : commaList(u)) {
        ups.add(exprStatement(e));
      }
    }
    loopDepth++;
    String b = loopBody(body, d, ups);
    loopDepth--;
    if (cond == null || Boolean.TRUE.equals(constCondition(cond))) {
      out.append(indent(d)).append("loop {\n").append(b).append(indent(d)).append("}\n");
    } else {
      out.append(indent(d))
          .append("while ")
          .append(condition(cond))
          .append(" {\n")
          .append(b)
          .append(indent(d))
          .append("}\n");
    }
    if (scoped) {
      out.append(in).append("}\n");
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- linked lists

  /** The C name of the list variable a condition tests for NULL ({@code p}, {@code p != NULL}). */
  private String listTested(CNode cond) {
    CNode c = strip(cond);
    String name = null;
    if (c.is("identifier")) {
      name = c.text();
    } else if (c.is("binary_expression") && c.operator().equals("!=")) {
      CNode l = strip(c.child("left").orElseThrow());
      CNode r = strip(c.child("right").orElseThrow());
      if (l.is("identifier") && isNull(r)) {
        name = l.text();
      } else if (r.is("identifier") && isNull(l)) {
        name = r.text();
      }
    }
    if (name == null) {
      return null;
    }
    Var v = vars.get(name);
    if (v == null) {
      // a for loop's own cursor, declared in its initialiser
      return c.is("identifier") || c.is("binary_expression") ? name : null;
    }
    return v.kind() == Kind.LIST || v.kind() == Kind.LIST_CURSOR ? name : null;
  }

  /**
   * A loop while a list variable is not NULL: {@code while let Some(node) = list}, the C name bound
   * to the node inside the body (its fields through it, an assignment to the name still assigns the
   * list). An owned list is taken apart node by node (each node owned in the body); a cursor walks
   * borrowed nodes.
   */
  private String listWalk(String cName, CNode body, List<CNode> updates, int depth) {
    Var list = vars.get(cName);
    if (list == null || !(list.kind() == Kind.LIST || list.kind() == Kind.LIST_CURSOR)) {
      throw new Unsupported("loop over '" + cName + "', which is not a list");
    }
    if (containsOwnContinue(body) && !updates.isEmpty()) {
      throw new Unsupported("continue inside a for loop over a list");
    }
    CType.Struct st = (CType.Struct) ((CType.Ptr) list.type()).target();
    boolean owned = list.kind() == Kind.LIST;
    String node = list.rust().replace("r#", "") + "_node";
    vars.put(cName, new Var(node, st, owned ? Kind.NODE : Kind.NODE_REF, cName));
    listVars.put(cName, list);
    String b;
    List<String> ups = new ArrayList<>();
    loopDepth++;
    try {
      for (CNode u : updates) {
        for (CNode e : commaList(u)) {
          ups.add(exprStatement(e));
        }
      }
      b = loopBody(body, depth, ups);
    } finally {
      loopDepth--;
      vars.put(cName, list);
      listVars.remove(cName);
    }
    rules.add(owned ? "list freed node by node → while let Some(node)" : "list walk → while let");
    String bind = owned && mutableNodes.contains(node) ? "mut " + node : node;
    return indent(depth)
        + "while let Some("
        + bind
        + ") = "
        + list.rust()
        + " {\n"
        + b
        + indent(depth)
        + "}\n";
  }

  /** Lists hidden behind a node binding inside a walk, by C name. */
  private final Map<String, Var> listVars = new HashMap<>();

  /** Nodes whose binding must be mutable (a link is taken off them). */
  private final Set<String> mutableNodes = new HashSet<>();

  /** The list variable an assignment to {@code name} assigns, if it names a list. */
  private Var listTarget(String name) {
    Var v = vars.get(name);
    if (v != null && v.list() != null) {
      return listVars.get(v.list());
    }
    if (v != null && (v.kind() == Kind.LIST || v.kind() == Kind.LIST_CURSOR)) {
      return v;
    }
    return null;
  }

  /**
   * A value for an owned list ({@code Option<Box<T>>}): NULL, another owned list (moved), a node
   * the function allocated ({@code Some(node)}) or a node's link taken off it.
   */
  private String ownedList(CNode value) {
    CNode v = strip(value);
    if (isNull(v)) {
      return "None";
    }
    if (v.is("identifier")) {
      Var x = vars.get(v.text());
      if (x != null && x.kind() == Kind.LIST) {
        return x.rust();
      }
      if (x != null && x.kind() == Kind.NODE && x.list() == null) {
        rules.add("malloc'd node → Box");
        return "Some(" + x.rust() + ")";
      }
    }
    if (v.is("field_expression")) {
      CNode base = strip(v.child("argument").orElseThrow());
      Var x = base.is("identifier") ? vars.get(base.text()) : null;
      String field = v.child("field").orElseThrow().text();
      if (x != null
          && x.kind() == Kind.NODE
          && listLink((CType.Struct) x.type()).map(field::equals).orElse(false)) {
        // C copies the link and leaves it in the node; here the node gives it up, so the C
        // must not read that link anywhere else
        int[] reads = {0};
        fnBody.walk(n -> {
          if (n.is("field_expression")
              && n.child("field").map(fl -> fl.text().equals(field)).orElse(false)
              && n.child("argument").map(a -> strip(a).text().equals(base.text())).orElse(false)) {
            reads[0]++;
          }
        });
        if (reads[0] != 1) {
          throw new Unsupported("link " + value.text() + " is read more than once");
        }
        mutableNodes.add(x.rust());
        return x.rust() + "." + Names.ident(field) + ".take()";
      }
    }
    throw new Unsupported("list value " + value.text());
  }

  /** A value for a list cursor ({@code Option<&T>}). */
  private String cursorList(CNode value) {
    CNode v = strip(value);
    if (isNull(v)) {
      return "None";
    }
    if (v.is("identifier")) {
      Var x = vars.get(v.text());
      if (x != null && (x.kind() == Kind.LIST || x.kind() == Kind.LIST_REF)) {
        return x.rust() + ".as_deref()";
      }
      if (x != null && x.kind() == Kind.LIST_CURSOR) {
        return x.rust();
      }
    }
    if (v.is("field_expression")) {
      CNode base = strip(v.child("argument").orElseThrow());
      Var x = base.is("identifier") ? vars.get(base.text()) : null;
      String field = v.child("field").orElseThrow().text();
      if (x != null
          && (x.kind() == Kind.NODE || x.kind() == Kind.NODE_REF)
          && listLink((CType.Struct) x.type()).map(field::equals).orElse(false)) {
        return x.rust() + "." + Names.ident(field) + ".as_deref()";
      }
    }
    throw new Unsupported("list cursor value " + value.text());
  }

  /** Whether a declaration's type is a pointer to a list node; its struct if so. */
  private Optional<CType.Struct> listDeclared(CNode decl, CNode inner) {
    if (!inner.is("pointer_declarator")
        || !inner.child("declarator").map(x -> x.is("identifier")).orElse(false)) {
      return Optional.empty();
    }
    CType base;
    try {
      base = baseType(decl);
    } catch (Unsupported e) {
      return Optional.empty();
    }
    return base instanceof CType.Struct st && listLink(st).isPresent()
        ? Optional.of(st)
        : Optional.empty();
  }

  /** A local list pointer: an allocated node, an owned list, or a read-only cursor. */
  private String listDeclaration(CNode decl, CNode inner, CNode value, CType.Struct st, int depth) {
    String name = inner.child("declarator").orElseThrow().text();
    String rn = Names.ident(name);
    String mut = mutated.contains(name) ? "mut " : "";
    String in = indent(depth);
    if (value != null && isAllocation(value)) {
      CStruct s = program.structs().get(st.cName());
      List<String> fields = new ArrayList<>();
      for (CStruct.Field fl : s.fields()) {
        String init =
            fl.type() instanceof CType.Bool
                ? "false"
                : fl.type() instanceof CType.Int ? "0" : "None";
        fields.add(Names.ident(fl.name()) + ": " + init);
      }
      vars.put(name, new Var(rn, st, Kind.NODE));
      rules.add("malloc'd node → Box");
      // C leaves a fresh node's fields unset; reading one before writing it is undefined, so
      // starting them at zero changes nothing a defined program sees
      return in
          + "let "
          + mut
          + rn
          + ": Box<"
          + st.rustName()
          + "> = Box::new("
          + st.rustName()
          + " { "
          + String.join(", ", fields)
          + " });\n";
    }
    if (value == null) {
      throw new Unsupported("list pointer " + name + " declared without a value");
    }
    if (CFrontEnd.isConstQualified(decl)) {
      vars.put(name, new Var(rn, new CType.Ptr(st, true), Kind.LIST_CURSOR));
      String v = cursorList(value);
      return in + "let " + mut + rn + " = " + v + ";\n";
    }
    String v = ownedList(value);
    vars.put(name, new Var(rn, new CType.Ptr(st, false), Kind.LIST));
    return in + "let " + mut + rn + ": Option<Box<" + st.rustName() + ">> = " + v + ";\n";
  }

  private static List<CNode> commaList(CNode n) {
    if (n.is("comma_expression")) {
      List<CNode> out = new ArrayList<>();
      for (CNode c : n.named()) {
        out.addAll(commaList(c));
      }
      return out;
    }
    return List.of(n);
  }

  private static boolean containsOwnContinue(CNode n) {
    if (n.is("continue_statement")) {
      return true;
    }
    if (n.is("for_statement") || n.is("while_statement") || n.is("do_statement")) {
      return false;
    }
    for (CNode c : n.children()) {
      if (containsOwnContinue(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsOwnBreak(CNode n) {
    if (n.is("break_statement")) {
      return true;
    }
    if (n.is("for_statement")
        || n.is("while_statement")
        || n.is("do_statement")
        || n.is("switch_statement")) {
      return false;
    }
    for (CNode c : n.children()) {
      if (containsOwnBreak(c)) {
        return true;
      }
    }
    return false;
  }

  private String ifStatement(CNode s, int depth, boolean tail) {
    CNode cond = s.child("condition").orElseThrow();
    CNode cons = s.child("consequence").orElseThrow();
    CNode alt =
        s.child("alternative").map(a -> a.is("else_clause") ? a.named().get(0) : a).orElse(null);
    Boolean k = constCondition(cond);
    if (k != null) {
      rules.add("null check on a reference elided");
      CNode taken = k ? cons : alt;
      if (taken == null) {
        return "";
      }
      String inner =
          block(taken.is("compound_statement") ? taken.named() : List.of(taken), depth, tail);
      return inner.strip();
    }
    // if (a) { if (b) {...} } with no else on either: clippy wants one condition
    List<CNode> consStmts = cons.is("compound_statement") ? cons.named() : List.of(cons);
    String c = condition(cond);
    if (alt == null
        && consStmts.size() == 1
        && consStmts.get(0).is("if_statement")
        && consStmts.get(0).child("alternative").isEmpty()
        && constCondition(consStmts.get(0).child("condition").orElseThrow()) == null) {
      CNode inner = consStmts.get(0);
      String c2 = condition(inner.child("condition").orElseThrow());
      CNode innerCons = inner.child("consequence").orElseThrow();
      List<CNode> is = innerCons.is("compound_statement") ? innerCons.named() : List.of(innerCons);
      return "if "
          + paren(c)
          + " && "
          + paren(c2)
          + " {\n"
          + block(is, depth + 1, tail)
          + indent(depth)
          + "}";
    }
    StringBuilder out = new StringBuilder("if " + c + " {\n");
    out.append(block(consStmts, depth + 1, tail));
    out.append(indent(depth)).append("}");
    if (alt != null) {
      List<CNode> altStmts = alt.is("compound_statement") ? alt.named() : List.of(alt);
      if (altStmts.size() == 1 && altStmts.get(0).is("if_statement")) {
        out.append(" else ").append(ifStatement(altStmts.get(0), depth, tail));
      } else {
        out.append(" else {\n")
            .append(block(altStmts, depth + 1, tail))
            .append(indent(depth))
            .append("}");
      }
    }
    return out.toString();
  }

  private static String paren(String c) {
    return c.contains("||") ? "(" + c + ")" : c;
  }

  private String switchStatement(CNode s, int depth, boolean tail) {
    Ex subject = expr(s.child("condition").orElseThrow().named().get(0));
    if (!(subject.type() instanceof CType.Int it)) {
      throw new Unsupported("switch over " + CType.describe(subject.type()));
    }
    rules.add("switch → match");
    String in = indent(depth);
    StringBuilder out = new StringBuilder(in + "match " + strip(subject.code()) + " {\n");
    List<String> labels = new ArrayList<>();
    boolean sawDefault = false;
    for (CNode c : s.child("body").orElseThrow().named()) {
      if (!c.is("case_statement")) {
        throw new Unsupported("statement outside a case in a switch");
      }
      CNode value = c.child("value").orElse(null);
      List<CNode> body = new ArrayList<>();
      for (CNode k : c.named()) {
        if (k != value) {
          body.add(k);
        }
      }
      if (value == null) {
        sawDefault = true;
        labels.add("_");
      } else {
        Long v = constOf(value);
        if (v == null) {
          throw new Unsupported("case label that is not a constant");
        }
        labels.add(literal(v, it));
      }
      if (body.isEmpty()) {
        continue; // falls into the next case: one arm with several patterns
      }
      CNode last = body.get(body.size() - 1);
      boolean endsInBreak = last.is("break_statement");
      if (endsInBreak) {
        body = body.subList(0, body.size() - 1);
      } else if (!last.is("return_statement") && !last.is("continue_statement")) {
        throw new Unsupported("switch case that falls through into the next");
      }
      for (CNode b : body) {
        if (containsOwnBreak(b)) {
          throw new Unsupported("break inside a switch case body");
        }
      }
      String pat = labels.contains("_") ? "_" : String.join(" | ", labels);
      out.append(indent(depth + 1))
          .append(pat)
          .append(" => {\n")
          .append(block(body, depth + 2, tail && !endsInBreak))
          .append(indent(depth + 1))
          .append("}\n");
      labels.clear();
    }
    if (!sawDefault) {
      out.append(indent(depth + 1)).append("_ => {}\n");
    }
    return out.append(in).append("}\n").toString();
  }

  private Long constOf(CNode n) {
    if (n.is("char_literal")) {
      return charValue(n.text());
    }
    if (n.is("identifier")) {
      return program.constants().stream()
          .filter(c -> c.name().equals(n.text()))
          .map(CConstant::value)
          .findFirst()
          .orElse(null);
    }
    if (n.is("number_literal")) {
      return CFrontEnd.parseInt(n.text());
    }
    if (n.is("unary_expression") && n.operator().equals("-")) {
      Long v = constOf(n.child("argument").orElseThrow());
      return v == null ? null : -v;
    }
    return null;
  }

  private String declaration(CNode s, int depth) {
    CType base = baseType(s);
    StringBuilder out = new StringBuilder();
    for (CNode d : s.children("declarator")) {
      CNode inner = d.is("init_declarator") ? d.child("declarator").orElseThrow() : d;
      CNode value = d.is("init_declarator") ? d.child("value").orElse(null) : null;
      String in = indent(depth);
      Optional<CType.Struct> listType = listDeclared(s, inner);
      if (listType.isPresent()) {
        out.append(listDeclaration(s, inner, value, listType.get(), depth));
        continue;
      }
      if (inner.is("identifier")) {
        String name = inner.text();
        String rn = Names.ident(name);
        if (!(base instanceof CType.Int || base instanceof CType.Bool)) {
          throw new Unsupported("local '" + name + "' of type " + CType.describe(base));
        }
        vars.put(name, new Var(rn, base, Kind.VALUE));
        String mut = mutated.contains(name) ? "mut " : "";
        if (value == null) {
          out.append(in)
              .append("let ")
              .append(mut)
              .append(rn)
              .append(": ")
              .append(Types.rust(base))
              .append(";\n");
        } else {
          out.append(in)
              .append("let ")
              .append(mut)
              .append(rn)
              .append(": ")
              .append(Types.rust(base))
              .append(" = ")
              .append(strip(coerce(expr(value), base).code()))
              .append(";\n");
        }
      } else if (inner.is("array_declarator")) {
        CNode id = inner.child("declarator").orElseThrow();
        if (!id.is("identifier") || !(base instanceof CType.Int elem)) {
          throw new Unsupported("local array declaration " + s.text().strip());
        }
        String name = id.text();
        String size = inner.child("size").map(CNode::text).orElse(null);
        String rn = Names.ident(name);
        String init;
        if (value == null
            || (value.is("initializer_list")
                && value.named().size() == 1
                && Long.valueOf(0).equals(constOf(value.named().get(0))))) {
          init = "[0; " + Names.constExpr(size) + "]";
        } else if (value.is("initializer_list")) {
          List<String> items = new ArrayList<>();
          for (CNode v : value.named()) {
            items.add(strip(coerce(expr(v), elem).code()));
          }
          if (size != null) {
            Long n = CFrontEnd.parseInt(size);
            if (n == null || n != items.size()) {
              throw new Unsupported("partially initialised array " + name);
            }
          }
          size = String.valueOf(items.size());
          init = "[" + String.join(", ", items) + "]";
        } else {
          throw new Unsupported("array initialiser " + value.type());
        }
        vars.put(name, new Var(rn, new CType.Array(elem, size), Kind.ARRAY));
        rules.add("fixed array → Rust array");
        String mut = mutated.contains(name) ? "mut " : "";
        out.append(in)
            .append("let ")
            .append(mut)
            .append(rn)
            .append(": [")
            .append(elem.rust())
            .append("; ")
            .append(Names.constExpr(size))
            .append("] = ")
            .append(init)
            .append(";\n");
      } else if (inner.is("pointer_declarator")
          && inner.child("declarator").map(x -> x.is("identifier")).orElse(false)
          && value != null
          && cursorStart(value) != null) {
        // const char *p = s; walking p over s becomes an index into s
        String name = inner.child("declarator").orElseThrow().text();
        String rn = Names.ident(name);
        Var baseVar = vars.get(cursorBaseName(value));
        CType elem = baseVar.kind() == Kind.STR ? CType.U8 : ((CType.Array) baseVar.type()).elem();
        vars.put(name, new Var(rn, CType.USIZE, Kind.CURSOR));
        cursors.put(name, new Cursor(baseVar, elem));
        rules.add("pointer walk → index");
        out.append(in)
            .append("let ")
            .append(mutated.contains(name) ? "mut " : "")
            .append(rn)
            .append(": usize = ")
            .append(cursorStart(value))
            .append(";\n");
      } else if (inner.is("pointer_declarator") && value != null && isAllocation(value)) {
        CNode id = inner.child("declarator").orElseThrow();
        if (!id.is("identifier") || !(base instanceof CType.Int elem)) {
          throw new Unsupported("allocation of " + CType.describe(base));
        }
        String count = allocationCount(value, elem);
        String rn = Names.ident(id.text());
        vars.put(id.text(), new Var(rn, new CType.Array(elem, null), Kind.VEC));
        rules.add("malloc/free → Vec");
        String mut = mutated.contains(id.text()) ? "mut " : "";
        out.append(in)
            .append("let ")
            .append(mut)
            .append(rn)
            .append(": Vec<")
            .append(elem.rust())
            .append("> = vec![0; ")
            .append(count)
            .append("];\n");
      } else {
        throw new Unsupported("declaration " + s.text().strip());
      }
    }
    return out.toString();
  }

  /** The name of the string or slice a cursor starts in: {@code s} or {@code s + k}. */
  private String cursorBaseName(CNode v) {
    CNode n = strip(v);
    if (n.is("binary_expression") && n.operator().equals("+")) {
      n = strip(n.child("left").orElseThrow());
    }
    return n.is("identifier") ? n.text() : null;
  }

  /**
   * The index a cursor starts at when the value is a string or slice ({@code s} → 0, {@code s + k}
   * → k), else null.
   */
  private String cursorStart(CNode v) {
    String base = cursorBaseName(v);
    Var bv = base == null ? null : vars.get(base);
    if (bv == null
        || !(bv.kind() == Kind.STR
            || bv.kind() == Kind.SLICE
            || bv.kind() == Kind.ARRAY
            || bv.kind() == Kind.VEC)) {
      return null;
    }
    CNode n = strip(v);
    if (n.is("identifier")) {
      return "0";
    }
    return strip(coerce(expr(n.child("right").orElseThrow()), CType.USIZE).code());
  }

  /** The element a cursor points at, {@code offset} further on (null: none). */
  private Ex cursorElement(Cursor c, String at) {
    if (c.base().kind() == Kind.STR) {
      return strByte(c.base().rust(), at.equals("0") ? null : at);
    }
    return Ex.of(c.base().rust() + "[" + at + "]", c.elem());
  }

  private static boolean isAllocation(CNode v) {
    CNode n = v;
    while (n.is("cast_expression") || n.is("parenthesized_expression")) {
      n = n.is("cast_expression") ? n.child("value").orElseThrow() : n.named().get(0);
    }
    if (!n.is("call_expression")) {
      return false;
    }
    String f = n.child("function").map(CNode::text).orElse("");
    return f.equals("malloc") || f.equals("calloc");
  }

  /** The element count of malloc(n * sizeof(T)) or calloc(n, sizeof(T)), as a usize expression. */
  private String allocationCount(CNode v, CType.Int elem) {
    CNode n = v;
    while (n.is("cast_expression") || n.is("parenthesized_expression")) {
      n = n.is("cast_expression") ? n.child("value").orElseThrow() : n.named().get(0);
    }
    String f = n.child("function").orElseThrow().text();
    List<CNode> args = n.child("arguments").orElseThrow().named();
    CNode count;
    if (f.equals("calloc")) {
      count = args.get(0);
    } else {
      CNode a = args.get(0);
      if (a.is("binary_expression") && a.operator().equals("*")) {
        CNode l = a.child("left").orElseThrow();
        CNode r = a.child("right").orElseThrow();
        count = l.is("sizeof_expression") ? r : r.is("sizeof_expression") ? l : null;
      } else if (elem.bits() == 8) {
        count = a;
      } else {
        count = null;
      }
      if (count == null) {
        throw new Unsupported("malloc size that is not n * sizeof(T)");
      }
    }
    return strip(coerce(expr(count), CType.USIZE).code());
  }

  private CType baseType(CNode decl) {
    CNode t = decl.child("type").orElseThrow();
    return switch (t.type()) {
      case "primitive_type" -> primitive(t.text());
      case "sized_type_specifier" -> {
        List<String> words = new ArrayList<>();
        t.children().forEach(c -> words.add(c.text()));
        yield primitiveOf(words);
      }
      case "type_identifier" ->
          switch (t.text()) {
            case "size_t", "uintptr_t" -> CType.USIZE;
            case "ssize_t", "ptrdiff_t" -> new CType.Int("isize", 64, true);
            case "uint8_t" -> CType.U8;
            case "int8_t" -> new CType.Int("i8", 8, true);
            case "uint16_t" -> new CType.Int("u16", 16, false);
            case "int16_t" -> new CType.Int("i16", 16, true);
            case "uint32_t" -> new CType.Int("u32", 32, false);
            case "int32_t" -> CType.INT;
            case "uint64_t" -> new CType.Int("u64", 64, false);
            case "int64_t" -> new CType.Int("i64", 64, true);
            case "bool" -> CType.BOOL;
            default ->
                program.typedefs().containsKey(t.text())
                        && !(program.typedefs().get(t.text()) instanceof CType.Other)
                    ? program.typedefs().get(t.text())
                    : structNamed(t.text())
                        .map(s -> (CType) new CType.Struct(s.cName(), s.rustName()))
                        .orElseThrow(() -> new Unsupported("type " + t.text()));
          };
      case "struct_specifier" ->
          structNamed(t.child("name").map(CNode::text).orElse(""))
              .map(s -> (CType) new CType.Struct(s.cName(), s.rustName()))
              .orElseThrow(() -> new Unsupported("struct " + t.text()));
      case "enum_specifier" -> CType.INT;
      default -> throw new Unsupported("type " + t.text());
    };
  }

  private static CType primitive(String word) {
    return primitiveOf(List.of(word));
  }

  private static CType primitiveOf(List<String> words) {
    CType t = CFrontEnd.primitive(words);
    if (t instanceof CType.Other o) {
      throw new Unsupported("type " + o.text());
    }
    return t;
  }

  private Optional<CStruct> structNamed(String name) {
    CStruct s = program.structs().get(name);
    if (s != null) {
      return Optional.of(s);
    }
    String rust = CFrontEnd.rustTypeName(name);
    return program.structs().values().stream().filter(x -> x.rustName().equals(rust)).findFirst();
  }

  // ---------------------------------------------------------------- expression statements

  private String exprStatement(CNode e) {
    switch (e.type()) {
      case "assignment_expression":
        {
          String stepped = steppedIndexAssignment(e);
          return stepped != null ? stepped : assignment(e) + ";";
        }
      case "update_expression":
        {
          CNode arg = e.child("argument").orElseThrow();
          Ex target = lvalue(arg);
          String op = e.operator();
          if (strip(arg).is("identifier") && cursors.containsKey(strip(arg).text())) {
            // a cursor moves within its base; stepping before its start panics like a bad index
            return target.code() + (op.equals("++") ? " += 1;" : " -= 1;");
          }
          CType.Int t = intType(target.type());
          boolean inc = op.equals("++");
          if (!t.signed() || t.bits() < 32) {
            return target.code()
                + " = "
                + target.code()
                + (inc ? ".wrapping_add(1);" : ".wrapping_sub(1);");
          }
          return target.code() + (inc ? " += 1;" : " -= 1;");
        }
      case "call_expression":
        {
          String f = e.child("function").map(CNode::text).orElse("");
          if (f.equals("free")) {
            CNode a = e.child("arguments").orElseThrow().named().get(0);
            Var v = vars.get(a.text());
            if (v != null && v.kind() == Kind.NODE) {
              rules.add("free of a node → drop");
              return "drop(" + v.rust() + ");";
            }
            if (v == null || v.kind() != Kind.VEC) {
              throw new Unsupported("free of something that is not a local allocation");
            }
            return "drop(" + v.rust() + ");";
          }
          Ex call = expr(e);
          if (call.type() instanceof CType.Void) {
            return call.code() + ";";
          }
          return "let _ = " + call.code() + ";";
        }
      case "comma_expression":
        {
          StringBuilder out = new StringBuilder();
          for (CNode c : commaList(e)) {
            out.append(exprStatement(c)).append(' ');
          }
          return out.toString().strip();
        }
      case "parenthesized_expression":
        return exprStatement(e.named().get(0));
      default:
        throw new Unsupported("expression statement " + e.type() + " at line " + e.line());
    }
  }

  /**
   * {@code a[i++] = v} (or {@code a[++i] = v}) as two statements, the store and the step, in C's
   * order; only when the value does not read {@code i}, where C leaves the order unsaid.
   */
  private String steppedIndexAssignment(CNode e) {
    CNode left = strip(e.child("left").orElseThrow());
    if (!left.is("subscript_expression")) {
      return null;
    }
    CNode index = strip(left.child("index").orElseThrow());
    if (!index.is("update_expression")) {
      return null;
    }
    CNode counter = strip(index.child("argument").orElseThrow());
    CNode right = e.child("right").orElseThrow();
    if (!counter.is("identifier")
        || mentions(right, counter.text())
        || mentions(left.child("argument").orElseThrow(), counter.text())) {
      return null;
    }
    boolean prefix = index.text().strip().startsWith(index.operator());
    Ex base = expr(left.child("argument").orElseThrow());
    if (!(base.type() instanceof CType.Array arr)) {
      throw new Unsupported("indexing " + CType.describe(base.type()));
    }
    String at = strip(coerce(expr(counter), CType.USIZE).code());
    Ex target = Ex.of(base.code() + "[" + at + "]", arr.elem());
    String step = exprStatement(index);
    String store = assignTo(target, e.operator(), right) + ";";
    rules.add("index step split from the store");
    return prefix ? step + " " + store : store + " " + step;
  }

  /** An assignment to a list variable or to a node's link, or null for any other assignment. */
  private String listAssignment(CNode left, String op, CNode right) {
    if (left.is("identifier")) {
      Var target = listTarget(left.text());
      if (target == null) {
        return null;
      }
      if (!op.equals("=")) {
        throw new Unsupported("list pointer '" + left.text() + "' changed by " + op);
      }
      return target.rust()
          + " = "
          + (target.kind() == Kind.LIST ? ownedList(right) : cursorList(right));
    }
    if (left.is("field_expression")) {
      CNode base = strip(left.child("argument").orElseThrow());
      Var x = base.is("identifier") ? vars.get(base.text()) : null;
      String field = left.child("field").orElseThrow().text();
      if (x != null
          && x.kind() == Kind.NODE
          && listLink((CType.Struct) x.type()).map(field::equals).orElse(false)) {
        if (!op.equals("=")) {
          throw new Unsupported("link " + left.text() + " changed by " + op);
        }
        return x.rust() + "." + Names.ident(field) + " = " + ownedList(right);
      }
      if (x != null && x.kind() == Kind.NODE_REF) {
        throw new Unsupported("write through a node of a list that is only read: " + left.text());
      }
    }
    return null;
  }

  private static boolean mentions(CNode n, String name) {
    if (n.is("identifier") && n.text().equals(name)) {
      return true;
    }
    for (CNode c : n.named()) {
      if (mentions(c, name)) {
        return true;
      }
    }
    return false;
  }

  private String assignment(CNode e) {
    CNode left = e.child("left").orElseThrow();
    CNode right = e.child("right").orElseThrow();
    String op = e.operator();
    String listed = listAssignment(strip(left), op, right);
    if (listed != null) {
      return listed;
    }
    Ex target = lvalue(left);
    if (strip(left).is("identifier") && cursors.containsKey(strip(left).text())) {
      Cursor c = cursors.get(strip(left).text());
      if (op.equals("=")) {
        String start = cursorStart(right);
        if (start == null || !vars.get(cursorBaseName(right)).equals(c.base())) {
          throw new Unsupported("pointer '" + left.text() + "' set to " + right.text());
        }
        return target.code() + " = " + start;
      }
      if (op.equals("+=") || op.equals("-=")) {
        return target.code() + " " + op + " " + strip(coerce(expr(right), CType.USIZE).code());
      }
      throw new Unsupported("pointer '" + left.text() + "' changed by " + op);
    }
    return assignTo(target, op, right);
  }

  private String assignTo(Ex target, String op, CNode right) {
    Ex value = expr(right);
    if (op.equals("=")) {
      return target.code() + " = " + strip(coerce(value, target.type()).code());
    }
    String bop = op.substring(0, op.length() - 1);
    if (target.type() instanceof CType.Int t) {
      switch (bop) {
        case "<<", ">>" -> {
          return target.code() + " " + op + " " + strip(shiftAmount(value).code());
        }
        case "&", "|", "^" -> {
          return target.code() + " " + op + " " + strip(coerce(value, t).code());
        }
        default -> {}
      }
      Ex combined = arithmetic(bop, target, value);
      Ex back = coerce(combined, t);
      if (t.signed()
          && t.bits() >= 32
          && value.type() instanceof CType.Int vt
          && intType(vt).equals(t)
          && !bop.equals("/")
          && !bop.equals("%")) {
        return target.code() + " " + op + " " + strip(value.code());
      }
      if (t.signed() && t.bits() >= 32 && value.literal() != null) {
        return target.code() + " " + op + " " + strip(coerce(value, t).code());
      }
      return target.code() + " = " + strip(back.code());
    }
    throw new Unsupported("compound assignment to " + CType.describe(target.type()));
  }

  /** An assignable place. */
  private Ex lvalue(CNode n) {
    switch (n.type()) {
      case "identifier":
        {
          Var v = vars.get(n.text());
          if (v == null) {
            throw new Unsupported("assignment to unknown '" + n.text() + "'");
          }
          return switch (v.kind()) {
            case VALUE, OUT, CURSOR -> Ex.of(v.rust(), v.type());
            case INOUT -> Ex.of("*" + v.rust(), v.type());
            default -> throw new Unsupported("assignment to pointer '" + n.text() + "'");
          };
        }
      case "pointer_expression":
        {
          if (!n.operator().equals("*")) {
            throw new Unsupported("assignment through " + n.text());
          }
          CNode a = n.child("argument").orElseThrow();
          Var v = a.is("identifier") ? vars.get(a.text()) : null;
          if (v != null && v.kind() == Kind.OUT) {
            return Ex.of(v.rust(), v.type());
          }
          if (v != null && v.kind() == Kind.INOUT) {
            return Ex.of("*" + v.rust(), v.type());
          }
          if (v != null
              && (v.kind() == Kind.SLICE || v.kind() == Kind.VEC || v.kind() == Kind.ARRAY)) {
            return Ex.of(v.rust() + "[0]", ((CType.Array) v.type()).elem());
          }
          throw new Unsupported("assignment through pointer " + n.text());
        }
      case "subscript_expression":
      case "field_expression":
        return expr(n);
      case "parenthesized_expression":
        return lvalue(n.named().get(0));
      default:
        throw new Unsupported("assignment to " + n.type());
    }
  }

  // ---------------------------------------------------------------- expressions

  private String condition(CNode cond) {
    CNode c = cond.is("parenthesized_expression") ? cond.named().get(0) : cond;
    return strip(coerce(expr(c), CType.BOOL).code());
  }

  /**
   * True or false when a condition only tests references against NULL (always non-null in Rust).
   */
  private Boolean constCondition(CNode n) {
    switch (n.type()) {
      case "parenthesized_expression":
        return n.named().isEmpty() ? null : constCondition(n.named().get(0));
      case "number_literal":
        {
          Long v = CFrontEnd.parseInt(n.text());
          return v == null ? null : v != 0;
        }
      case "true":
        return true;
      case "identifier":
        {
          Var v = vars.get(n.text());
          return v != null && isReference(v) ? Boolean.TRUE : null;
        }
      case "unary_expression":
        {
          if (n.operator().equals("!")) {
            Boolean b = constCondition(n.child("argument").orElseThrow());
            return b == null ? null : !b;
          }
          return null;
        }
      case "binary_expression":
        {
          String op = n.operator();
          CNode l = n.child("left").orElseThrow();
          CNode r = n.child("right").orElseThrow();
          if (op.equals("==") || op.equals("!=")) {
            boolean lref =
                l.is("identifier") && vars.get(l.text()) != null && isReference(vars.get(l.text()));
            boolean rnull = isNull(r);
            if (lref && rnull) {
              return op.equals("!=");
            }
            return null;
          }
          if (op.equals("&&") || op.equals("||")) {
            Boolean a = constCondition(l);
            Boolean b = constCondition(r);
            if (op.equals("&&")) {
              if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
                return false;
              }
              return a != null && b != null ? Boolean.TRUE : null;
            }
            if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
              return true;
            }
            return a != null && b != null ? Boolean.FALSE : null;
          }
          return null;
        }
      default:
        return null;
    }
  }

  private static boolean isReference(Var v) {
    return v.kind() == Kind.SLICE
        || v.kind() == Kind.STR
        || v.kind() == Kind.OUT
        || v.kind() == Kind.INOUT
        || v.kind() == Kind.STRUCT_REF
        || v.kind() == Kind.VEC;
  }

  private static boolean isNull(CNode n) {
    String t = n.text().replaceAll("\\s+", "");
    return t.equals("((void*)0)") || t.equals("0") || t.equals("NULL") || t.equals("(void*)0");
  }

  Ex expr(CNode n) {
    switch (n.type()) {
      case "number_literal":
        {
          Long v = CFrontEnd.parseInt(n.text());
          if (v == null) {
            throw new Unsupported("literal " + n.text());
          }
          return literalEx(v, literalType(n.text(), v));
        }
      case "char_literal":
        {
          Long v = charValue(n.text());
          if (v == null) {
            throw new Unsupported("character literal " + n.text());
          }
          return literalEx(v, CType.INT);
        }
      case "true":
        return Ex.of("true", CType.BOOL);
      case "false":
        return Ex.of("false", CType.BOOL);
      case "parenthesized_expression":
        return expr(n.named().get(0));
      case "identifier":
        return identifier(n);
      case "binary_expression":
        return binary(n);
      case "unary_expression":
        return unary(n);
      case "pointer_expression":
        {
          if (!n.operator().equals("*")) {
            throw new Unsupported("address-of outside a call: " + n.text());
          }
          CNode a = n.child("argument").orElseThrow();
          Var v = a.is("identifier") ? vars.get(a.text()) : null;
          if (v == null) {
            throw new Unsupported("dereference of " + a.text());
          }
          if (v.kind() == Kind.CURSOR) {
            return cursorElement(cursors.get(a.text()), v.rust());
          }
          return switch (v.kind()) {
            case OUT -> Ex.of(v.rust(), v.type());
            case INOUT -> Ex.of("*" + v.rust(), v.type());
            case STR -> Ex.of(v.rust() + ".as_bytes().first().copied().unwrap_or(0)", CType.U8);
            case SLICE, ARRAY, VEC -> Ex.of(v.rust() + "[0]", ((CType.Array) v.type()).elem());
            default -> throw new Unsupported("dereference of " + a.text());
          };
        }
      case "subscript_expression":
        return subscript(n);
      case "field_expression":
        {
          CNode a = n.child("argument").orElseThrow();
          String field = n.child("field").orElseThrow().text();
          Ex base = expr(a);
          if (!(base.type() instanceof CType.Struct st)) {
            throw new Unsupported("field access on " + CType.describe(base.type()));
          }
          CStruct s = program.structs().get(st.cName());
          CType ft =
              s.fields().stream()
                  .filter(f -> field.equals(f.name()))
                  .map(CStruct.Field::type)
                  .findFirst()
                  .orElseThrow(() -> new Unsupported("unknown field " + field));
          return Ex.of(base.code() + "." + Names.ident(field), ft);
        }
      case "conditional_expression":
        {
          String c = strip(coerce(expr(n.child("condition").orElseThrow()), CType.BOOL).code());
          Ex a = expr(n.child("consequence").orElseThrow());
          Ex b = expr(n.child("alternative").orElseThrow());
          CType t =
              a.type() instanceof CType.Int ai && b.type() instanceof CType.Int bi
                  ? (a.literal() != null && b.literal() == null
                      ? bi
                      : b.literal() != null && a.literal() == null ? ai : CType.common(ai, bi))
                  : a.type();
          return Ex.op(
              "if "
                  + c
                  + " { "
                  + strip(coerce(a, t).code())
                  + " } else { "
                  + strip(coerce(b, t).code())
                  + " }",
              t);
        }
      case "cast_expression":
        {
          CNode td = n.child("type").orElseThrow();
          if (td.child("declarator").isPresent()) {
            throw new Unsupported("pointer cast " + n.text());
          }
          CType t = baseType(td);
          Ex v = expr(n.child("value").orElseThrow());
          return coerce(v, t);
        }
      case "call_expression":
        return call(n);
      case "sizeof_expression":
        {
          CNode t = n.child("type").orElse(null);
          if (t != null && t.child("declarator").isEmpty()) {
            CType ct = baseType(t);
            if (ct instanceof CType.Int i) {
              return literalEx(i.bits() / 8, CType.USIZE);
            }
          }
          throw new Unsupported("sizeof " + n.text());
        }
      case "string_literal":
        return Ex.of(n.text(), new CType.Other("string literal"));
      case "assignment_expression":
      case "update_expression":
        throw new Unsupported("assignment inside an expression: " + n.text());
      default:
        throw new Unsupported("expression " + n.type() + " (" + abbreviate(n.text()) + ")");
    }
  }

  private static String abbreviate(String s) {
    String t = s.replaceAll("\\s+", " ");
    return t.length() > 40 ? t.substring(0, 40) + "…" : t;
  }

  private Ex identifier(CNode n) {
    Var v = vars.get(n.text());
    if (v != null) {
      return switch (v.kind()) {
        case VALUE, OUT -> Ex.of(v.rust(), v.type());
        case INOUT -> Ex.of("*" + v.rust(), v.type());
        case CURSOR ->
            throw new Unsupported("pointer '" + n.text() + "' used other than to walk its string");
        default -> Ex.of(v.rust(), v.type());
      };
    }
    // a slice's length parameter
    for (Arg a : sig.args()) {
      if (a instanceof Arg.Len l && l.name().equals(n.text())) {
        return coerce(Ex.of(Names.ident(l.sliceName()) + ".len()", CType.USIZE), l.type());
      }
    }
    for (CConstant c : program.constants()) {
      if (c.name().equals(n.text())) {
        return new Ex(Names.constant(c.name()), c.type(), true, null);
      }
    }
    for (CTable t : program.tables()) {
      if (t.name().equals(n.text())) {
        rules.add("const table → const array");
        return Ex.of(
            Names.constant(t.name()), new CType.Array(t.elem(), String.valueOf(t.values().size())));
      }
    }
    throw new Unsupported("unknown identifier '" + n.text() + "'");
  }

  private Ex literalEx(long v, CType.Int t) {
    return new Ex(v < 0 ? "-" + (-v) : String.valueOf(v), t, v >= 0, v);
  }

  static CType.Int literalType(String text, long v) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    boolean u = lower.contains("u");
    boolean l = lower.endsWith("l") || lower.endsWith("lu") || lower.endsWith("ul");
    boolean hex = lower.startsWith("0x") || (lower.startsWith("0") && lower.length() > 1);
    if (!l && !u && v <= Integer.MAX_VALUE) {
      return CType.INT;
    }
    if (!l && (u || hex) && v <= 0xFFFFFFFFL) {
      return new CType.Int("u32", 32, false);
    }
    return u ? new CType.Int("u64", 64, false) : new CType.Int("i64", 64, true);
  }

  static Long charValue(String text) {
    String s = text.substring(1, text.length() - 1);
    if (s.length() == 1) {
      return (long) s.charAt(0);
    }
    if (s.startsWith("\\")) {
      return switch (s) {
        case "\\n" -> 10L;
        case "\\t" -> 9L;
        case "\\r" -> 13L;
        case "\\0" -> 0L;
        case "\\\\" -> 92L;
        case "\\'" -> 39L;
        case "\\\"" -> 34L;
        case "\\v" -> 11L;
        case "\\f" -> 12L;
        case "\\a" -> 7L;
        case "\\b" -> 8L;
        default -> s.startsWith("\\x") ? Long.parseLong(s.substring(2), 16) : null;
      };
    }
    return null;
  }

  private static CType.Int intType(CType t) {
    if (t instanceof CType.Int i) {
      return i;
    }
    if (t instanceof CType.Bool) {
      return CType.INT;
    }
    throw new Unsupported("arithmetic on " + CType.describe(t));
  }

  private Ex binary(CNode n) {
    String op = n.operator();
    CNode ln = n.child("left").orElseThrow();
    CNode rn = n.child("right").orElseThrow();
    if (op.equals("&&") || op.equals("||")) {
      Ex l = coerce(expr(ln), CType.BOOL);
      Ex r = coerce(expr(rn), CType.BOOL);
      String range = op.equals("&&") ? rangeContains(l, r, ln, rn) : outsideRange(ln, rn);
      if (range != null) {
        return Ex.of(range, CType.BOOL);
      }
      return Ex.op(logicalOperand(l, op) + " " + op + " " + logicalOperand(r, op), CType.BOOL);
    }
    Ex pointers = cursorDifference(op, strip(ln), strip(rn));
    if (pointers != null) {
      return pointers;
    }
    Ex l = expr(ln);
    Ex r = expr(rn);
    return switch (op) {
      case "+", "-", "*", "/", "%" -> arithmetic(op, l, r);
      case "<<", ">>" -> {
        CType.Int t = intType(l.type()).promoted();
        Ex lc = coerce(l, t);
        yield Ex.op(lc.wrapped() + " " + op + " " + shiftAmount(r).wrapped(), t);
      }
      case "&", "|", "^" -> {
        CType.Int t = narrowedCommon(l, r);
        yield Ex.op(coerce(l, t).wrapped() + " " + op + " " + coerce(r, t).wrapped(), t);
      }
      case "==", "!=", "<", ">", "<=", ">=" -> comparison(op, l, r);
      default -> throw new Unsupported("operator " + op);
    };
  }

  /**
   * {@code p - s} and {@code p - q} for cursors over one base: the distance, as C's ptrdiff_t; a
   * cursor compared with another cursor over the same base compares the indices. Null otherwise.
   */
  private Ex cursorDifference(String op, CNode ln, CNode rn) {
    if (!ln.is("identifier") || !rn.is("identifier") || !cursors.containsKey(ln.text())) {
      return null;
    }
    Cursor c = cursors.get(ln.text());
    String l = vars.get(ln.text()).rust();
    String r;
    if (cursors.containsKey(rn.text()) && cursors.get(rn.text()).base().equals(c.base())) {
      r = vars.get(rn.text()).rust();
    } else if (vars.get(rn.text()) != null && vars.get(rn.text()).equals(c.base())) {
      r = null;
    } else {
      return null;
    }
    CType.Int diff = new CType.Int("isize", 64, true);
    return switch (op) {
      case "-" ->
          r == null
              ? Ex.op(l + " as isize", diff)
              : Ex.op("(" + l + " as isize - " + r + " as isize)", diff);
      case "==", "!=", "<", ">", "<=", ">=" ->
          Ex.op(l + " " + op + " " + (r == null ? "0" : r), CType.BOOL);
      default -> null;
    };
  }

  private static String logicalOperand(Ex e, String op) {
    // && inside || reads fine; || inside && needs its parentheses
    if (e.atomic() || !e.code().contains("||") || op.equals("||")) {
      return e.code();
    }
    return "(" + e.code() + ")";
  }

  /** x >= lo && x <= hi → (lo..=hi).contains(&x), which Clippy asks for. */
  private String rangeContains(Ex l, Ex r, CNode ln, CNode rn) {
    CNode a = strip(ln);
    CNode b = strip(rn);
    if (!a.is("binary_expression") || !b.is("binary_expression")) {
      return null;
    }
    String oa = a.operator();
    String ob = b.operator();
    if (!(oa.equals(">=") && (ob.equals("<=") || ob.equals("<")))) {
      return null;
    }
    CNode x1 = a.child("left").orElseThrow();
    CNode x2 = b.child("left").orElseThrow();
    if (!x1.text().equals(x2.text())
        || !x1.is("identifier") && !x1.is("subscript_expression") && !x1.is("field_expression")) {
      return null;
    }
    Ex x = expr(x1);
    Ex lo = expr(a.child("right").orElseThrow());
    Ex hi = expr(b.child("right").orElseThrow());
    if (lo.literal() == null || hi.literal() == null || !(x.type() instanceof CType.Int xt)) {
      return null;
    }
    if (!fits(lo.literal(), xt) || !fits(hi.literal(), xt)) {
      return null;
    }
    String dots = ob.equals("<=") ? "..=" : "..";
    return "("
        + literal(lo.literal(), xt)
        + dots
        + literal(hi.literal(), xt)
        + ").contains(&"
        + x.code()
        + ")";
  }

  /** x < lo || x >= hi → !(lo..hi).contains(&x). */
  private String outsideRange(CNode ln, CNode rn) {
    CNode a = strip(ln);
    CNode b = strip(rn);
    if (!a.is("binary_expression") || !b.is("binary_expression") || !a.operator().equals("<")) {
      return null;
    }
    String ob = b.operator();
    if (!(ob.equals(">=") || ob.equals(">"))) {
      return null;
    }
    CNode x1 = a.child("left").orElseThrow();
    CNode x2 = b.child("left").orElseThrow();
    if (!x1.text().equals(x2.text()) || !x1.is("identifier")) {
      return null;
    }
    Ex x = expr(x1);
    Ex lo = expr(a.child("right").orElseThrow());
    Ex hi = expr(b.child("right").orElseThrow());
    if (lo.literal() == null
        || hi.literal() == null
        || !(x.type() instanceof CType.Int xt)
        || !fits(lo.literal(), xt)
        || !fits(hi.literal(), xt)) {
      return null;
    }
    String dots = ob.equals(">=") ? ".." : "..=";
    return "!("
        + literal(lo.literal(), xt)
        + dots
        + literal(hi.literal(), xt)
        + ").contains(&"
        + x.code()
        + ")";
  }

  private static CNode strip(CNode n) {
    return n.is("parenthesized_expression") ? strip(n.named().get(0)) : n;
  }

  private static String strip(String code) {
    return code;
  }

  private Ex shiftAmount(Ex r) {
    if (r.literal() != null) {
      return r;
    }
    if (r.type() instanceof CType.Bool) {
      return coerce(r, new CType.Int("u32", 32, false));
    }
    return r;
  }

  private CType.Int narrowedCommon(Ex l, Ex r) {
    CType.Int lt = intType(l.type());
    CType.Int rt = intType(r.type());
    if (r.literal() != null && l.literal() == null && fits(r.literal(), lt)) {
      return lt;
    }
    if (l.literal() != null && r.literal() == null && fits(l.literal(), rt)) {
      return rt;
    }
    if (lt.equals(rt)) {
      return lt;
    }
    return CType.common(lt, rt);
  }

  private Ex arithmetic(String op, Ex l, Ex r) {
    CType.Int t = CType.common(intType(l.type()), intType(r.type()));
    if (l.literal() != null && r.literal() != null) {
      // constant folding: macros expand to literal arithmetic such as 4 * 32
      Long v =
          switch (op) {
            case "+" -> l.literal() + r.literal();
            case "-" -> l.literal() - r.literal();
            case "*" -> l.literal() * r.literal();
            case "/" -> r.literal() == 0 ? null : l.literal() / r.literal();
            case "%" -> r.literal() == 0 ? null : l.literal() % r.literal();
            default -> null;
          };
      if (v != null && fits(v, t)) {
        return literalEx(v, t);
      }
    }
    Ex lc = coerce(l, t);
    Ex rc = coerce(r, t);
    if (!t.signed() && (op.equals("+") || op.equals("-") || op.equals("*"))) {
      String m =
          switch (op) {
            case "+" -> "wrapping_add";
            case "-" -> "wrapping_sub";
            default -> "wrapping_mul";
          };
      String recv = lc.literal() != null ? lc.literal() + "_" + t.rust() : lc.wrapped();
      rules.add("unsigned arithmetic wraps as in C");
      return Ex.of(recv + "." + m + "(" + strip(rc.code()) + ")", t);
    }
    return Ex.op(lc.wrapped() + " " + op + " " + rc.wrapped(), t);
  }

  private Ex comparison(String op, Ex l, Ex r) {
    if (l.type() instanceof CType.Bool && r.type() instanceof CType.Bool) {
      return Ex.op(l.wrapped() + " " + op + " " + r.wrapped(), CType.BOOL);
    }
    CType.Int t = narrowedCommon(l, r);
    Ex lc = coerce(l, t);
    Ex rc = coerce(r, t);
    if ((op.equals("==") || op.equals("!="))
        && Long.valueOf(0).equals(rc.literal())
        && lc.code().endsWith(".len()")) {
      String base = lc.code().substring(0, lc.code().length() - ".len()".length());
      return Ex.op((op.equals("==") ? "" : "!") + base + ".is_empty()", CType.BOOL);
    }
    return Ex.op(lc.wrapped() + " " + op + " " + rc.wrapped(), CType.BOOL);
  }

  private Ex unary(CNode n) {
    String op = n.operator();
    Ex a = expr(n.child("argument").orElseThrow());
    switch (op) {
      case "!":
        {
          if (a.type() instanceof CType.Int && a.literal() == null) {
            // !x on an integer is x == 0 (Clippy refuses the longer !(x != 0))
            return Ex.op(a.wrapped() + " == 0", CType.BOOL);
          }
          Ex b = coerce(a, CType.BOOL);
          return Ex.of("!" + b.wrapped(), CType.BOOL);
        }
      case "-":
        {
          if (a.literal() != null) {
            return literalEx(-a.literal(), intType(a.type()));
          }
          CType.Int t = intType(a.type()).promoted();
          Ex c = coerce(a, t);
          if (!t.signed()) {
            return Ex.of(c.wrapped() + ".wrapping_neg()", t);
          }
          return Ex.op("-" + c.wrapped(), t);
        }
      case "+":
        return coerce(a, intType(a.type()).promoted());
      case "~":
        {
          CType.Int t = intType(a.type()).promoted();
          Ex c = coerce(a, t);
          if (c.literal() != null) {
            return Ex.op("!" + c.literal() + "_" + t.rust(), t);
          }
          return Ex.op("!" + c.wrapped(), t);
        }
      default:
        throw new Unsupported("unary " + op);
    }
  }

  private Ex subscript(CNode n) {
    CNode an = n.child("argument").orElseThrow();
    Ex index = expr(n.child("index").orElseThrow());
    String idx = strip(coerce(index, CType.USIZE).code());
    if (an.is("identifier") && cursors.containsKey(an.text())) {
      String at = vars.get(an.text()).rust();
      return cursorElement(
          cursors.get(an.text()),
          index.literal() != null && index.literal() == 0
              ? at
              : at + " + " + coerce(index, CType.USIZE).wrapped());
    }
    if (an.is("identifier")
        && vars.get(an.text()) != null
        && vars.get(an.text()).kind() == Kind.STR) {
      // reading a C string at its length yields the terminating NUL; in Rust that read is a 0
      rules.add("string index reads the terminator as 0");
      return strByte(
          vars.get(an.text()).rust(), index.literal() != null && index.literal() == 0 ? null : idx);
    }
    Ex base = expr(an);
    if (!(base.type() instanceof CType.Array arr)) {
      throw new Unsupported("indexing " + CType.describe(base.type()));
    }
    return Ex.of(base.code() + "[" + idx + "]", arr.elem());
  }

  /** The byte of a string at an index (null: the first), 0 at or past its end as C reads it. */
  private static Ex strByte(String str, String idx) {
    return Ex.of(
        str
            + ".as_bytes()."
            + (idx == null ? "first()" : "get(" + idx + ")")
            + ".copied().unwrap_or(0)",
        CType.U8);
  }

  private Ex call(CNode n) {
    String f = n.child("function").map(CNode::text).orElse("");
    List<CNode> args = n.child("arguments").orElseThrow().named();
    switch (f) {
      case "strlen":
        {
          Var v = args.size() == 1 ? vars.get(args.get(0).text()) : null;
          if (v == null || v.kind() != Kind.STR) {
            throw new Unsupported("strlen of something that is not a string parameter");
          }
          return Ex.of(v.rust() + ".len()", CType.USIZE);
        }
      case "isdigit",
      "isalpha",
      "isalnum",
      "isupper",
      "islower",
      "isxdigit",
      "ispunct",
      "isspace",
      "isprint":
        {
          Ex a = coerce(expr(args.get(0)), CType.U8);
          String m =
              switch (f) {
                case "isdigit" -> ".is_ascii_digit()";
                case "isalpha" -> ".is_ascii_alphabetic()";
                case "isalnum" -> ".is_ascii_alphanumeric()";
                case "isupper" -> ".is_ascii_uppercase()";
                case "islower" -> ".is_ascii_lowercase()";
                case "isxdigit" -> ".is_ascii_hexdigit()";
                case "ispunct" -> ".is_ascii_punctuation()";
                case "isprint" -> null;
                default -> null;
              };
          rules.add("<ctype.h> → u8 ASCII methods");
          if (f.equals("isspace")) {
            // C's isspace also accepts \v, which is_ascii_whitespace does not
            return Ex.of("matches!(" + strip(a.code()) + ", b' ' | 9..=13)", CType.BOOL);
          }
          if (f.equals("isprint")) {
            return Ex.of("(32..=126).contains(&" + a.wrapped() + ")", CType.BOOL);
          }
          return Ex.of(a.wrapped() + m, CType.BOOL);
        }
      case "toupper", "tolower":
        {
          Ex a = coerce(expr(args.get(0)), CType.U8);
          return Ex.of(
              a.wrapped()
                  + (f.equals("toupper") ? ".to_ascii_uppercase()" : ".to_ascii_lowercase()"),
              CType.U8);
        }
      default:
        break;
    }
    PortSignature callee = signatures.get(f);
    if (callee == null) {
      throw new Unsupported(
          program.function(f).isPresent()
              ? "calls " + f + ", which is not ported yet"
              : "calls " + f + ", which is not part of the project");
    }
    if (!callee.outs().isEmpty()) {
      throw new Unsupported(
          "calls " + f + ", whose out-parameters would need a destructuring call");
    }
    List<String> out = new ArrayList<>();
    int ai = 0;
    for (Arg a : callee.args()) {
      if (ai >= args.size()) {
        throw new Unsupported("call to " + f + " with too few arguments");
      }
      CNode given = args.get(ai++);
      switch (a) {
        case Arg.Scalar s -> out.add(strip(coerce(expr(given), s.type()).code()));
        case Arg.Slice s -> {
          CNode lenArg = args.get(ai);
          out.add(sliceArg(given, lenArg, s));
        }
        case Arg.Len l -> {}
        case Arg.Str s -> {
          Var v = given.is("identifier") ? vars.get(given.text()) : null;
          if (given.is("string_literal")) {
            out.add(given.text());
          } else if (v != null && v.kind() == Kind.STR) {
            out.add(v.rust());
          } else {
            throw new Unsupported("string argument " + given.text());
          }
        }
        case Arg.StructRef s -> {
          Var v = given.is("identifier") ? vars.get(given.text()) : null;
          if (v != null && v.kind() == Kind.STRUCT_REF) {
            out.add(v.rust());
          } else {
            throw new Unsupported("struct argument " + given.text());
          }
        }
        case Arg.Linked l -> {
          Var v = given.is("identifier") ? vars.get(given.text()) : null;
          if (l.owned() && v != null && v.kind() == Kind.LIST) {
            out.add(v.rust());
          } else if (!l.owned() && v != null && v.kind() == Kind.LIST) {
            out.add("&" + v.rust());
          } else if (!l.owned() && v != null && v.kind() == Kind.LIST_REF) {
            out.add(v.rust());
          } else {
            throw new Unsupported("list argument " + given.text());
          }
        }
        case Arg.InOut s -> throw new Unsupported("in-out argument in a call to " + f);
        case Arg.Out o -> throw new Unsupported("out argument in a call to " + f);
      }
    }
    CType rt = callee.returnType();
    return Ex.of(callee.rustName() + "(" + String.join(", ", out) + ")", rt);
  }

  private String sliceArg(CNode given, CNode lenArg, Arg.Slice s) {
    Var v = given.is("identifier") ? vars.get(given.text()) : null;
    if (v == null || !(v.kind() == Kind.SLICE || v.kind() == Kind.ARRAY || v.kind() == Kind.VEC)) {
      throw new Unsupported("slice argument " + given.text());
    }
    String whole;
    if (v.kind() == Kind.SLICE) {
      whole = v.rust();
      for (Arg a : sig.args()) {
        if (a instanceof Arg.Len l
            && l.sliceName().equals(given.text())
            && l.name().equals(lenArg.text())) {
          return whole;
        }
      }
    }
    String len = strip(coerce(expr(lenArg), CType.USIZE).code());
    return (s.mutable() ? "&mut " : "&") + v.rust() + "[.." + len + "]";
  }

  /** Converts an expression to a type by C's rules, with no cast where none is needed. */
  Ex coerce(Ex e, CType to) {
    CType from = e.type();
    if (to instanceof CType.Bool) {
      if (from instanceof CType.Bool) {
        return e;
      }
      if (e.literal() != null) {
        return Ex.of(e.literal() != 0 ? "true" : "false", CType.BOOL);
      }
      if (from instanceof CType.Int) {
        return Ex.op(e.wrapped() + " != 0", CType.BOOL);
      }
      throw new Unsupported("truth value of " + CType.describe(from));
    }
    if (to instanceof CType.Int ti) {
      if (from instanceof CType.Bool) {
        return Ex.of(ti.rust() + "::from(" + e.code() + ")", ti);
      }
      if (e.literal() != null) {
        long v = e.literal();
        if (fits(v, ti)) {
          return new Ex(literal(v, ti), ti, v >= 0, v);
        }
        return Ex.op("(" + v + "_i64 as " + ti.rust() + ")", ti);
      }
      if (from instanceof CType.Int fi) {
        if (fi.rust().equals(ti.rust())) {
          return e;
        }
        return Ex.op(e.wrapped() + " as " + ti.rust(), ti);
      }
      throw new Unsupported("conversion of " + CType.describe(from) + " to " + ti.rust());
    }
    return e;
  }

  private static boolean fits(long v, CType.Int t) {
    if (t.bits() == 64) {
      return t.signed() || v >= 0;
    }
    return v >= t.min() && v <= t.max();
  }

  private static String literal(long v, CType.Int t) {
    if (t.rust().equals("u8") && v >= 32 && v < 127 && v != '\'' && v != '\\') {
      return "b'" + (char) v + "'";
    }
    return String.valueOf(v);
  }

  private String swap(CNode a, CNode b, CNode c) {
    // tmp = x[i]; x[i] = x[j]; x[j] = tmp;  is a swap of two elements
    String[] s1 = assignParts(a);
    String[] s2 = assignParts(b);
    String[] s3 = assignParts(c);
    if (s1 == null || s2 == null || s3 == null) {
      return null;
    }
    if (!s2[0].equals(s1[1]) || !s3[0].equals(s2[1]) || !s3[1].equals(s1[0])) {
      return null;
    }
    CNode l = b.named().get(0).child("left").orElseThrow();
    CNode r = b.named().get(0).child("right").orElseThrow();
    if (!l.is("subscript_expression") || !r.is("subscript_expression")) {
      return null;
    }
    CNode base = l.child("argument").orElseThrow();
    if (!base.is("identifier") || !base.text().equals(r.child("argument").orElseThrow().text())) {
      return null;
    }
    Var v = vars.get(base.text());
    Var tmp = vars.get(s1[0]);
    if (v == null
        || tmp == null
        || tmp.kind() != Kind.VALUE
        || !(v.kind() == Kind.SLICE || v.kind() == Kind.ARRAY || v.kind() == Kind.VEC)) {
      return null;
    }
    String i = coerce(expr(l.child("index").orElseThrow()), CType.USIZE).code();
    String j = coerce(expr(r.child("index").orElseThrow()), CType.USIZE).code();
    rules.add("manual swap → slice::swap");
    return v.rust() + ".swap(" + i + ", " + j + ");";
  }

  private static final Pattern SUBSCRIPT = Pattern.compile("(\\w+)\\[(.+)]");

  private static String[] assignParts(CNode s) {
    if (!s.is("expression_statement") || s.named().isEmpty()) {
      return null;
    }
    CNode e = s.named().get(0);
    if (!e.is("assignment_expression") || !e.operator().equals("=")) {
      return null;
    }
    return new String[] {
      e.child("left").orElseThrow().text().replaceAll("\\s+", ""),
      e.child("right").orElseThrow().text().replaceAll("\\s+", "")
    };
  }

  // ---------------------------------------------------------------- usage scans

  /** Variables assigned, incremented or passed where a mutable borrow is taken. */
  private Set<String> mutatedRoots(CNode body) {
    Set<String> out = new HashSet<>();
    body.walk(n -> {
      if (n.is("assignment_expression")) {
        root(n.child("left").orElseThrow()).ifPresent(out::add);
      } else if (n.is("update_expression")) {
        root(n.child("argument").orElseThrow()).ifPresent(out::add);
      } else if (n.is("call_expression")) {
        PortSignature callee = signatures.get(n.child("function").map(CNode::text).orElse(""));
        if (callee != null) {
          List<CNode> args = n.child("arguments").orElseThrow().named();
          for (int i = 0; i < Math.min(args.size(), callee.args().size()); i++) {
            Arg a = callee.args().get(i);
            if (a instanceof Arg.Slice s && s.mutable()
                || a instanceof Arg.StructRef r && r.mutable()) {
              root(args.get(i)).ifPresent(out::add);
            }
          }
        }
      }
    });
    return out;
  }

  private static Optional<String> root(CNode n) {
    return switch (n.type()) {
      case "identifier" -> Optional.of(n.text());
      case "subscript_expression", "field_expression", "pointer_expression" ->
          root(n.child("argument").orElseThrow());
      case "parenthesized_expression" -> root(n.named().get(0));
      default -> Optional.empty();
    };
  }

  static boolean assigned(CNode body, String name) {
    boolean[] hit = {false};
    body.walk(n -> {
      if (n.is("assignment_expression")
          && n.child("left").map(l -> l.is("identifier") && l.text().equals(name)).orElse(false)) {
        hit[0] = true;
      }
      if (n.is("update_expression")
          && n.child("argument")
              .map(l -> l.is("identifier") && l.text().equals(name))
              .orElse(false)) {
        hit[0] = true;
      }
    });
    return hit[0];
  }

  /** The parameter appears only as *p (or in a NULL test). */
  static boolean onlyDereferenced(CNode body, String name) {
    boolean[] ok = {true};
    check(body, name, null, ok);
    return ok[0];
  }

  private static void check(CNode n, String name, CNode parent, boolean[] ok) {
    if (n.is("identifier") && n.text().equals(name)) {
      boolean deref =
          parent != null && parent.is("pointer_expression") && parent.operator().equals("*");
      boolean nullTest =
          parent != null
              && (parent.is("unary_expression") && parent.operator().equals("!")
                  || parent.is("binary_expression")
                      && (parent.operator().equals("==") || parent.operator().equals("!="))
                  || parent.is("parenthesized_expression")
                  || parent.is("if_statement"));
      if (!deref && !nullTest) {
        ok[0] = false;
      }
      return;
    }
    for (CNode c : n.children()) {
      check(c, name, n, ok);
    }
  }

  /** *p is read somewhere other than as the target of a plain assignment. */
  static boolean readThrough(CNode body, String name) {
    boolean[] read = {false};
    body.walk(n -> {
      if (n.is("pointer_expression")
          && n.operator().equals("*")
          && n.child("argument").map(a -> a.text().equals(name)).orElse(false)) {
        read[0] = true;
      }
    });
    if (!read[0]) {
      return false;
    }
    // every deref that is the left side of '=' is a write; count the others
    int[] derefs = {0};
    int[] writes = {0};
    body.walk(n -> {
      if (n.is("pointer_expression")
          && n.operator().equals("*")
          && n.child("argument").map(a -> a.text().equals(name)).orElse(false)) {
        derefs[0]++;
      }
      if (n.is("assignment_expression") && n.operator().equals("=")) {
        CNode l = n.child("left").orElseThrow();
        if (l.is("pointer_expression")
            && l.child("argument").map(a -> a.text().equals(name)).orElse(false)) {
          writes[0]++;
        }
      }
    });
    return derefs[0] > writes[0];
  }

  /** Every identifier a function body names, for tests. */
  static Set<String> identifiers(CNode body) {
    Set<String> out = new HashSet<>();
    body.walk(n -> {
      if (n.is("identifier")) {
        out.add(n.text());
      }
    });
    return out;
  }
}
