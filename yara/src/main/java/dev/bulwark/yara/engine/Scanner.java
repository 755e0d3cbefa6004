package dev.bulwark.yara.engine;

import dev.bulwark.yara.lang.Ast.*;
import dev.bulwark.yara.modules.YaraModule;
import dev.bulwark.yara.regex.Program;
import dev.bulwark.yara.regex.Regex;
import dev.bulwark.yara.regex.RegexSyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scans one buffer with a compiled rule set: one Aho–Corasick pass finds candidate positions, each
 * candidate is verified, then the conditions are evaluated in rule order. Not thread-safe: use one
 * scanner per thread over a shared {@link CompiledRules}.
 */
public final class Scanner {
  /** More matches of one string are not recorded, as in YARA. */
  public static final int MAX_MATCHES_PER_STRING = 1_000_000;

  private final CompiledRules rules;
  private final Map<String, Object> externals;
  private final Program.Matcher matcher = new Program.Matcher();
  private final Map<RegexLit, Program> regexCache = new IdentityHashMap<>();

  // per scan
  private ByteBuffer data;
  private int limit;
  private int[][] offsets;
  private int[][] lengths;
  private int[] counts;
  private Boolean[] ruleResults;
  private Map<String, Map<String, Object>> moduleData;
  private final Deque<Map<String, Object>> loopVars = new ArrayDeque<>();
  private int currentString = -1;
  private CompiledRules.CRule currentRule;
  private final List<String> log = new ArrayList<>();

  public Scanner(CompiledRules rules, Map<String, Object> externals) {
    this.rules = rules;
    this.externals = Map.copyOf(externals);
  }

  /** Messages rules wrote with {@code console.log} during the last scan. */
  public List<String> consoleLog() {
    return List.copyOf(log);
  }

