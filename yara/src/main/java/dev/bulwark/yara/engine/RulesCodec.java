package dev.bulwark.yara.engine;

import dev.bulwark.yara.lang.Ast;
import dev.bulwark.yara.lang.Ast.Expr;
import dev.bulwark.yara.lang.Ast.Meta;
import dev.bulwark.yara.lang.Ast.Modifiers;
import dev.bulwark.yara.lang.Ast.Quantifier;
import dev.bulwark.yara.lang.Ast.Rule;
import dev.bulwark.yara.lang.Ast.StringDef;
import dev.bulwark.yara.modules.YaraModule;
import dev.bulwark.yara.regex.Node;
import dev.bulwark.yara.regex.Program;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulwark's own binary form of a compiled rule set: what compiling produced (rules with their
 * conditions, every string's variants with their compiled programs, the atom tables and the
 * Aho–Corasick automaton), written so that reading it back does no parsing and no compiling.
 *
 * <p>Layout of a body (little-endian): a string table (every distinct name, text and file name
 * once), then the imports and external names, the rules, the strings with their variants, the atom
 * tables and the automaton's tables. Numbers are unsigned LEB128 varints (zigzag for signed
 * values); the large tables are raw 32-bit arrays, read in bulk. Expressions are a tag byte and
 * their fields in order. The modules are code, not data: a decoded set gets fresh instances.
 *
 * <p>Decoding trusts nothing: every count is bounded by the bytes left, every index is checked, and
 * a body that does not decode exactly is refused with {@link IllegalArgumentException}. The cache
 * checks a body's CRC first, so this only guards against damage a CRC cannot see.
 */
final class RulesCodec {
  private RulesCodec() {}

  // expression tags
  private static final int NULL = 0;
  private static final int BOOL = 1;
  private static final int INT = 2;
  private static final int DOUBLE = 3;
  private static final int STR = 4;
  private static final int REGEX = 5;
  private static final int FILESIZE = 6;
  private static final int ENTRYPOINT = 7;
  private static final int STR_MATCH = 8;
  private static final int STR_COUNT = 9;
  private static final int STR_OFFSET = 10;
  private static final int STR_LENGTH = 11;
  private static final int RULE_REF = 12;
  private static final int VAR = 13;
  private static final int IDENT = 14;
  private static final int FIELD = 15;
  private static final int INDEX = 16;
  private static final int CALL = 17;
  private static final int UNARY = 18;
  private static final int BINARY = 19;
  private static final int INT_READ = 20;
  private static final int OF = 21;
  private static final int FOR_OF = 22;
  private static final int FOR_IN = 23;
  private static final int DEFINED = 24;
  private static final int RANGE = 25;
  private static final int TUPLE = 26;

  // pattern tree tags
  private static final int N_BYTES = 0;
  private static final int N_CONCAT = 1;
  private static final int N_ALT = 2;
  private static final int N_REPEAT = 3;
  private static final int N_ASSERT = 4;
  private static final int N_EMPTY = 5;

  private static final int V_LITERAL = 0;
  private static final int V_PATTERN = 1;

  /** Expression nesting a body may hold (the parser allows far less). */
  private static final int MAX_DEPTH = 4096;

  // ---------------------------------------------------------------- encoding

