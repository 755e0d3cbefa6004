package dev.bulwark.port.c;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterC;

/**
 * Reads a C project: each {@code .c} file goes through the system preprocessor ({@code gcc -E}),
 * the result is parsed with the tree-sitter C grammar, and the definitions that come from the
 * project's own files (not from system headers) become a {@link CProgram}.
 */
public final class CFrontEnd {
  /** Preprocessed units larger than this are refused rather than parsed. */
  static final int MAX_UNIT_BYTES = 16 << 20;

  private final Map<String, CType> typedefs = new LinkedHashMap<>();
  private final Map<String, CStruct> structs = new LinkedHashMap<>();
  private final Map<String, CFunction> functions = new LinkedHashMap<>();
  private final List<CConstant> constants = new ArrayList<>();
  private final List<CTable> tables = new ArrayList<>();
  private final List<String> enums = new ArrayList<>();

  private String anonName;

  private CFrontEnd() {}

  public static CProgram parse(Path srcDir)
      throws InputException, IOException, InterruptedException {
    if (!Files.isDirectory(srcDir)) {
      throw new InputException(srcDir + ": not a directory of C sources");
    }
    List<Path> units;
    try (Stream<Path> s = Files.walk(srcDir, 8)) {
      units = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
    }
    if (units.isEmpty()) {
      throw new InputException(srcDir + ": no .c files");
    }
    CFrontEnd fe = new CFrontEnd();
    for (Path unit : units) {
      Preprocessed pp = preprocess(srcDir, unit);
      fe.read(pp, srcDir);
    }
    return new CProgram(
        List.copyOf(fe.functions.values()),
        fe.structs,
        fe.constants,
        fe.tables,
        fe.enums,
        fe.typedefs);
  }

  /** Parses C text that needs no preprocessing (tests, model prompts). */
  public static CProgram parseText(String text, String file) throws InputException {
    CFrontEnd fe = new CFrontEnd();
    String[] origin = new String[text.split("\n", -1).length + 2];
    for (int i = 0; i < origin.length; i++) {
      origin[i] = file + ":" + i;
    }
    fe.read(new Preprocessed(text, origin), null);
    return new CProgram(
        List.copyOf(fe.functions.values()),
        fe.structs,
        fe.constants,
        fe.tables,
        fe.enums,
        fe.typedefs);
  }

  /** The preprocessed text, and for each line (1-based) the file it came from. */
  record Preprocessed(String text, String[] origin) {}