  public List<RuleMatch> scan(ByteBuffer buffer) {
    this.data = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.limit = data.limit();
    int n = rules.strings.size();
    offsets = new int[n][];
    lengths = new int[n][];
    counts = new int[n];
    moduleData = new HashMap<>();
    log.clear();
    findStrings();
    sortMatches();
    ruleResults = new Boolean[rules.rules.size()];
    boolean globalFailed = false;
    for (int r = 0; r < rules.rules.size(); r++) {
      currentRule = rules.rules.get(r);
      boolean ok = truth(eval(currentRule.rule().condition())) == Boolean.TRUE;
      ruleResults[r] = ok;
      if (!ok && currentRule.rule().global()) {
        globalFailed = true;
      }
    }
    List<RuleMatch> out = new ArrayList<>();
    if (globalFailed) {
      return out;
    }
    for (int r = 0; r < rules.rules.size(); r++) {
      CompiledRules.CRule cr = rules.rules.get(r);
      if (!ruleResults[r] || cr.rule().isPrivate()) {
        continue;
      }
      List<RuleMatch.StringMatch> sm = new ArrayList<>();
      for (int s = cr.firstString(); s < cr.firstString() + cr.stringCount(); s++) {
        StringDef def = rules.strings.get(s).def();
        if (def.modifiers().isPrivate()) {
          continue;
        }
        for (int i = 0; i < counts[s] && i < 100; i++) {
          int off = offsets[s][i];
          int len = length(s, i);
          byte[] bytes = new byte[Math.min(len, 64)];
          data.get(off, bytes);
          sm.add(
              new RuleMatch.StringMatch(
                  def.id().startsWith("\u0000") ? "$" : "$" + def.id(), off, len, bytes));
        }
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      for (Meta m : cr.rule().meta()) {
        meta.putIfAbsent(m.key(), m.value());
      }
      out.add(new RuleMatch(cr.rule().name(), cr.rule().tags(), meta, sm));
    }
    return out;
  }

  private static final int UNKNOWN_LENGTH = -1;

  /** The length of match {@code i} of string {@code s}, found now if the scan left it open. */
  private int length(int s, int i) {
    int len = lengths[s][i];
    if (len == UNKNOWN_LENGTH) {
      for (Variant v : rules.strings.get(s).variants()) {
        len = v.verify(matcher, data, offsets[s][i], limit);
        if (len >= 0) {
          break;
        }
      }
      // a match longer than the scan limit: YARA does not see it either; report what is bounded
      len = Math.max(len, 0);
      lengths[s][i] = len;
    }
    return len;
  }

  private void record(int s, int off, int len) {
    int c = counts[s];
    if (c >= MAX_MATCHES_PER_STRING) {
      return;
    }
    if (offsets[s] == null) {
      offsets[s] = new int[4];
      lengths[s] = new int[4];
    } else if (c == offsets[s].length) {
      offsets[s] = Arrays.copyOf(offsets[s], c * 2);
      lengths[s] = Arrays.copyOf(lengths[s], c * 2);
    }
    offsets[s][c] = off;
    lengths[s][c] = len;
    counts[s] = c + 1;
  }

  private void findStrings() {
    rules.automaton.scan(
        data,
        limit,
        (atom, end) -> {
          int s = rules.atomString[atom];
          int start = end - rules.atomLength[atom] + 1 - rules.atomOffset[atom];
          if (start < 0) {
            return;
          }
          Variant v = rules.strings.get(s).variants().get(rules.atomVariant[atom]);
          int len = v.verify(matcher, data, start, limit);
          if (len >= 0) {
            record(s, start, len);
          }
        });
    for (int[] sv : rules.fullScan) {
      Variant v = rules.strings.get(sv[0]).variants().get(sv[1]);
      if (v instanceof Variant.Pattern p && p.search() != null) {
        int s = sv[0];
        java.util.BitSet starts = new java.util.BitSet();
        if (Program.findStarts(matcher, p.search(), data, limit, starts::set)) {
          for (int i = starts.nextSetBit(0); i >= 0; i = starts.nextSetBit(i + 1)) {
            if (v.fullword) {
              int len = v.verify(matcher, data, i, limit);
              if (len >= 0) {
                record(s, i, len);
              }
            } else {
              // the length is found when a condition or the report asks for it
              record(s, i, UNKNOWN_LENGTH);
            }
          }
          continue;
        }
      }
      for (int i = 0; i < limit; i++) {
        if (v.canStart(data.get(i) & 0xff)) {
          int len = v.verify(matcher, data, i, limit);
          if (len >= 0) {
            record(sv[0], i, len);
          }
        }
      }
    }
  }

  /** Sorts each string's matches by offset and drops repeats of an offset. */
  private void sortMatches() {
    for (int s = 0; s < counts.length; s++) {
      int c = counts[s];
      if (c < 2) {
        continue;
      }
      long[] packed = new long[c];
      for (int i = 0; i < c; i++) {
        packed[i] = ((long) offsets[s][i] << 32) | (lengths[s][i] & 0xffffffffL);
      }
      Arrays.sort(packed);
      int k = 0;
      for (int i = 0; i < c; i++) {
        int off = (int) (packed[i] >>> 32);
        if (k > 0 && offsets[s][k - 1] == off) {
          lengths[s][k - 1] = Math.max(lengths[s][k - 1], (int) packed[i]);
          continue;
        }
        offsets[s][k] = off;
        lengths[s][k] = (int) packed[i];
        k++;
      }
      counts[s] = k;
    }
  }

  // ---- conditions ----

  static Boolean truth(Object v) {
    return switch (v) {
      case null -> null;
      case Boolean b -> b;
      case Long l -> l != 0;
      case Double d -> d != 0;
      case byte[] b -> b.length > 0;
      default -> Boolean.TRUE;
    };
  }

  private int stringIndex(String id) {
    if (id.isEmpty()) {
      return currentString;
    }
    Integer i = currentRule.stringIndex().get(id);
    if (i == null) {
      throw new IllegalStateException(
          "string $" + id + " not in rule " + currentRule.rule().name());
    }
    return i;
  }

  private List<Integer> stringSet(List<String> patterns) {
    List<Integer> out = new ArrayList<>();
    int first = currentRule.firstString();
    for (String p : patterns) {
      for (int s = first; s < first + currentRule.stringCount(); s++) {
        String id = rules.strings.get(s).def().id();
        boolean hit =
            p.equals("*")
                || (p.endsWith("*") ? id.startsWith(p.substring(0, p.length() - 1)) : id.equals(p));
        if (hit && !out.contains(s)) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private boolean quantified(Quantifier q, int count, int total) {
    return switch (q) {
      case All a -> count == total;
      case Any a -> count >= 1;
      case None n -> count == 0;
      case Count c -> {
        Object n = eval(c.n());
        yield n instanceof Long l && count >= l;
      }
      case Percent p -> {
        Object n = eval(p.n());
        yield n instanceof Long l && (long) count * 100 >= l * total;
      }
    };
  }

  private boolean matchesAt(int s, long at) {
    for (int i = 0; i < counts[s]; i++) {
      if (offsets[s][i] == at) {
        return true;
      }
      if (offsets[s][i] > at) {
        return false;
      }
    }
    return false;
  }

  private int countIn(int s, Long lo, Long hi) {
    int c = 0;
    for (int i = 0; i < counts[s]; i++) {
      if (offsets[s][i] >= lo && offsets[s][i] <= hi) {
        c++;
      }
    }
    return c;
  }

  private Map<String, Object> module(String name) {
    return moduleData.computeIfAbsent(
        name,
        n -> {
          Map<String, Object> m = rules.modules.get(n).load(data);
          if (m.get("_log") instanceof List<?> l) {
            // console writes here; the scanner reports it
            moduleData.put("_console", Map.of("log", l));
          }
          return m;
        });
  }

  Object eval(Expr e) {
    return switch (e) {
      case BoolLit b -> b.value();
      case IntLit i -> i.value();
      case DoubleLit d -> d.value();
      case StrLit s -> s.value();
      case RegexLit r -> r;
      case Filesize f -> (long) limit;
      case Entrypoint ep -> entrypoint();
      case StrMatch m -> {
        int s = stringIndex(m.id());
        if (m.at() != null) {
          Object at = eval(m.at());
          yield at instanceof Long l ? matchesAt(s, l) : null;
        }
        if (m.in() != null) {
          Object lo = eval(m.in().low());
          Object hi = eval(m.in().high());
          yield lo instanceof Long a && hi instanceof Long b ? countIn(s, a, b) > 0 : null;
        }
        yield counts[s] > 0;
      }
      case StrCount c -> {
        int s = stringIndex(c.id());
        if (c.in() != null) {
          Object lo = eval(c.in().low());
          Object hi = eval(c.in().high());
          yield lo instanceof Long a && hi instanceof Long b ? (long) countIn(s, a, b) : null;
        }
        yield (long) counts[s];
      }
      case StrOffset o -> {
        int s = stringIndex(o.id());
        Object i = o.index() == null ? 1L : eval(o.index());
        yield i instanceof Long k && k >= 1 && k <= counts[s]
            ? (long) offsets[s][(int) (k - 1)]
            : null;
      }
      case StrLength o -> {
        int s = stringIndex(o.id());
        Object i = o.index() == null ? 1L : eval(o.index());
        yield i instanceof Long k && k >= 1 && k <= counts[s]
            ? (long) length(s, (int) (k - 1))
            : null;
      }
      case RuleRef r -> {
        for (int i = 0; i < rules.rules.size(); i++) {
          if (rules.rules.get(i).rule().name().equals(r.name())) {
            yield ruleResults[i];
          }
        }
        yield null;
      }
      case Var v -> {
        for (Map<String, Object> scope : loopVars) {
          if (scope.containsKey(v.name())) {
            yield scope.get(v.name());
          }
        }
        yield externals.get(v.name());
      }
      case Ident id -> module(id.name());
      case Field f -> {
        Object o = f.object() instanceof Ident id ? module(id.name()) : eval(f.object());
        yield o instanceof Map<?, ?> map ? map.get(f.name()) : null;
      }
      case Index ix -> {
        Object o = eval(ix.object());
        Object k = eval(ix.index());
        if (o instanceof List<?> list && k instanceof Long i) {
          yield i >= 0 && i < list.size() ? list.get(i.intValue()) : null;
        }
        if (o instanceof YaraModule.Dict d && k instanceof byte[] key) {
          yield d.entries().get(YaraModule.text(key));
        }
        yield null;
      }
      case Call c -> {
        Object fn = eval(c.function());
        if (!(fn instanceof YaraModule.Fn f)) {
          yield null;
        }
        List<Object> args = new ArrayList<>();
        for (Expr a : c.args()) {
          Object v = eval(a);
          if (v == null) {
            yield null;
          }
          args.add(v);
        }
        yield normalize(f.call(args));
      }
      case Unary u -> unary(u);
      case Binary b -> binary(b);
      case IntRead r -> intRead(r);
      case Of o -> of(o);
      case ForOf f -> forOf(f);
      case ForIn f -> forIn(f);
      case Defined d -> eval(d.operand()) != null;
      case Range r -> null;
      case Tuple t -> null;
    };
  }

  private static Object normalize(Object v) {
    return v instanceof Integer i ? (Object) i.longValue() : v;
  }

  private Object entrypoint() {
    Object ep = module("pe").get("entry_point");
    if (ep == null) {
      ep = module("elf").get("entry_point");
    }
    return ep;
  }

  private Object unary(Unary u) {
    Object v = eval(u.operand());
    return switch (u.op()) {
      case "not" -> {
        Boolean t = truth(v);
        yield t == null ? null : !t;
      }
      case "-" ->
          v instanceof Long l ? (Object) (-l) : v instanceof Double d ? (Object) (-d) : null;
      case "~" -> v instanceof Long l ? (Object) (~l) : null;
      default -> throw new IllegalStateException(u.op());
    };
  }

  private Object binary(Binary b) {
    String op = b.op();
    if (op.equals("and")) {
      Boolean l = truth(eval(b.left()));
      if (l != Boolean.TRUE) {
        return false;
      }
      return truth(eval(b.right())) == Boolean.TRUE;
    }
    if (op.equals("or")) {
      Boolean l = truth(eval(b.left()));
      if (l == Boolean.TRUE) {
        return true;
      }
      return truth(eval(b.right())) == Boolean.TRUE;
    }
    Object l = eval(b.left());
    if (op.equals("matches")) {
      if (!(l instanceof byte[] s)) {
        return null;
      }
      Program p =
          regexCache.computeIfAbsent(
              (RegexLit) b.right(),
              r -> {
                try {
                  return Program.compile(
                      Regex.parse(r.pattern(), r.flags().contains("i"), r.flags().contains("s")));
                } catch (RegexSyntaxException ex) {
                  throw new IllegalStateException(
                      "regex checked at compile time: " + ex.getMessage());
                }
              });
      ByteBuffer buf = ByteBuffer.wrap(s);
      for (int i = 0; i <= s.length; i++) {
        if (p.match(matcher, buf, i, s.length) >= 0) {
          return true;
        }
      }
      return false;
    }
    Object r = eval(b.right());
    if (l == null || r == null) {
      return null;
    }
    if (l instanceof Boolean lb) {
      l = lb ? 1L : 0L;
    }
    if (r instanceof Boolean rb) {
      r = rb ? 1L : 0L;
    }
    if (l instanceof byte[] ls && r instanceof byte[] rs) {
      return strings(op, ls, rs);
    }
    if (l instanceof Long x && r instanceof Long y) {
      return switch (op) {
        case "==" -> x.longValue() == y;
        case "!=" -> x.longValue() != y;
        case "<" -> x < y;
        case "<=" -> x <= y;
        case ">" -> x > y;
        case ">=" -> x >= y;
        case "+" -> x + y;
        case "-" -> x - y;
        case "*" -> x * y;
        case "\\" -> y == 0 ? null : (Object) (x / y);
        case "%" -> y == 0 ? null : (Object) (x % y);
        case "&" -> x & y;
        case "|" -> x | y;
        case "^" -> x ^ y;
        case "<<" -> y < 0 ? null : y >= 64 ? (Object) 0L : (Object) (x << y);
        case ">>" -> y < 0 ? null : y >= 64 ? (Object) 0L : (Object) (x >> y);
        default -> null;
      };
    }
    if (l instanceof Number x && r instanceof Number y) {
      double p = x.doubleValue();
      double q = y.doubleValue();
      return switch (op) {
        case "==" -> p == q;
        case "!=" -> p != q;
        case "<" -> p < q;
        case "<=" -> p <= q;
        case ">" -> p > q;
        case ">=" -> p >= q;
        case "+" -> p + q;
        case "-" -> p - q;
        case "*" -> p * q;
        case "\\" -> p / q;
        default -> null;
      };
    }
    return null;
  }

  private static byte[] lower(byte[] s) {
    byte[] o = s.clone();
    for (int i = 0; i < o.length; i++) {
      o[i] = (byte) Variant.lower(o[i] & 0xff);
    }
    return o;
  }

  private static int indexOf(byte[] h, byte[] n) {
    outer:
    for (int i = 0; i + n.length <= h.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (h[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static Object strings(String op, byte[] l, byte[] r) {
    return switch (op) {
      case "==" -> Arrays.equals(l, r);
      case "!=" -> !Arrays.equals(l, r);
      case "<" -> Arrays.compareUnsigned(l, r) < 0;
      case "<=" -> Arrays.compareUnsigned(l, r) <= 0;
      case ">" -> Arrays.compareUnsigned(l, r) > 0;
      case ">=" -> Arrays.compareUnsigned(l, r) >= 0;
      case "contains" -> indexOf(l, r) >= 0;
      case "icontains" -> indexOf(lower(l), lower(r)) >= 0;
      case "startswith" -> l.length >= r.length && Arrays.equals(Arrays.copyOf(l, r.length), r);
      case "istartswith" ->
          l.length >= r.length && Arrays.equals(lower(Arrays.copyOf(l, r.length)), lower(r));
      case "endswith" ->
          l.length >= r.length
              && Arrays.equals(Arrays.copyOfRange(l, l.length - r.length, l.length), r);
      case "iendswith" ->
          l.length >= r.length
              && Arrays.equals(
                  lower(Arrays.copyOfRange(l, l.length - r.length, l.length)), lower(r));
      case "iequals" -> Arrays.equals(lower(l), lower(r));
      default -> null;
    };
  }

  private Object intRead(IntRead r) {
    Object at = eval(r.at());
    if (!(at instanceof Long o) || o < 0 || o + r.size() > limit) {
      return null;
    }
    int i = o.intValue();
    ByteOrder order = r.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    ByteBuffer d = data.duplicate().order(order);
    return switch (r.size()) {
      case 1 -> r.signed() ? (long) d.get(i) : (long) (d.get(i) & 0xff);
      case 2 -> r.signed() ? (long) d.getShort(i) : (long) (d.getShort(i) & 0xffff);
      default -> r.signed() ? (long) d.getInt(i) : d.getInt(i) & 0xffffffffL;
    };
  }

  private Object of(Of o) {
    if (o.rules()) {
      int count = 0;
      int total = 0;
      for (String p : o.set()) {
        for (int i = 0; i < rules.rules.size(); i++) {
          String name = rules.rules.get(i).rule().name();
          boolean hit =
              p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : name.equals(p);
          if (hit && ruleResults[i] != null) {
            total++;
            if (ruleResults[i]) {
              count++;
            }
          }
        }
      }
      return quantified(o.quantifier(), count, total);
    }
    List<Integer> set = stringSet(o.set());
    int count = 0;
    Long at = null;
    Long lo = null;
    Long hi = null;
    if (o.at() != null) {
      if (!(eval(o.at()) instanceof Long a)) {
        return null;
      }
      at = a;
    }
    if (o.in() != null) {
      if (!(eval(o.in().low()) instanceof Long a) || !(eval(o.in().high()) instanceof Long z)) {
        return null;
      }
      lo = a;
      hi = z;
    }
    for (int s : set) {
      boolean hit =
          at != null ? matchesAt(s, at) : lo != null ? countIn(s, lo, hi) > 0 : counts[s] > 0;
      if (hit) {
        count++;
      }
    }
    return quantified(o.quantifier(), count, set.size());
  }

  private Object forOf(ForOf f) {
    List<Integer> set = stringSet(f.set());
    int saved = currentString;
    int count = 0;
    try {
      for (int s : set) {
        currentString = s;
        if (truth(eval(f.body())) == Boolean.TRUE) {
          count++;
        }
      }
    } finally {
      currentString = saved;
    }
    return quantified(f.quantifier(), count, set.size());
  }

  /** Loops over at most this many items; a wider range is treated as undefined. */
  static final long MAX_LOOP = 10_000_000;

  private Object forIn(ForIn f) {
    List<Object[]> items = new ArrayList<>();
    Expr it = f.iterable();
    int vars = f.vars().size();
    if (it instanceof Range r) {
      if (!(eval(r.low()) instanceof Long lo) || !(eval(r.high()) instanceof Long hi)) {
        return false;
      }
      if (hi - lo > MAX_LOOP) {
        return null;
      }
      return loopRange(f, lo, hi);
    } else if (it instanceof Tuple t) {
      for (Expr x : t.items()) {
        items.add(new Object[] {eval(x)});
      }
    } else {
      Object v = eval(it);
      if (v instanceof List<?> list) {
        for (Object x : list) {
          items.add(new Object[] {x});
        }
      } else if (v instanceof YaraModule.Dict d) {
        for (var en : d.entries().entrySet()) {
          items.add(new Object[] {YaraModule.bytes(en.getKey()), en.getValue()});
        }
      } else {
        return false;
      }
    }
    int count = 0;
    for (Object[] item : items) {
      Map<String, Object> scope = new HashMap<>();
      for (int i = 0; i < vars; i++) {
        scope.put(f.vars().get(i), i < item.length ? item[i] : null);
      }
      loopVars.push(scope);
      try {
        if (truth(eval(f.body())) == Boolean.TRUE) {
          count++;
        }
      } finally {
        loopVars.pop();
      }
    }
    return quantified(f.quantifier(), count, items.size());
  }

  private Object loopRange(ForIn f, long lo, long hi) {
    int count = 0;
    long total = Math.max(0, hi - lo + 1);
    Map<String, Object> scope = new HashMap<>();
    loopVars.push(scope);
    try {
      for (long i = lo; i <= hi; i++) {
        scope.put(f.vars().get(0), i);
        if (truth(eval(f.body())) == Boolean.TRUE) {
          count++;
        } else if (f.quantifier() instanceof All) {
          return false;
        }
        if (f.quantifier() instanceof Any && count > 0) {
          return true;
        }
      }
    } finally {
      loopVars.pop();
    }
    return quantified(f.quantifier(), count, (int) Math.min(total, Integer.MAX_VALUE));
  }
}