  static byte[] encode(CompiledRules r) {
    Out body = new Out();
    body.strs(List.copyOf(r.imports));
    body.strs(r.externalNames.stream().sorted().toList());
    // byte sets repeat across patterns (one letter, any byte): stored once for the whole set
    SetTable sets = new SetTable();
    for (CompiledRules.CString cs : r.strings) {
      for (Variant v : cs.variants()) {
        if (v instanceof Variant.Pattern p) {
          for (long[] set : p.program.parts().sets()) {
            sets.add(set);
          }
        }
      }
    }
    body.varint(sets.list.size());
    for (long[] set : sets.list) {
      for (long w : set) {
        body.i64(w);
      }
    }
    body.varint(r.rules.size());
    for (CompiledRules.CRule cr : r.rules) {
      rule(body, cr.rule());
    }
    Set<Long> searched = new java.util.HashSet<>();
    for (int[] sv : r.fullScan) {
      searched.add(((long) sv[0] << 32) | sv[1]);
    }
    body.varint(r.strings.size());
    for (int s = 0; s < r.strings.size(); s++) {
      CompiledRules.CString cs = r.strings.get(s);
      body.varint(cs.rule());
      body.varint(cs.variants().size());
      for (int v = 0; v < cs.variants().size(); v++) {
        variant(body, cs.variants().get(v), sets, searched.contains(((long) s << 32) | v));
      }
    }
    body.ints(r.atomString);
    body.ints(r.atomVariant);
    body.ints(r.atomOffset);
    body.ints(r.atomLength);
    body.varint(r.fullScan.length);
    for (int[] sv : r.fullScan) {
      body.varint(sv[0]);
      body.varint(sv[1]);
    }
    AhoCorasick.Tables t = r.automaton.tables();
    body.varint(t.dense());
    body.ints(t.delta());
    body.ints(t.fail());
    body.ints(t.sparseStart());
    body.bytes(t.sparseLabel());
    body.ints(t.sparseTarget());
    body.ints(t.outStart());
    body.ints(t.outAtoms());
    // the string table goes first so a reader has every string before it needs one
    Out all = new Out();
    all.varint(body.table.size());
    for (String s : body.table) {
      all.rawString(s);
    }
    all.raw(body.buf, body.n);
    return Arrays.copyOf(all.buf, all.n);
  }

  private static void rule(Out o, Rule r) {
    o.str(r.name());
    o.u8((r.isPrivate() ? 1 : 0) | (r.global() ? 2 : 0));
    o.strs(r.tags());
    o.varint(r.meta().size());
    for (Meta m : r.meta()) {
      o.str(m.key());
      switch (m.value()) {
        case String s -> {
          o.u8(0);
          o.str(s);
        }
        case Long l -> {
          o.u8(1);
          o.zigzag(l);
        }
        case Boolean b -> o.u8(b ? 2 : 3);
        case Double d -> {
          o.u8(4);
          o.i64(Double.doubleToRawLongBits(d));
        }
        default -> throw new IllegalStateException("meta value of type " + m.value().getClass());
      }
    }
    o.varint(r.strings().size());
    for (StringDef s : r.strings()) {
      o.str(s.id());
      o.u8(s.kind().ordinal());
      o.bytes(s.value());
      o.str(s.source());
      o.str(s.flags());
      Modifiers m = s.modifiers();
      o.u8(
          (m.nocase() ? 1 : 0)
              | (m.wide() ? 2 : 0)
              | (m.ascii() ? 4 : 0)
              | (m.fullword() ? 8 : 0)
              | (m.isPrivate() ? 16 : 0)
              | (m.xor() != null ? 32 : 0));
      if (m.xor() != null) {
        o.varint(m.xor().length);
        for (int x : m.xor()) {
          o.zigzag(x);
        }
      }
      o.str(m.base64());
      o.str(m.base64wide());
      o.varint(s.line());
    }
    expr(o, r.condition());
    o.str(r.file());
    o.varint(r.line());
  }

  private static void exprs(Out o, List<? extends Expr> es) {
    o.varint(es.size());
    for (Expr e : es) {
      expr(o, e);
    }
  }

  private static void quantifier(Out o, Quantifier q) {
    switch (q) {
      case Ast.All a -> o.u8(0);
      case Ast.Any a -> o.u8(1);
      case Ast.None n -> o.u8(2);
      case Ast.Count c -> {
        o.u8(3);
        expr(o, c.n());
      }
      case Ast.Percent p -> {
        o.u8(4);
        expr(o, p.n());
      }
    }
  }

