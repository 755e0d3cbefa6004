package dev.bulwark.port.gate;

import dev.bulwark.port.c.CType;
import dev.bulwark.port.rust.RustLexer;
import dev.bulwark.port.translate.Arg;
import dev.bulwark.port.translate.PortSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The calls the project's own tests make, read from their Rust source: every call of a ported
 * function whose arguments are all literals ({@code 5}, {@code -1}, {@code i32::MAX}, {@code 'a' as
 * i32}, {@code "text"}, {@code b"bytes"}, {@code &[1, 2]}) becomes one differential input, and the
 * generator mutates these recorded calls as well as its own. A call with any other argument (a
 * variable, an expression) is left out, since its value is only known when the test runs — those
 * are what the traces of the C tests' run ({@link CTraces}) add: every call, with what the C
 * answered in that run.
 */
public final class RecordedCalls {
  private static final RecordedCalls NONE = new RecordedCalls(Map.of(), CTraces.Traces.none());

  /** Per Rust function name, the argument lists of its literal calls, as token texts. */
  private final Map<String, List<List<List<RustLexer.Token>>>> calls;

  /** Calls traced in a run of the C tests, per C function name. */
  private final CTraces.Traces traces;

  private RecordedCalls(
      Map<String, List<List<List<RustLexer.Token>>>> calls, CTraces.Traces traces) {
    this.calls = calls;
    this.traces = traces;
  }

  /** These calls and the ones traced in a run of the C tests. */
  public RecordedCalls withTraces(CTraces.Traces traces) {
    return new RecordedCalls(calls, traces);
  }

  public CTraces.Traces traces() {
    return traces;
  }

  /** The traced calls of one C function: input line → the C's output in the tests' run. */
  public Map<String, String> traced(String cName) {
    Map<String, String> out = new LinkedHashMap<>();
    for (CTraces.Call c : traces.calls().getOrDefault(cName, List.of())) {
      out.put(c.input(), c.output());
    }
    return out;
  }

  public static RecordedCalls none() {
    return NONE;
  }

