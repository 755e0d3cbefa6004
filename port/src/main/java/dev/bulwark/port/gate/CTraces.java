package dev.bulwark.port.gate;

import dev.bulwark.port.c.CFunction;
import dev.bulwark.port.c.CProgram;
import dev.bulwark.port.c.CStruct;
import dev.bulwark.port.c.CType;
import dev.bulwark.port.translate.Arg;
import dev.bulwark.port.translate.ListShape;
import dev.bulwark.port.translate.PortSignature;
import dev.bulwark.port.translate.Types;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Calls recorded by running the C project's own test programs with instrumentation. The project's
 * files are compiled with {@code -Dname=__bulwark_real_name} for every traced function, so their
 * definitions take the second name; a generated wrapper of the first name, with the same signature,
 * writes the arguments (in the differential tester's input format) before calling the real function
 * and its result (in the harness's output format) after. The test programs are compiled without the
 * renaming, so their calls reach the wrappers. Calls the project makes to itself are not traced:
 * inside the project the renaming sends them straight to the real function.
 *
 * <p>The test programs are built and run exactly as the differential tests run compiled C: with gcc
 * under AddressSanitizer and UndefinedBehaviorSanitizer, in a temporary directory, with a time
 * limit and bounded output, only on the explicit port command.
 */
public final class CTraces {
  /** Seconds one test program may run before it is killed (its traces so far are kept). */
  static final int PROGRAM_SECONDS = 60;

  /** Distinct calls kept per function: a test looping over one function gives enough by then. */
  static final int PER_FUNCTION = 500;

  /** Records the wrappers write in all, so a test calling in a tight loop cannot fill the disk. */
  static final int MAX_RECORDS = 100_000;

  private static final String TRACE_FILE = "bulwark-trace.txt";

  /** One traced call: the input line and what the C returned and wrote in the test's run. */
  public record Call(String input, String output) {}

  /** What a test program did: its name, exit code (-1: killed at the time limit), calls traced. */
  public record Program(String name, int exit, int calls, String error) {}

  /** The calls traced per C function and what each test program did. */
  public record Traces(Map<String, List<Call>> calls, List<Program> programs) {
    public Traces {
      calls = Map.copyOf(calls);
      programs = List.copyOf(programs);
    }

    public static Traces none() {
      return new Traces(Map.of(), List.of());
    }

    public int total() {
      return calls.values().stream().mapToInt(List::size).sum();
    }

    /** One line for the report: programs run, their exit codes and the calls traced. */
    public String summary() {
      if (programs.isEmpty()) {
        return "no C test programs";
      }
      List<String> ps = new ArrayList<>();
      for (Program p : programs) {
        ps.add(
            p.name()
                + (p.error() != null
                    ? " not run: " + p.error()
                    : (p.exit() == -1 ? " killed at the time limit" : " exit " + p.exit())
                        + ", "
                        + p.calls()
                        + " calls traced"));
      }
      return String.join("; ", ps)
          + "; "
          + total()
          + " distinct calls of "
          + calls.size()
          + " functions";
    }
  }

  private CTraces() {}

  /**
   * Builds every {@code .c} file under {@code testsDir} (each a program with its own main) against
   * the project's files, runs it, and returns the traced calls of the functions in {@code sigs}
   * (differentially testable signatures of functions with external linkage).
   */
  public static Traces record(
      List<Path> cFiles, Path testsDir, CProgram program, List<PortSignature> sigs)
      throws IOException, InterruptedException {
    List<Path> programs;
    try (Stream<Path> s = Files.list(testsDir)) {
      programs = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
    }
    Map<String, CFunction> byName = new LinkedHashMap<>();
    program.functions().forEach(f -> byName.put(f.name(), f));
    List<PortSignature> traced =
        sigs.stream()
            .filter(PortSignature::differentiallyTestable)
            .filter(s -> byName.containsKey(s.cName()) && !internal(byName.get(s.cName())))
            .toList();
    Map<String, java.util.LinkedHashMap<String, String>> calls = new LinkedHashMap<>();
    List<Program> ran = new ArrayList<>();
    if (programs.isEmpty()) {
      return new Traces(Map.of(), List.of());
    }
    Path work = Files.createTempDirectory("bulwark-port-trace");
    try {
      Path trace = work.resolve(TRACE_FILE);
      Files.writeString(
          work.resolve("bw_wrappers.c"),
          wrappers(traced, byName, program, trace),
          StandardCharsets.UTF_8);
      List<String> renames = new ArrayList<>();
      for (PortSignature s : traced) {
        renames.add("-D" + s.cName() + "=__bulwark_real_" + s.cName());
      }
      List<String> objects = new ArrayList<>();
      String failed = null;
      int k = 0;
      for (Path f : cFiles) {
        String obj = "p" + k++ + ".o";
        List<String> cmd = new ArrayList<>(compile());
        cmd.addAll(renames);
        // a project main would clash with the test program's own
        cmd.add("-Dmain=bulwark_original_main");
        cmd.addAll(List.of("-c", f.toAbsolutePath().toString(), "-o", obj));
        Exec.Result r = Exec.run(cmd, work, Map.of(), null, 120);
        if (!r.ok()) {
          failed = f.getFileName() + " does not compile: " + Cargo.tail(r.err(), 400);
          break;
        }
        objects.add(obj);
      }
      if (failed == null) {
        List<String> cmd = new ArrayList<>(compile());
        cmd.addAll(List.of("-c", "bw_wrappers.c", "-o", "bw_wrappers.o"));
        Exec.Result r = Exec.run(cmd, work, Map.of(), null, 120);
        if (!r.ok()) {
          failed = "the trace wrappers do not compile: " + Cargo.tail(r.err(), 400);
        }
        objects.add("bw_wrappers.o");
      }
      for (Path testProgram : programs) {
        String name = testProgram.getFileName().toString();
        if (failed != null) {
          ran.add(new Program(name, 0, 0, failed));
          continue;
        }
        String bin = "t_" + name.replaceAll("[^A-Za-z0-9_]", "_");
        List<String> cmd = new ArrayList<>(compile());
        cmd.add("-I");
        cmd.add(testProgram.toAbsolutePath().getParent().toString());
        for (Path f : cFiles) {
          cmd.add("-I");
          cmd.add(f.toAbsolutePath().getParent().toString());
        }
        cmd.add(testProgram.toAbsolutePath().toString());
        cmd.addAll(objects);
        cmd.addAll(List.of("-o", bin));
        Exec.Result cc = Exec.run(cmd, work, Map.of(), null, 120);
        if (!cc.ok()) {
          ran.add(new Program(name, 0, 0, "does not compile: " + Cargo.tail(cc.err(), 400)));
          continue;
        }
        Files.deleteIfExists(trace);
        Exec.Result run =
            Exec.run(
                List.of(work.resolve(bin).toString()),
                work,
                Map.of(
                    "ASAN_OPTIONS",
                    "detect_leaks=0:abort_on_error=0:symbolize=0",
                    "UBSAN_OPTIONS",
                    "halt_on_error=1:print_stacktrace=0:symbolize=0"),
                "",
                PROGRAM_SECONDS);
        int n = read(trace, calls);
        ran.add(new Program(name, run.exit(), n, null));
      }
    } finally {
      DiffTester.deleteTree(work);
    }
    Map<String, List<Call>> out = new LinkedHashMap<>();
    calls.forEach((f, m) -> {
      List<Call> cs = new ArrayList<>();
      m.forEach((in, o) -> cs.add(new Call(in, o)));
      out.put(f, cs);
    });
    return new Traces(out, ran);
  }

  /** A static or inline function cannot be reached from another file, so it is not wrapped. */
  static boolean internal(CFunction f) {
    String head = f.source();
    int brace = head.indexOf('(');
    head = brace < 0 ? head : head.substring(0, brace);
    return head.matches("(?s).*\\b(static|inline)\\b.*");
  }

  private static List<String> compile() {
    return List.of(
        "gcc",
        "-std=gnu11",
        "-O0",
        "-g",
        "-w",
        "-fsanitize=address,undefined",
        "-fno-sanitize-recover=all");
  }

  /** Reads the trace file into the calls per function; returns the records read. */
  private static int read(Path trace, Map<String, java.util.LinkedHashMap<String, String>> calls)
      throws IOException {
    if (!Files.exists(trace)) {
      return 0;
    }
    int n = 0;
    try (Stream<String> lines = Files.lines(trace, StandardCharsets.ISO_8859_1)) {
      for (String line : (Iterable<String>) lines::iterator) {
        int tab = line.indexOf('\t');
        int sp = line.indexOf(' ');
        if (tab < 0) {
          // a record cut short (the program died while writing it)
          continue;
        }
        String input = line.substring(0, tab);
        String name = sp < 0 || sp > tab ? input : input.substring(0, sp);
        n++;
        var m = calls.computeIfAbsent(name, x -> new java.util.LinkedHashMap<>());
        if (m.size() < PER_FUNCTION) {
          m.putIfAbsent(input, line.substring(tab + 1));
        }
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- wrappers

  /** The C of the logging wrappers, one per traced function. */
  static String wrappers(
      List<PortSignature> sigs, Map<String, CFunction> fns, CProgram program, Path trace) {
    StringBuilder b = new StringBuilder();
    b.append("#include <stdio.h>\n#include <string.h>\n#include <stdlib.h>\n")
        .append("static const char BW_TRACE[] = \"")
        .append(cString(trace.toAbsolutePath().toString()))
        .append("\";\n")
        .append("#define BW_MAX_RECORDS ")
        .append(MAX_RECORDS)
        .append("\n")
        .append(
            """
            /* one record is built in a buffer and written whole, so a program that dies mid-call
               leaves no half record; a record too long for the buffer is dropped */
            typedef struct { char s[1 << 16]; size_t n; int ok; } bw_rec;
            static long bw_records;
            static void bw_add(bw_rec *r, const char *fmt, long long v, unsigned long long u, int is_unsigned) {
              if (!r->ok) return;
              if (r->n > sizeof r->s - 64) { r->ok = 0; return; }
              r->n += is_unsigned ? snprintf(r->s + r->n, 64, fmt, u) : snprintf(r->s + r->n, 64, fmt, v);
            }
            static void bw_text(bw_rec *r, const char *t) {
              size_t n = strlen(t);
              if (!r->ok) return;
              if (r->n + n + 1 >= sizeof r->s) { r->ok = 0; return; }
              memcpy(r->s + r->n, t, n + 1); r->n += n;
            }
            static void bw_hex(bw_rec *r, const char *p) {
              if (!r->ok) return;
              if (!p) { r->ok = 0; return; }
              if (!*p) { bw_text(r, "-"); return; }
              for (; *p; p++) {
                if (r->n + 3 >= sizeof r->s) { r->ok = 0; return; }
                r->n += snprintf(r->s + r->n, 3, "%02x", (unsigned char) *p);
              }
            }
            static void bw_write(bw_rec *in, bw_rec *out) {
              if (!in->ok || !out->ok || bw_records >= BW_MAX_RECORDS) return;
              FILE *f = fopen(BW_TRACE, "a");
              if (!f) return;
              fprintf(f, "%s\\t%s\\n", in->s, out->s);
              fclose(f);
              bw_records++;
            }
            """);
    // list nodes, declared here field for field as the project declares them (integers of the same
    // width, the link), so the wrappers can walk the lists they are given and give back
    java.util.Set<String> nodes = new java.util.LinkedHashSet<>();
    for (PortSignature s : sigs) {
      if (s.returnList() != null) {
        nodes.add(s.returnList().type().cName());
      }
      s.args().stream()
          .filter(a -> a instanceof Arg.Linked)
          .forEach(a -> nodes.add(((Arg.Linked) a).type().cName()));
    }
    for (String n : nodes) {
      CStruct st = program.structs().get(n);
      b.append("struct ").append(n).append(" {");
      for (CStruct.Field fl : st.fields()) {
        b.append(' ')
            .append(
                fl.type() instanceof CType.Ptr ? "struct " + n + " *" : Types.c(fl.type()) + " ")
            .append(fl.name())
            .append(';');
      }
      b.append(" };\n");
    }
    for (PortSignature s : sigs) {
      CFunction f = fns.get(s.cName());
      List<String> params = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int k = 0; k < f.params().size(); k++) {
        String v = "p" + k;
        params.add(cDecl(f.params().get(k).type(), v));
        names.add(v);
      }
      String plist = params.isEmpty() ? "void" : String.join(", ", params);
      String ret = cReturn(s.returnType());
      b.append(ret)
          .append(" __bulwark_real_")
          .append(s.cName())
          .append("(")
          .append(plist)
          .append(");\n");
      b.append(ret).append(' ').append(s.cName()).append("(").append(plist).append(") {\n");
      b.append("  static bw_rec in, out; in.n = 0; in.ok = 1; in.s[0] = 0; out.n = 0; out.ok = 1;")
          .append(" out.s[0] = 0;\n");
      b.append("  bw_text(&in, \"").append(s.cName()).append("\");\n");
      // arguments, in the input format, before the call (it may change what they point at)
      List<String> after = new ArrayList<>();
      int k = 0;
      for (Arg a : s.args()) {
        String v = "p" + k;
        switch (a) {
          case Arg.Scalar sc ->
              b.append("  ").append(put("in", " " + fmt(sc.type()), v, sc.type())).append('\n');
          case Arg.Slice sl -> {
            String len = "p" + (k + 1);
            b.append("  if (!").append(v).append(" && ").append(len).append(") in.ok = 0;\n");
            b.append("  bw_add(&in, \" %llu\", 0, (unsigned long long) ")
                .append(len)
                .append(", 1);\n");
            b.append("  for (unsigned long long i = 0; in.ok && i < (unsigned long long) ")
                .append(len)
                .append("; i++) ")
                .append(put("in", " " + fmt(sl.elem()), v + "[i]", sl.elem()))
                .append('\n');
            if (sl.mutable()) {
              after.add(
                  "  for (unsigned long long i = 0; out.ok && i < (unsigned long long) "
                      + len
                      + "; i++) "
                      + put("out", " " + fmt(sl.elem()), v + "[i]", sl.elem()));
            }
          }
          case Arg.Len l -> {}
          case Arg.Str st ->
              b.append("  bw_text(&in, \" \"); bw_hex(&in, ").append(v).append(");\n");
          case Arg.InOut io -> {
            b.append("  if (!").append(v).append(") in.ok = 0;\n");
            b.append("  if (in.ok) ")
                .append(put("in", " " + fmt(io.type()), "*" + v, io.type()))
                .append('\n');
            after.add("  if (out.ok) " + put("out", " " + fmt(io.type()), "*" + v, io.type()));
          }
          case Arg.Out o -> {
            b.append("  if (!").append(v).append(") in.ok = 0;\n");
            after.add("  if (out.ok) " + put("out", " " + fmt(o.type()), "*" + v, o.type()));
          }
          case Arg.Linked l -> {
            // logged before the call: a function that takes the list over may free it
            ListShape sh = l.shape();
            String node = "struct " + sh.type().cName();
            b.append("  { unsigned long long n = 0; for (const ")
                .append(node)
                .append(" *q = ")
                .append(v)
                .append("; q && n <= 10000; q = q->")
                .append(sh.link())
                .append(") n++;\n");
            b.append("    if (n > 10000) in.ok = 0;\n");
            b.append("    bw_add(&in, \" %llu\", 0, n, 1);\n");
            b.append("    for (const ")
                .append(node)
                .append(" *q = ")
                .append(v)
                .append("; in.ok && q; q = q->")
                .append(sh.link())
                .append(") ")
                .append(put("in", " " + fmt(sh.valueType()), "q->" + sh.value(), sh.valueType()))
                .append(" }\n");
          }
          case Arg.StructRef sr ->
              throw new IllegalArgumentException("struct arguments are not traced");
        }
        k++;
      }
      String call = "__bulwark_real_" + s.cName() + "(" + String.join(", ", names) + ")";
      if (s.returnType() instanceof CType.Void) {
        b.append("  ").append(call).append(";\n  bw_text(&out, \"-\");\n");
      } else if (s.returnList() != null) {
        ListShape sh = s.returnList();
        String node = "struct " + sh.type().cName();
        b.append("  ").append(ret).append(" r = ").append(call).append(";\n");
        b.append("  { long long n = 0; for (const ")
            .append(node)
            .append(" *q = r; q && n <= 10000; q = q->")
            .append(sh.link())
            .append(") n++;\n");
        b.append("    if (n > 10000) out.ok = 0;\n");
        b.append("    bw_add(&out, \"%lld\", n, 0, 0);\n");
        b.append("    for (const ")
            .append(node)
            .append(" *q = r; out.ok && q; q = q->")
            .append(sh.link())
            .append(") ")
            .append(put("out", " " + fmt(sh.valueType()), "q->" + sh.value(), sh.valueType()))
            .append(" }\n");
      } else if (s.returnType() instanceof CType.Ptr) {
        b.append("  ").append(ret).append(" r = ").append(call).append(";\n");
        b.append("  bw_hex(&out, r);\n");
      } else {
        b.append("  ").append(ret).append(" r = ").append(call).append(";\n");
        b.append("  ").append(put("out", fmt(s.returnType()), "r", s.returnType())).append('\n');
      }
      after.forEach(x -> b.append(x).append('\n'));
      b.append("  bw_write(&in, &out);\n");
      b.append(s.returnType() instanceof CType.Void ? "}\n" : "  return r;\n}\n");
    }
    return b.toString();
  }

  private static String put(String rec, String fmt, String v, CType t) {
    boolean u = t instanceof CType.Int i && !i.signed();
    return "bw_add(&"
        + rec
        + ", \""
        + fmt
        + "\", (long long) "
        + v
        + ", (unsigned long long) "
        + v
        + ", "
        + (u ? 1 : 0)
        + ");";
  }

  private static String fmt(CType t) {
    return t instanceof CType.Int i && !i.signed() ? "%llu" : "%lld";
  }

  /** A declaration of the same width and signedness as the C parameter (the ABI is what counts). */
  private static String cDecl(CType t, String name) {
    if (t instanceof CType.Ptr p && p.target() instanceof CType.Struct st) {
      return (p.constTarget() ? "const " : "") + "struct " + st.cName() + " *" + name;
    }
    if (t instanceof CType.Ptr p) {
      String target =
          p.target() instanceof CType.Int || p.target() instanceof CType.Bool
              ? Types.c(p.target())
              : "void";
      return (p.constTarget() ? "const " : "") + target + " *" + name;
    }
    return Types.c(t) + " " + name;
  }

  private static String cReturn(CType t) {
    if (t instanceof CType.Void) {
      return "void";
    }
    if (t instanceof CType.Ptr p && p.target() instanceof CType.Struct st) {
      return "struct " + st.cName() + " *";
    }
    if (t instanceof CType.Ptr) {
      return "char *";
    }
    return Types.c(t);
  }

  private static String cString(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