  private static void expr(Out o, Expr e) {
    switch (e) {
      case null -> o.u8(NULL);
      case Ast.BoolLit b -> {
        o.u8(BOOL);
        o.u8(b.value() ? 1 : 0);
      }
      case Ast.IntLit i -> {
        o.u8(INT);
        o.zigzag(i.value());
      }
      case Ast.DoubleLit d -> {
        o.u8(DOUBLE);
        o.i64(Double.doubleToRawLongBits(d.value()));
      }
      case Ast.StrLit s -> {
        o.u8(STR);
        o.bytes(s.value());
      }
      case Ast.RegexLit r -> {
        o.u8(REGEX);
        o.str(r.pattern());
        o.str(r.flags());
      }
      case Ast.Filesize f -> o.u8(FILESIZE);
      case Ast.Entrypoint f -> o.u8(ENTRYPOINT);
      case Ast.StrMatch m -> {
        o.u8(STR_MATCH);
        o.str(m.id());
        expr(o, m.at());
        expr(o, m.in());
      }
      case Ast.StrCount c -> {
        o.u8(STR_COUNT);
        o.str(c.id());
        expr(o, c.in());
      }
      case Ast.StrOffset x -> {
        o.u8(STR_OFFSET);
        o.str(x.id());
        expr(o, x.index());
      }
      case Ast.StrLength x -> {
        o.u8(STR_LENGTH);
        o.str(x.id());
        expr(o, x.index());
      }
      case Ast.RuleRef x -> {
        o.u8(RULE_REF);
        o.str(x.name());
      }
      case Ast.Var x -> {
        o.u8(VAR);
        o.str(x.name());
      }
      case Ast.Ident x -> {
        o.u8(IDENT);
        o.str(x.name());
      }
      case Ast.Field x -> {
        o.u8(FIELD);
        expr(o, x.object());
        o.str(x.name());
      }
      case Ast.Index x -> {
        o.u8(INDEX);
        expr(o, x.object());
        expr(o, x.index());
      }
      case Ast.Call x -> {
        o.u8(CALL);
        expr(o, x.function());
        exprs(o, x.args());
      }
      case Ast.Unary x -> {
        o.u8(UNARY);
        o.str(x.op());
        expr(o, x.operand());
      }
      case Ast.Binary x -> {
        o.u8(BINARY);
        o.str(x.op());
        expr(o, x.left());
        expr(o, x.right());
      }
      case Ast.IntRead x -> {
        o.u8(INT_READ);
        o.u8(x.size());
        o.u8((x.signed() ? 1 : 0) | (x.bigEndian() ? 2 : 0));
        expr(o, x.at());
      }
      case Ast.Of x -> {
        o.u8(OF);
        quantifier(o, x.quantifier());
        o.strs(x.set());
        o.u8(x.rules() ? 1 : 0);
        expr(o, x.at());
        expr(o, x.in());
      }
      case Ast.ForOf x -> {
        o.u8(FOR_OF);
        quantifier(o, x.quantifier());
        o.strs(x.set());
        expr(o, x.body());
      }
      case Ast.ForIn x -> {
        o.u8(FOR_IN);
        quantifier(o, x.quantifier());
        o.strs(x.vars());
        expr(o, x.iterable());
        expr(o, x.body());
      }
      case Ast.Defined x -> {
        o.u8(DEFINED);
        expr(o, x.operand());
      }
      case Ast.Range x -> {
        o.u8(RANGE);
        expr(o, x.low());
        expr(o, x.high());
      }
      case Ast.Tuple x -> {
        o.u8(TUPLE);
        exprs(o, x.items());
      }
    }
  }

  /** Distinct byte sets, numbered in the order first seen. */
  private static final class SetTable {
    final List<long[]> list = new ArrayList<>();
    final Map<List<Long>, Integer> index = new HashMap<>();

    int add(long[] set) {
      return index.computeIfAbsent(
          List.of(set[0], set[1], set[2], set[3]),
          k -> {
            list.add(set);
            return list.size() - 1;
          });
    }
  }