  /** Reads every .rs file under the tests directory; a file that does not lex is skipped. */
  public static RecordedCalls fromTests(Optional<Path> tests) throws IOException {
    if (tests.isEmpty() || !Files.isDirectory(tests.get())) {
      return NONE;
    }
    Map<String, List<List<List<RustLexer.Token>>>> calls = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(tests.get(), 4)) {
      files = s.filter(p -> p.toString().endsWith(".rs")).sorted().toList();
    }
    for (Path f : files) {
      List<RustLexer.Token> ts;
      try {
        ts = RustLexer.lex(Files.readString(f, StandardCharsets.UTF_8));
      } catch (RustLexer.LexException e) {
        continue;
      }
      collect(ts, calls);
    }
    return new RecordedCalls(calls, CTraces.Traces.none());
  }

  /** Reads calls from Rust source text (for tests and for callers holding the text). */
  public static RecordedCalls fromSource(String rust) throws RustLexer.LexException {
    Map<String, List<List<List<RustLexer.Token>>>> calls = new LinkedHashMap<>();
    collect(RustLexer.lex(rust), calls);
    return new RecordedCalls(calls, CTraces.Traces.none());
  }

  private static void collect(
      List<RustLexer.Token> ts, Map<String, List<List<List<RustLexer.Token>>>> calls) {
    for (int k = 0; k + 1 < ts.size(); k++) {
      RustLexer.Token t = ts.get(k);
      if (t.kind() != RustLexer.Kind.IDENT || !ts.get(k + 1).is("(")) {
        continue;
      }
      if (k > 0 && (ts.get(k - 1).is("fn") || ts.get(k - 1).is("."))) {
        continue;
      }
      // split the argument list at top-level commas
      List<List<RustLexer.Token>> args = new ArrayList<>();
      List<RustLexer.Token> cur = new ArrayList<>();
      int depth = 0;
      int j = k + 2;
      for (; j < ts.size(); j++) {
        RustLexer.Token a = ts.get(j);
        if (depth == 0 && a.is(")")) {
          break;
        }
        if (depth == 0 && a.is(",")) {
          args.add(cur);
          cur = new ArrayList<>();
          continue;
        }
        if (a.is("(") || a.is("[") || a.is("{")) {
          depth++;
        } else if (a.is(")") || a.is("]") || a.is("}")) {
          depth--;
        }
        cur.add(a);
      }
      if (j >= ts.size()) {
        continue;
      }
      if (!cur.isEmpty()) {
        args.add(cur);
      }
      calls.computeIfAbsent(t.text(), x -> new ArrayList<>()).add(args);
    }
  }

  /** Input lines (the differential tester's format) for every signature with recorded calls. */
  public Map<String, List<String>> inputsFor(List<PortSignature> sigs) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (PortSignature s : sigs) {
      List<String> lines = inputs(s);
      if (!lines.isEmpty()) {
        out.put(s.cName(), lines);
      }
    }
    return out;
  }

  /**
   * The recorded calls of one function as input lines, the Rust tests' literal calls first, then
   * the traced ones; calls it cannot read are left out.
   */
  public List<String> inputs(PortSignature sig) {
    Set<String> out = new LinkedHashSet<>(literalInputs(sig));
    out.addAll(traced(sig.cName()).keySet());
    return new ArrayList<>(out);
  }

  private List<String> literalInputs(PortSignature sig) {
    Set<String> out = new LinkedHashSet<>();
    List<Arg> params =
        sig.args().stream()
            .filter(a -> !(a instanceof Arg.Len) && !(a instanceof Arg.Out))
            .toList();
    for (List<List<RustLexer.Token>> call : calls.getOrDefault(sig.rustName(), List.of())) {
      if (call.size() != params.size()) {
        continue;
      }
      StringBuilder line = new StringBuilder(sig.cName());
      boolean ok = true;
      for (int k = 0; k < params.size() && ok; k++) {
        Optional<String> field = field(params.get(k), call.get(k));
        ok = field.isPresent();
        field.ifPresent(f -> line.append(' ').append(f));
      }
      if (ok) {
        out.add(line.toString());
      }
    }
    return new ArrayList<>(out);
  }

  private static Optional<String> field(Arg a, List<RustLexer.Token> ts) {
    return switch (a) {
      case Arg.Scalar s -> scalar(s.type(), ts);
      case Arg.InOut s -> scalar(s.type(), ts);
      case Arg.Str s ->
          ts.size() == 1 && ts.get(0).text().startsWith("\"")
              ? unquote(ts.get(0).text().substring(1, ts.get(0).text().length() - 1))
                  // a C string ends at its first NUL, so a Rust string holding one is not the same
                  // input on both sides
                  .filter(v -> v.indexOf('\0') < 0)
                  .map(Inputs::hex)
              : Optional.empty();
      case Arg.Slice s -> slice(s.elem(), ts);
      default -> Optional.empty();
    };
  }

  private static Optional<String> slice(CType elem, List<RustLexer.Token> ts) {
    int k = 0;
    if (k < ts.size() && ts.get(k).is("&")) {
      k++;
      if (k < ts.size() && ts.get(k).is("mut")) {
        k++;
      }
    }
    if (k == ts.size() - 1 && ts.get(k).text().startsWith("b\"")) {
      String body = ts.get(k).text();
      Optional<String> bytes = unquote(body.substring(2, body.length() - 1));
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      StringBuilder b = new StringBuilder();
      String v = bytes.get();
      b.append(v.length());
      for (char c : v.toCharArray()) {
        b.append(' ').append((int) c);
      }
      return fits(elem, v.chars().mapToObj(c -> (long) c).toList(), b.toString());
    }
    if (k >= ts.size() || !ts.get(k).is("[") || !ts.get(ts.size() - 1).is("]")) {
      return Optional.empty();
    }
    List<Long> values = new ArrayList<>();
    List<RustLexer.Token> cur = new ArrayList<>();
    for (int j = k + 1; j < ts.size() - 1; j++) {
      if (ts.get(j).is(",")) {
        Optional<Long> v = value(cur);
        if (v.isEmpty()) {
          return Optional.empty();
        }
        values.add(v.get());
        cur = new ArrayList<>();
      } else {
        cur.add(ts.get(j));
      }
    }
    if (!cur.isEmpty()) {
      Optional<Long> v = value(cur);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      values.add(v.get());
    }
    StringBuilder b = new StringBuilder(String.valueOf(values.size()));
    values.forEach(v -> b.append(' ').append(v));
    return fits(elem, values, b.toString());
  }

  private static Optional<String> fits(CType elem, List<Long> values, String field) {
    if (!(elem instanceof CType.Int i)) {
      return Optional.empty();
    }
    for (long v : values) {
      if (v < i.min() || v > i.max()) {
        return Optional.empty();
      }
    }
    return Optional.of(field);
  }

  private static Optional<String> scalar(CType t, List<RustLexer.Token> ts) {
    Optional<Long> v = value(ts);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (t instanceof CType.Bool) {
      return Optional.of(v.get() != 0 ? "1" : "0");
    }
    if (t instanceof CType.Int i && v.get() >= i.min() && v.get() <= i.max()) {
      return Optional.of(String.valueOf(v.get()));
    }
    return Optional.empty();
  }

  /** A literal integer value: {@code -5}, {@code 0x1F_u8}, {@code 'a' as i32}, {@code u8::MAX}. */
  static Optional<Long> value(List<RustLexer.Token> ts) {
    List<RustLexer.Token> t = new ArrayList<>(ts);
    // a trailing `as TYPE` keeps the value (the type check is the parameter's range)
    if (t.size() >= 3 && t.get(t.size() - 2).is("as")) {
      t = t.subList(0, t.size() - 2);
    }
    boolean negative = false;
    if (!t.isEmpty() && t.get(0).is("-")) {
      negative = true;
      t = t.subList(1, t.size());
    }
    if (t.size() == 1 && t.get(0).is("true")) {
      return Optional.of(1L);
    }
    if (t.size() == 1 && t.get(0).is("false")) {
      return Optional.of(0L);
    }
    if (t.size() == 4 && t.get(1).is(":") && t.get(2).is(":")) {
      Optional<CType.Int> it = intType(t.get(0).text());
      if (it.isPresent() && (t.get(3).is("MIN") || t.get(3).is("MAX"))) {
        long v = t.get(3).is("MIN") ? it.get().min() : it.get().max();
        return Optional.of(negative ? -v : v);
      }
      return Optional.empty();
    }
    if (t.size() != 1 || t.get(0).kind() != RustLexer.Kind.LITERAL) {
      return Optional.empty();
    }
    String lit = t.get(0).text();
    Optional<Long> v;
    if (lit.startsWith("'") || lit.startsWith("b'")) {
      String body = lit.substring(lit.indexOf('\'') + 1, lit.length() - 1);
      v = unquote(body).filter(s -> s.length() == 1).map(s -> (long) s.charAt(0));
    } else {
      v = integer(lit);
    }
    boolean minus = negative;
    return v.map(x -> minus ? -x : x);
  }

  private static Optional<Long> integer(String lit) {
    String s = lit.replace("_", "");
    s = s.replaceAll("(?i)(u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize)$", "");
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Optional.of(Long.parseUnsignedLong(s.substring(2), 16));
      }
      if (s.startsWith("0b")) {
        return Optional.of(Long.parseUnsignedLong(s.substring(2), 2));
      }
      if (s.startsWith("0o")) {
        return Optional.of(Long.parseUnsignedLong(s.substring(2), 8));
      }
      return Optional.of(Long.parseLong(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<CType.Int> intType(String name) {
    return switch (name) {
      case "i8" -> Optional.of(new CType.Int("i8", 8, true));
      case "i16" -> Optional.of(new CType.Int("i16", 16, true));
      case "i32" -> Optional.of(CType.INT);
      case "i64" -> Optional.of(new CType.Int("i64", 64, true));
      case "u8" -> Optional.of(CType.U8);
      case "u16" -> Optional.of(new CType.Int("u16", 16, false));
      case "u32" -> Optional.of(new CType.Int("u32", 32, false));
      case "usize" -> Optional.of(CType.USIZE);
      default -> Optional.empty();
    };
  }

  /** The text of a Rust string or character literal's body; escapes it cannot read give empty. */
  private static Optional<String> unquote(String body) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < body.length(); k++) {
      char c = body.charAt(k);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (++k >= body.length()) {
        return Optional.empty();
      }
      switch (body.charAt(k)) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case '0' -> b.append('\0');
        case '\\' -> b.append('\\');
        case '"' -> b.append('"');
        case '\'' -> b.append('\'');
        case 'x' -> {
          if (k + 2 >= body.length()) {
            return Optional.empty();
          }
          try {
            b.append((char) Integer.parseInt(body.substring(k + 1, k + 3), 16));
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
          k += 2;
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(b.toString());
  }
}