  static Preprocessed preprocess(Path srcDir, Path unit)
      throws InputException, IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                // __NO_CTYPE keeps isalpha() and friends calls instead of table lookups
                "gcc", "-E", "-std=c11", "-D__NO_CTYPE", "-I", srcDir.toString(), unit.toString())
            .redirectErrorStream(false)
            .start();
    byte[] out;
    byte[] err;
    try (var in = p.getInputStream();
        var es = p.getErrorStream()) {
      out = in.readNBytes(MAX_UNIT_BYTES + 1);
      err = es.readNBytes(64 << 10);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new InputException(unit + ": the preprocessor did not finish in 60 s");
    }
    if (p.exitValue() != 0) {
      throw new InputException(
          unit + ": gcc -E failed: " + new String(err, StandardCharsets.UTF_8).strip());
    }
    if (out.length > MAX_UNIT_BYTES) {
      throw new InputException(unit + ": preprocessed unit exceeds " + MAX_UNIT_BYTES + " bytes");
    }
    // Line markers ("# 12 \"file.h\" 2") say where each line came from; they are blanked so that
    // the parser sees plain C, and remembered so that only the project's own definitions are kept.
    String[] lines = new String(out, StandardCharsets.UTF_8).split("\n", -1);
    String[] origin = new String[lines.length + 2];
    String current = unit.toString();
    int srcLine = 1;
    StringBuilder text = new StringBuilder();
    Path root = srcDir.toAbsolutePath().normalize();
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.startsWith("# ") && l.length() > 2 && Character.isDigit(l.charAt(2))) {
        int q1 = l.indexOf('"');
        int q2 = l.lastIndexOf('"');
        if (q1 > 0 && q2 > q1) {
          String f = l.substring(q1 + 1, q2);
          Path fp = Path.of(f).toAbsolutePath().normalize();
          current = fp.startsWith(root) ? root.relativize(fp) + ":" : null;
          srcLine = Integer.parseInt(l.substring(2, l.indexOf(' ', 2)).strip());
        }
        origin[i + 1] = null;
        text.append('\n');
        continue;
      }
      origin[i + 1] = current == null ? null : current + srcLine;
      srcLine++;
      text.append(l).append('\n');
    }
    return new Preprocessed(text.toString(), origin);
  }

  private void read(Preprocessed pp, Path srcDir) throws InputException {
    TSParser parser = new TSParser();
    try {
      parser.setLanguage(new TreeSitterC());
      byte[] bytes = pp.text().getBytes(StandardCharsets.UTF_8);
      TSTree tree = parser.parseString(null, pp.text());
      CNode root = copy(tree.getRootNode(), null, bytes);
      for (CNode top : root.children()) {
        String origin = top.line() < pp.origin().length ? pp.origin()[top.line()] : null;
        boolean own = origin != null;
        if (own && top.is("ERROR")) {
          throw new InputException(
              origin + ": C syntax the parser cannot read: " + abbreviate(top.text()));
        }
        topLevel(top, own, origin);
      }
    } finally {
      parser.close();
    }
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 80 ? one.substring(0, 80) + "…" : one;
  }

  private static CNode copy(TSNode n, String field, byte[] src) {
    List<CNode> kids = new ArrayList<>();
    for (int i = 0; i < n.getChildCount(); i++) {
      kids.add(copy(n.getChild(i), n.getFieldNameForChild(i), src));
    }
    int s = Math.max(0, Math.min(n.getStartByte(), src.length));
    int e = Math.max(s, Math.min(n.getEndByte(), src.length));
    return new CNode(
        n.isMissing() ? "MISSING" : n.getType(),
        field,
        new String(src, s, e - s, StandardCharsets.UTF_8),
        n.getStartPoint().getRow() + 1,
        n.isNamed(),
        kids);
  }

  private void topLevel(CNode top, boolean own, String origin) throws InputException {
    switch (top.type()) {
      case "type_definition" -> {
        CNode typeNode = top.child("type").orElseThrow();
        anonName =
            top.children("declarator").stream()
                .filter(d -> d.is("type_identifier"))
                .map(CNode::text)
                .findFirst()
                .orElse(null);
        CType base = baseType(top, typeNode, own, origin);
        for (CNode d : top.children("declarator")) {
          Declared dd = declarator(base, d);
          if (dd.name() != null) {
            CType t = dd.type();
            if (t instanceof CType.Struct s && own && structs.containsKey(s.cName())) {
              // "typedef struct ring {...} ring_t": both names denote the one Rust struct
              typedefs.put(dd.name(), t);
            } else {
              typedefs.put(dd.name(), t);
            }
          }
        }
      }
      case "struct_specifier", "union_specifier", "enum_specifier" ->
          baseType(top, top, own, origin);
      case "declaration" -> {
        CNode typeNode = top.child("type").orElse(null);
        if (typeNode == null) {
          return;
        }
        CType base = baseType(top, typeNode, own, origin);
        if (!own) {
          return;
        }
        boolean isConst =
            top.children().stream()
                .anyMatch(c -> c.is("type_qualifier") && c.text().equals("const"));
        for (CNode d : top.children("declarator")) {
          if (d.is("init_declarator")
              && isConst
              && base instanceof CType.Int it
              && d.child("declarator").map(x -> x.is("array_declarator")).orElse(false)) {
            table(d, it).ifPresent(tables::add);
            continue;
          }
          if (d.is("init_declarator") && isConst && base instanceof CType.Int it) {
            String name = d.child("declarator").map(CNode::text).orElse(null);
            Long v = constValue(d.child("value").orElse(null));
            if (name != null && v != null) {
              constants.add(new CConstant(name, it, v, null));
            }
          }
        }
      }
      case "function_definition" -> {
        if (!own) {
          return;
        }
        CNode typeNode = top.child("type").orElseThrow();
        CType base = baseType(top, typeNode, own, origin);
        CNode decl = top.child("declarator").orElseThrow();
        CNode fd = decl;
        CType ret = base;
        while (fd.is("pointer_declarator")) {
          ret = new CType.Ptr(ret, isConstQualified(top));
          fd = fd.child("declarator").orElseThrow();
        }
        if (!fd.is("function_declarator")) {
          throw new InputException(origin + ": unexpected function declarator " + fd.type());
        }
        String name = fd.child("declarator").orElseThrow().text();
        List<CFunction.Param> params = new ArrayList<>();
        boolean variadic = false;
        for (CNode p : fd.child("parameters").orElseThrow().children()) {
          if (p.is("variadic_parameter") || p.text().equals("...")) {
            variadic = true;
          } else if (p.is("parameter_declaration")) {
            CNode pt = p.child("type").orElseThrow();
            CType pb = baseType(p, pt, own, origin);
            CNode pd = p.child("declarator").orElse(null);
            if (pd == null) {
              if (!(pb instanceof CType.Void)) {
                params.add(new CFunction.Param("_" + params.size(), pb));
              }
              continue;
            }
            Declared dd = declarator(pb, pd);
            CType t =
                dd.type() instanceof CType.Array a
                    ? new CType.Ptr(a.elem(), isConstQualified(p))
                    : withConst(dd.type(), isConstQualified(p));
            params.add(new CFunction.Param(dd.name() == null ? "_" + params.size() : dd.name(), t));
          }
        }
        String file = origin.substring(0, origin.lastIndexOf(':'));
        int line = Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
        functions.put(
            name,
            new CFunction(
                name,
                ret,
                params,
                variadic,
                top.child("body").orElseThrow(),
                top.text(),
                file,
                line));
      }
      default -> {}
    }
  }

  /**
   * A constant array whose every element is known: a string literal (its bytes and the NUL) or a
   * list of constant expressions, as long as the declared size, if any, holds exactly that many.
   */
  private java.util.Optional<CTable> table(CNode d, CType.Int elem) {
    CNode ad = d.child("declarator").orElseThrow();
    CNode id = ad.child("declarator").orElse(null);
    CNode value = d.child("value").orElse(null);
    if (id == null || !id.is("identifier") || value == null) {
      return java.util.Optional.empty();
    }
    List<Long> values = new ArrayList<>();
    if (value.is("string_literal") && elem.bits() == 8) {
      String body = value.text();
      if (!body.startsWith("\"") || !body.endsWith("\"")) {
        return java.util.Optional.empty();
      }
      for (int k = 1; k < body.length() - 1; k++) {
        char c = body.charAt(k);
        if (c == '\\' || c > 126) {
          // escapes and bytes outside printable ASCII are left to a reader that decodes them
          return java.util.Optional.empty();
        }
        values.add((long) c);
      }
      values.add(0L);
    } else if (value.is("initializer_list")) {
      for (CNode v : value.named()) {
        Long x = constValue(v);
        if (x == null) {
          return java.util.Optional.empty();
        }
        values.add(x);
      }
    } else {
      return java.util.Optional.empty();
    }
    String size = ad.child("size").map(CNode::text).orElse(null);
    if (size != null && !Long.valueOf(values.size()).equals(parseInt(size))) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new CTable(id.text(), elem, values));
  }

  /** Marks a pointer's pointee const ("const char *s"). */
  public static CType withConst(CType t, boolean isConst) {
    return isConst && t instanceof CType.Ptr p ? new CType.Ptr(p.target(), true) : t;
  }

  public static boolean isConstQualified(CNode decl) {
    return decl.children().stream()
        .anyMatch(c -> c.is("type_qualifier") && c.text().equals("const"));
  }

  /** A declarator resolved: the declared name (null for abstract ones) and its full type. */
  public record Declared(String name, CType type) {}

  public Declared declarator(CType base, CNode d) {
    return switch (d.type()) {
      case "identifier", "field_identifier", "type_identifier" -> new Declared(d.text(), base);
      case "pointer_declarator", "abstract_pointer_declarator" -> {
        CNode inner = d.child("declarator").orElse(null);
        CType t = new CType.Ptr(base, false);
        yield inner == null ? new Declared(null, t) : declarator(t, inner);
      }
      case "array_declarator", "abstract_array_declarator" -> {
        String size = d.child("size").map(CNode::text).orElse(null);
        CNode inner = d.child("declarator").orElse(null);
        CType t = new CType.Array(base, size);
        yield inner == null ? new Declared(null, t) : declarator(t, inner);
      }
      case "init_declarator" -> declarator(base, d.child("declarator").orElseThrow());
      case "parenthesized_declarator" -> declarator(base, d.named().get(0));
      case "function_declarator", "abstract_function_declarator" ->
          new Declared(
              d.child("declarator").map(CNode::text).orElse(null),
              new CType.Other("function pointer"));
      default -> new Declared(null, new CType.Other(d.text()));
    };
  }

  /** The type a declaration's specifier names, with const on the pointee recorded by callers. */
  public CType baseType(CNode decl, CNode t, boolean own, String origin) {
    CType base =
        switch (t.type()) {
          case "primitive_type" -> primitive(List.of(t.text()));
          case "sized_type_specifier" -> {
            List<String> words = new ArrayList<>();
            for (CNode c : t.children()) {
              words.add(c.text());
            }
            yield primitive(words);
          }
          case "type_identifier" -> named(t.text());
          case "struct_specifier", "union_specifier" -> struct(t, own, origin);
          case "enum_specifier" -> {
            enumSpec(t, own);
            yield CType.INT;
          }
          default -> new CType.Other(t.text());
        };
    if (base instanceof CType.Ptr) {
      return base;
    }
    return base;
  }

  /** The grammar reads size_t and the stdint names as primitive types. */
  static CType fixedWidth(String name) {
    return switch (name) {
      case "size_t", "uintptr_t" -> CType.USIZE;
      case "ssize_t", "ptrdiff_t", "intptr_t" -> new CType.Int("isize", 64, true);
      case "uint8_t" -> CType.U8;
      case "int8_t" -> new CType.Int("i8", 8, true);
      case "uint16_t" -> new CType.Int("u16", 16, false);
      case "int16_t" -> new CType.Int("i16", 16, true);
      case "uint32_t" -> new CType.Int("u32", 32, false);
      case "int32_t" -> CType.INT;
      case "uint64_t" -> new CType.Int("u64", 64, false);
      case "int64_t" -> new CType.Int("i64", 64, true);
      case "bool", "_Bool" -> CType.BOOL;
      default -> null;
    };
  }

  private CType named(String name) {
    CType fixed = fixedWidth(name);
    if (fixed != null) {
      return fixed;
    }
    switch (name) {
      case "size_t":
        return CType.USIZE;
      case "ssize_t", "ptrdiff_t", "intptr_t":
        return new CType.Int("isize", 64, true);
      case "uintptr_t":
        return CType.USIZE;
      default:
        CType t = typedefs.get(name);
        return t == null ? new CType.Other(name) : t;
    }
  }

  public static CType primitive(List<String> words) {
    if (words.size() == 1) {
      CType fixed = fixedWidth(words.get(0));
      if (fixed != null) {
        return fixed;
      }
    }
    boolean unsigned = words.contains("unsigned");
    boolean signed = words.contains("signed");
    long longs = words.stream().filter("long"::equals).count();
    if (words.contains("_Bool") || words.contains("bool")) {
      return CType.BOOL;
    }
    if (words.contains("void")) {
      return CType.VOID;
    }
    if (words.contains("float") || words.contains("double")) {
      return new CType.Other(String.join(" ", words));
    }
    if (words.contains("char")) {
      // plain char is read as a byte: the port treats C strings as byte strings
      return signed ? new CType.Int("i8", 8, true) : CType.U8;
    }
    if (words.contains("short")) {
      return unsigned ? new CType.Int("u16", 16, false) : new CType.Int("i16", 16, true);
    }
    if (longs > 0) {
      return unsigned ? new CType.Int("u64", 64, false) : new CType.Int("i64", 64, true);
    }
    return unsigned ? new CType.Int("u32", 32, false) : CType.INT;
  }

  private CType struct(CNode t, boolean own, String origin) {
    String name = t.child("name").map(CNode::text).orElse(null);
    boolean union = t.is("union_specifier");
    CNode body = t.child("body").orElse(null);
    if (name == null) {
      name = anonName != null ? anonName : "anon_" + t.line();
    }
    String rust = rustTypeName(name);
    CType.Struct st = new CType.Struct(name, rust);
    if (body != null && own) {
      List<CStruct.Field> fields = new ArrayList<>();
      // a provisional entry lets self-referential fields ("struct node *next") resolve
      structs.putIfAbsent(name, new CStruct(name, rust, List.of(), union, "", 0));
      for (CNode fdecl : body.children()) {
        if (!fdecl.is("field_declaration")) {
          continue;
        }
        CType fb = baseType(fdecl, fdecl.child("type").orElseThrow(), own, origin);
        for (CNode d : fdecl.children("declarator")) {
          Declared dd = declarator(fb, d);
          fields.add(new CStruct.Field(dd.name(), dd.type()));
        }
      }
      String file = origin == null ? "" : origin.substring(0, origin.lastIndexOf(':'));
      int line =
          origin == null ? 0 : Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
      structs.put(name, new CStruct(name, rust, fields, union, file, line));
    }
    if (union) {
      return new CType.Other("union " + name);
    }
    return st;
  }

  private void enumSpec(CNode t, boolean own) {
    CNode body = t.child("body").orElse(null);
    if (body == null || !own) {
      return;
    }
    String ename = t.child("name").map(CNode::text).orElse(null);
    if (ename != null) {
      enums.add(ename);
    }
    long next = 0;
    for (CNode e : body.children()) {
      if (!e.is("enumerator")) {
        continue;
      }
      String name = e.child("name").orElseThrow().text();
      Long v = e.child("value").map(this::constValue).orElse(null);
      long value = v == null ? next : v;
      constants.add(new CConstant(name, CType.INT, value, ename));
      next = value + 1;
    }
  }

  /**
   * The value of an integer constant expression the port can fold (literals, + - * << | and
   * constants).
   */
  public Long constValue(CNode n) {
    if (n == null) {
      return null;
    }
    return switch (n.type()) {
      case "number_literal" -> parseInt(n.text());
      case "char_literal" -> {
        String s = n.text();
        yield s.length() == 3 ? (long) s.charAt(1) : null;
      }
      case "parenthesized_expression" -> constValue(n.named().get(0));
      case "identifier" ->
          constants.stream()
              .filter(c -> c.name().equals(n.text()))
              .map(CConstant::value)
              .findFirst()
              .orElse(null);
      case "unary_expression" -> {
        Long v = constValue(n.child("argument").orElse(null));
        yield v == null
            ? null
            : switch (n.operator()) {
              case "-" -> -v;
              case "~" -> ~v;
              case "+" -> v;
              default -> null;
            };
      }
      case "binary_expression" -> {
        Long a = constValue(n.child("left").orElse(null));
        Long b = constValue(n.child("right").orElse(null));
        if (a == null || b == null) {
          yield null;
        }
        yield switch (n.operator()) {
          case "+" -> a + b;
          case "-" -> a - b;
          case "*" -> a * b;
          case "<<" -> a << b;
          case ">>" -> a >> b;
          case "|" -> a | b;
          case "&" -> a & b;
          case "/" -> b == 0 ? null : a / b;
          default -> null;
        };
      }
      default -> null;
    };
  }

  /** A C integer literal's value: decimal, hex, octal, with u/l suffixes. */
  public static Long parseInt(String lit) {
    String s = lit.toLowerCase(Locale.ROOT).replaceAll("[ul]+$", "");
    try {
      if (s.startsWith("0x")) {
        return Long.parseUnsignedLong(s.substring(2), 16);
      }
      if (s.length() > 1 && s.startsWith("0")) {
        return Long.parseLong(s.substring(1), 8);
      }
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** "ring_buffer_t" → "RingBuffer": C type names as Rust type names. */
  public static String rustTypeName(String c) {
    String base = c.endsWith("_t") ? c.substring(0, c.length() - 2) : c;
    StringBuilder out = new StringBuilder();
    boolean up = true;
    for (char ch : base.toCharArray()) {
      if (ch == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return out.toString();
  }

  /** The typedef names known after reading, for tests. */
  Map<String, CType> typedefs() {
    return typedefs;
  }
}