  /** A variant; {@code searched}: it has no atom, so its tree is kept to search for it. */
  private static void variant(Out o, Variant v, SetTable table, boolean searched) {
    o.u8((v.fullword ? 1 : 0) | (v.wide ? 2 : 0));
    switch (v) {
      case Variant.Literal l -> {
        o.u8(V_LITERAL);
        o.bytes(l.pattern);
        o.u8((l.nocase ? 1 : 0) | (l.xor ? 2 : 0));
        o.varint(l.xorLo);
        o.varint(l.xorHi);
      }
      case Variant.Pattern p -> {
        o.u8(V_PATTERN);
        Program.Parts parts = p.program.parts();
        int[] global = new int[parts.sets().length];
        for (int i = 0; i < global.length; i++) {
          global[i] = table.add(parts.sets()[i]);
        }
        o.varint(parts.op().length);
        o.u8(parts.greedyOnly() ? 1 : 0);
        // per instruction its opcode and the operands it uses; jump targets are near their
        // instruction, so they are stored as signed distances (mostly one byte)
        for (int pc = 0; pc < parts.op().length; pc++) {
          byte op = parts.op()[pc];
          o.u8(op);
          switch (op) {
            case Program.BYTE -> o.varint(global[parts.a()[pc]]);
            case Program.SPLIT -> {
              o.zigzag(parts.a()[pc] - pc);
              o.zigzag(parts.b()[pc] - pc);
            }
            case Program.JMP -> o.zigzag(parts.a()[pc] - pc);
            case Program.ASSERT -> o.varint(parts.a()[pc]);
            default -> {}
          }
        }
        // the tree is only needed again to search for a pattern without an atom
        node(o, searched ? p.tree : null);
      }
    }
  }

  private static void node(Out o, Node n) {
    switch (n) {
      case null -> o.u8(0xff);
      case Node.Bytes b -> {
        o.u8(N_BYTES);
        for (long w : b.set()) {
          o.i64(w);
        }
      }
      case Node.Concat c -> {
        o.u8(N_CONCAT);
        o.varint(c.items().size());
        c.items().forEach(x -> node(o, x));
      }
      case Node.Alt a -> {
        o.u8(N_ALT);
        o.varint(a.items().size());
        a.items().forEach(x -> node(o, x));
      }
      case Node.Repeat r -> {
        o.u8(N_REPEAT);
        node(o, r.body());
        o.varint(r.min());
        o.zigzag(r.max());
        o.u8(r.greedy() ? 1 : 0);
      }
      case Node.Assert a -> {
        o.u8(N_ASSERT);
        o.u8(a.kind().ordinal());
      }
      case Node.Empty e -> o.u8(N_EMPTY);
    }
  }

  /** A growable little-endian byte buffer with the string table being built. */
  static final class Out {
    byte[] buf = new byte[1 << 16];
    int n;
    final Map<String, Integer> index = new HashMap<>();
    final List<String> table = new ArrayList<>();

    private void room(int k) {
      if (n + k > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(n + k, buf.length * 2));
      }
    }

    void u8(int b) {
      room(1);
      buf[n++] = (byte) b;
    }

    void varint(int v) {
      varlong(v & 0xffffffffL);
    }

    void varlong(long v) {
      room(10);
      while ((v & ~0x7fL) != 0) {
        buf[n++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      buf[n++] = (byte) v;
    }

    void zigzag(long v) {
      varlong((v << 1) ^ (v >> 63));
    }

    void i64(long v) {
      room(8);
      for (int i = 0; i < 8; i++) {
        buf[n++] = (byte) (v >>> (8 * i));
      }
    }

    void raw(byte[] b, int len) {
      room(len);
      System.arraycopy(b, 0, buf, n, len);
      n += len;
    }

    /** A byte array or null: length + 1 (0 for null), then the bytes. */
    void bytes(byte[] b) {
      if (b == null) {
        varint(0);
        return;
      }
      varint(b.length + 1);
      raw(b, b.length);
    }

    void ints(int[] a) {
      varint(a.length);
      room(a.length * 4);
      ByteBuffer.wrap(buf, n, a.length * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(a);
      n += a.length * 4;
    }

    /** A string or null, as its number in the table plus one (0 for null). */
    void str(String s) {
      if (s == null) {
        varint(0);
        return;
      }
      Integer i = index.get(s);
      if (i == null) {
        i = table.size();
        index.put(s, i);
        table.add(s);
      }
      varint(i + 1);
    }

    void strs(List<String> list) {
      varint(list.size());
      list.forEach(this::str);
    }

    /**
     * A table entry: Latin-1 text as its bytes (the common case, copied straight into a compact
     * string on reading), anything else as UTF-16 units so every Java string comes back exactly.
     */
    void rawString(String s) {
      boolean latin1 = true;
      for (int i = 0; i < s.length() && latin1; i++) {
        latin1 = s.charAt(i) <= 0xff;
      }
      if (latin1) {
        varint(s.length() << 1);
        raw(s.getBytes(StandardCharsets.ISO_8859_1), s.length());
      } else {
        varint((s.length() << 1) | 1);
        raw(s.getBytes(StandardCharsets.UTF_16LE), s.length() * 2);
      }
    }
  }

  // ---------------------------------------------------------------- decoding

  static CompiledRules decode(byte[] data, int offset, int length) {
    In in = new In(data, offset, length);
    int tableSize = in.count(1);
    String[] table = new String[tableSize];
    for (int i = 0; i < tableSize; i++) {
      table[i] = in.rawString();
    }
    in.table = table;
    Map<String, YaraModule> modules = YaraModule.standard();
    Set<String> imports = new LinkedHashSet<>(in.strs());
    if (!modules.keySet().containsAll(imports)) {
      throw new IllegalArgumentException("unknown module in imports " + imports);
    }
    Set<String> externals = Set.copyOf(in.strs());
    int setCount = in.count(32);
    long[][] sets = new long[setCount][];
    for (int i = 0; i < setCount; i++) {
      sets[i] = new long[] {in.i64(), in.i64(), in.i64(), in.i64()};
    }
    in.sets = sets;
    int ruleCount = in.count(1);
    List<Rule> rules = new ArrayList<>(ruleCount);
    for (int i = 0; i < ruleCount; i++) {
      rules.add(rule(in));
    }
    int stringCount = in.count(1);
    List<CompiledRules.CString> strings = new ArrayList<>(stringCount);
    List<CompiledRules.CRule> crules = new ArrayList<>(ruleCount);
    int r = 0;
    int first = 0;
    for (int s = 0; s < stringCount; s++) {
      int owner = in.varint();
      // strings are stored rule by rule, each rule's in its own order
      while (r < ruleCount && owner > r) {
        crules.add(cRule(rules.get(r), first, s));
        first = s;
        r++;
      }
      if (owner != r || s - first >= rules.get(r).strings().size()) {
        throw new IllegalArgumentException("string " + s + " out of its rule's order");
      }
      StringDef def = rules.get(r).strings().get(s - first);
      int variantCount = in.count(1);
      List<Variant> variants = new ArrayList<>(variantCount);
      for (int v = 0; v < variantCount; v++) {
        variants.add(variant(in));
      }
      strings.add(new CompiledRules.CString(def, owner, List.copyOf(variants)));
    }
    for (; r < ruleCount; r++) {
      crules.add(cRule(rules.get(r), first, stringCount));
      first = stringCount;
    }
    int[] atomString = in.ints();
    int[] atomVariant = in.ints();
    int[] atomOffset = in.ints();
    int[] atomLength = in.ints();
    int atoms = atomString.length;
    if (atomVariant.length != atoms || atomOffset.length != atoms || atomLength.length != atoms) {
      throw new IllegalArgumentException("atom tables of different lengths");
    }
    for (int a = 0; a < atoms; a++) {
      checkVariant(strings, atomString[a], atomVariant[a]);
      if (atomOffset[a] < 0 || atomLength[a] < 1) {
        throw new IllegalArgumentException("atom " + a + " malformed");
      }
    }
    int[][] fullScan = new int[in.count(2)][];
    for (int i = 0; i < fullScan.length; i++) {
      fullScan[i] = new int[] {in.varint(), in.varint()};
      checkVariant(strings, fullScan[i][0], fullScan[i][1]);
    }
    int dense = in.varint();
    AhoCorasick.Tables t =
        new AhoCorasick.Tables(
            dense, in.ints(), in.ints(), in.ints(), in.bytes(), in.ints(), in.ints(), in.ints());
    if (t.sparseLabel() == null) {
      throw new IllegalArgumentException("automaton without labels");
    }
    AhoCorasick automaton = new AhoCorasick(t, atoms);
    if (in.remaining() != 0) {
      throw new IllegalArgumentException(in.remaining() + " bytes after the rule set");
    }
    return new CompiledRules(
        crules,
        strings,
        automaton,
        atomString,
        atomVariant,
        atomOffset,
        atomLength,
        fullScan,
        imports,
        modules,
        externals);
  }

  private static void checkVariant(List<CompiledRules.CString> strings, int s, int v) {
    if (s < 0 || s >= strings.size() || v < 0 || v >= strings.get(s).variants().size()) {
      throw new IllegalArgumentException("string " + s + " variant " + v + " out of range");
    }
  }

  private static CompiledRules.CRule cRule(Rule rule, int first, int end) {
    if (end - first != rule.strings().size()) {
      throw new IllegalArgumentException("rule " + rule.name() + " has strings missing");
    }
    Map<String, Integer> index = HashMap.newHashMap(rule.strings().size());
    for (int i = 0; i < rule.strings().size(); i++) {
      index.put(rule.strings().get(i).id(), first + i);
    }
    return new CompiledRules.CRule(rule, index, first, end - first);
  }

  private static Rule rule(In in) {
    String name = in.str();
    int flags = in.u8();
    List<String> tags = in.strs();
    int metaCount = in.count(2);
    List<Meta> meta = new ArrayList<>(metaCount);
    for (int i = 0; i < metaCount; i++) {
      String key = in.str();
      Object value =
          switch (in.u8()) {
            case 0 -> in.str();
            case 1 -> in.zigzag();
            case 2 -> Boolean.TRUE;
            case 3 -> Boolean.FALSE;
            case 4 -> Double.longBitsToDouble(in.i64());
            default -> throw new IllegalArgumentException("unknown meta value type");
          };
      meta.add(new Meta(key, value));
    }
    int stringCount = in.count(4);
    List<StringDef> strings = new ArrayList<>(stringCount);
    Ast.StringKind[] kinds = Ast.StringKind.values();
    for (int i = 0; i < stringCount; i++) {
      String id = in.str();
      int kind = in.u8();
      if (kind >= kinds.length) {
        throw new IllegalArgumentException("unknown string kind " + kind);
      }
      byte[] value = in.bytes();
      String source = in.str();
      String sflags = in.str();
      int m = in.u8();
      int[] xor = null;
      if ((m & 32) != 0) {
        xor = new int[in.count(1)];
        for (int k = 0; k < xor.length; k++) {
          xor[k] = (int) in.zigzag();
        }
      }
      Modifiers mods =
          new Modifiers(
              (m & 1) != 0,
              (m & 2) != 0,
              (m & 4) != 0,
              (m & 8) != 0,
              (m & 16) != 0,
              xor,
              in.str(),
              in.str());
      strings.add(new StringDef(id, kinds[kind], value, source, sflags, mods, in.varint(), null));
    }
    Expr condition = in.expr(0);
    String file = in.str();
    int line = in.varint();
    if (name == null || condition == null) {
      throw new IllegalArgumentException("rule without a name or a condition");
    }
    return new Rule(
        name,
        (flags & 1) != 0,
        (flags & 2) != 0,
        List.copyOf(tags),
        List.copyOf(meta),
        List.copyOf(strings),
        condition,
        file,
        line);
  }

  private static Variant variant(In in) {
    int flags = in.u8();
    boolean fullword = (flags & 1) != 0;
    boolean wide = (flags & 2) != 0;
    switch (in.u8()) {
      case V_LITERAL -> {
        byte[] pattern = in.bytes();
        int lf = in.u8();
        int lo = in.varint();
        int hi = in.varint();
        if (pattern == null || pattern.length == 0) {
          throw new IllegalArgumentException("empty literal");
        }
        boolean xor = (lf & 2) != 0;
        return new Variant.Literal(
            pattern, (lf & 1) != 0, xor ? new int[] {lo, hi} : null, fullword, wide);
      }
      case V_PATTERN -> {
        int n = in.count(1);
        boolean greedyOnly = in.u8() == 1;
        byte[] op = new byte[n];
        int[] a = new int[n];
        int[] b = new int[n];
        // the program's own set list: the global sets it names, numbered as first used
        Map<Integer, Integer> local = new HashMap<>();
        List<long[]> sets = new ArrayList<>();
        for (int pc = 0; pc < n; pc++) {
          op[pc] = (byte) in.u8();
          switch (op[pc]) {
            case Program.BYTE -> {
              int g = in.varint();
              if (g >= in.sets.length) {
                throw new IllegalArgumentException("byte set " + g + " not in the table");
              }
              Integer l = local.get(g);
              if (l == null) {
                l = sets.size();
                local.put(g, l);
                sets.add(in.sets[g]);
              }
              a[pc] = l;
            }
            case Program.SPLIT -> {
              a[pc] = (int) (in.zigzag() + pc);
              b[pc] = (int) (in.zigzag() + pc);
            }
            case Program.JMP -> a[pc] = (int) (in.zigzag() + pc);
            case Program.ASSERT -> a[pc] = in.varint();
            default -> {}
          }
        }
        Program program =
            Program.of(new Program.Parts(op, a, b, sets.toArray(long[][]::new), greedyOnly));
        Node tree = in.node(0);
        return new Variant.Pattern(tree, program, fullword, wide);
      }
      default -> throw new IllegalArgumentException("unknown variant kind");
    }
  }

  /** Reads a body; every read is bounds-checked by the buffer, every count by the bytes left. */
  static final class In {
    private final ByteBuffer b;
    private final byte[] data;
    String[] table = new String[0];
    long[][] sets = new long[0][];

    private final int base;

    In(byte[] data, int offset, int length) {
      this.data = data;
      this.b = ByteBuffer.wrap(data, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
      this.base = offset;
    }

    int remaining() {
      return b.remaining();
    }

    int u8() {
      return b.get() & 0xff;
    }

    long varlong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte x = b.get();
        v |= (long) (x & 0x7f) << shift;
        if (x >= 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("varint too long");
    }

    int varint() {
      long v = varlong();
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("number out of range: " + v);
      }
      return (int) v;
    }

    long zigzag() {
      long v = varlong();
      return (v >>> 1) ^ -(v & 1);
    }

    long i64() {
      return b.getLong();
    }

    /** A count of items each at least {@code minBytes} long: never more than the bytes left. */
    int count(int minBytes) {
      int c = varint();
      if ((long) c * minBytes > b.remaining()) {
        throw new IllegalArgumentException("count " + c + " beyond the end of the data");
      }
      return c;
    }

    byte[] bytes() {
      int len = varint();
      if (len == 0) {
        return null;
      }
      len--;
      if (len > b.remaining()) {
        throw new IllegalArgumentException("bytes beyond the end of the data");
      }
      byte[] out = new byte[len];
      b.get(out);
      return out;
    }

    int[] ints() {
      int len = count(4);
      int[] out = new int[len];
      b.asIntBuffer().get(out);
      b.position(b.position() + len * 4);
      return out;
    }

    String rawString() {
      int head = varint();
      int len = head >>> 1;
      boolean utf16 = (head & 1) != 0;
      int bytes = utf16 ? len * 2 : len;
      if (bytes > b.remaining()) {
        throw new IllegalArgumentException("text beyond the end of the data");
      }
      String s =
          new String(
              data,
              base + b.position(),
              bytes,
              utf16 ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
      b.position(b.position() + bytes);
      return s;
    }

    String str() {
      int i = varint();
      if (i == 0) {
        return null;
      }
      if (i > table.length) {
        throw new IllegalArgumentException("string " + i + " not in the table");
      }
      return table[i - 1];
    }

    List<String> strs() {
      int n = count(1);
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String s = str();
        if (s == null) {
          throw new IllegalArgumentException("null in a list of names");
        }
        out.add(s);
      }
      return List.copyOf(out);
    }

    private Quantifier quantifier(int depth) {
      return switch (u8()) {
        case 0 -> new Ast.All();
        case 1 -> new Ast.Any();
        case 2 -> new Ast.None();
        case 3 -> new Ast.Count(nonNull(expr(depth)));
        case 4 -> new Ast.Percent(nonNull(expr(depth)));
        default -> throw new IllegalArgumentException("unknown quantifier");
      };
    }

    private static Expr nonNull(Expr e) {
      if (e == null) {
        throw new IllegalArgumentException("missing expression");
      }
      return e;
    }

    private Ast.Range range(int depth) {
      Expr e = expr(depth);
      if (e == null || e instanceof Ast.Range) {
        return (Ast.Range) e;
      }
      throw new IllegalArgumentException("a range expected");
    }

    private List<Expr> exprs(int depth) {
      int n = count(1);
      List<Expr> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(nonNull(expr(depth)));
      }
      return List.copyOf(out);
    }

    Expr expr(int depth) {
      if (depth > MAX_DEPTH) {
        throw new IllegalArgumentException("expression nested too deeply");
      }
      int d = depth + 1;
      return switch (u8()) {
        case NULL -> null;
        case BOOL -> new Ast.BoolLit(u8() == 1);
        case INT -> new Ast.IntLit(zigzag());
        case DOUBLE -> new Ast.DoubleLit(Double.longBitsToDouble(i64()));
        case STR -> new Ast.StrLit(nonNullBytes(bytes()));
        case REGEX -> new Ast.RegexLit(str(), str());
        case FILESIZE -> new Ast.Filesize();
        case ENTRYPOINT -> new Ast.Entrypoint();
        case STR_MATCH -> new Ast.StrMatch(str(), expr(d), range(d));
        case STR_COUNT -> new Ast.StrCount(str(), range(d));
        case STR_OFFSET -> new Ast.StrOffset(str(), expr(d));
        case STR_LENGTH -> new Ast.StrLength(str(), expr(d));
        case RULE_REF -> new Ast.RuleRef(str());
        case VAR -> new Ast.Var(str());
        case IDENT -> new Ast.Ident(str());
        case FIELD -> new Ast.Field(nonNull(expr(d)), str());
        case INDEX -> new Ast.Index(nonNull(expr(d)), nonNull(expr(d)));
        case CALL -> new Ast.Call(nonNull(expr(d)), exprs(d));
        case UNARY -> new Ast.Unary(str(), nonNull(expr(d)));
        case BINARY -> new Ast.Binary(str(), nonNull(expr(d)), nonNull(expr(d)));
        case INT_READ -> {
          int size = u8();
          int f = u8();
          yield new Ast.IntRead(size, (f & 1) != 0, (f & 2) != 0, nonNull(expr(d)));
        }
        case OF -> new Ast.Of(quantifier(d), strs(), u8() == 1, expr(d), range(d));
        case FOR_OF -> new Ast.ForOf(quantifier(d), strs(), nonNull(expr(d)));
        case FOR_IN -> new Ast.ForIn(quantifier(d), strs(), nonNull(expr(d)), nonNull(expr(d)));
        case DEFINED -> new Ast.Defined(nonNull(expr(d)));
        case RANGE -> new Ast.Range(nonNull(expr(d)), nonNull(expr(d)));
        case TUPLE -> new Ast.Tuple(exprs(d));
        default -> throw new IllegalArgumentException("unknown expression tag");
      };
    }

    private static byte[] nonNullBytes(byte[] v) {
      if (v == null) {
        throw new IllegalArgumentException("missing bytes");
      }
      return v;
    }

    Node node(int depth) {
      if (depth > MAX_DEPTH) {
        throw new IllegalArgumentException("pattern nested too deeply");
      }
      int d = depth + 1;
      return switch (u8()) {
        case 0xff -> null;
        case N_BYTES -> new Node.Bytes(new long[] {i64(), i64(), i64(), i64()});
        case N_CONCAT -> new Node.Concat(nodes(d));
        case N_ALT -> new Node.Alt(nodes(d));
        case N_REPEAT -> {
          Node body = node(d);
          int min = varint();
          int max = (int) zigzag();
          if (body == null || (max >= 0 && max < min)) {
            throw new IllegalArgumentException("malformed repetition");
          }
          yield new Node.Repeat(body, min, max, u8() == 1);
        }
        case N_ASSERT -> {
          int k = u8();
          Node.Assert.Kind[] kinds = Node.Assert.Kind.values();
          if (k >= kinds.length) {
            throw new IllegalArgumentException("unknown assertion");
          }
          yield new Node.Assert(kinds[k]);
        }
        case N_EMPTY -> new Node.Empty();
        default -> throw new IllegalArgumentException("unknown pattern node");
      };
    }

    private List<Node> nodes(int depth) {
      int n = count(1);
      List<Node> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Node x = node(depth);
        if (x == null) {
          throw new IllegalArgumentException("missing pattern node");
        }
        out.add(x);
      }
      return List.copyOf(out);
    }
  }
}
