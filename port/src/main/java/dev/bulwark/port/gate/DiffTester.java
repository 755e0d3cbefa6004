package dev.bulwark.port.gate;

import dev.bulwark.port.c.CType;
import dev.bulwark.port.translate.Arg;
import dev.bulwark.port.translate.ListShape;
import dev.bulwark.port.translate.Names;
import dev.bulwark.port.translate.PortSignature;
import dev.bulwark.port.translate.Translator;
import dev.bulwark.port.translate.Types;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Differential tests: the project's C is compiled with gcc (with AddressSanitizer and
 * UndefinedBehaviorSanitizer) into a harness, the Rust crate into another, and both run the same
 * inputs; each input runs in a forked child on the C side and under catch_unwind on the Rust side.
 * An input on which the C is undefined (a sanitizer stops it) says nothing about the port and is
 * set aside; every other input must give the same output on both sides.
 */
public final class DiffTester {
  /** Seconds one input may run on the C side before it is killed and set aside. */
  static final int INPUT_SECONDS = 3;

  private final List<Path> cFiles;
  private final Cargo cargo;
  private final long seed;
  private final int perFunction;

  /** An input on which the two sides differ. */
  public record Mismatch(String input, String c, String rust) {}

  /**
   * What the differential test found for one function: {@code inputs} run, of which {@code
   * recorded} came from the project's tests ({@code traced} of them traced in a run of its C tests,
   * whose outputs in that run the Rust must also give), {@code compared} compared (the rest set
   * aside).
   */
  public record Report(
      String function,
      int inputs,
      int recorded,
      int traced,
      int compared,
      int cUndefined,
      List<Mismatch> mismatches,
      String error) {
    public Report {
      mismatches = List.copyOf(mismatches);
    }

    public boolean passed() {
      return error == null && mismatches.isEmpty() && compared > 0;
    }

    public String summary() {
      if (error != null) {
        return "differential test not run: " + error;
      }
      String s =
          compared
              + "/"
              + inputs
              + " inputs agree"
              + (recorded > 0
                  ? " ("
                      + recorded
                      + " recorded from the tests"
                      + (traced > 0 ? ", " + traced + " of them traced in the C tests' run" : "")
                      + ")"
                  : "")
              + (cUndefined > 0
                  ? " (" + cUndefined + " set aside: the C is undefined or does not finish on them)"
                  : "");
      if (!mismatches.isEmpty()) {
        Mismatch m = mismatches.get(0);
        s =
            mismatches.size()
                + " of "
                + inputs
                + " inputs differ; first: "
                + m.input()
                + " → C "
                + m.c()
                + ", Rust "
                + m.rust();
      }
      return s;
    }
  }

  public DiffTester(List<Path> cFiles, Cargo cargo, long seed, int perFunction) {
    this.cFiles = List.copyOf(cFiles);
    this.cargo = cargo;
    this.seed = seed;
    this.perFunction = perFunction;
  }

  /** Runs every testable signature against the crate; the result is keyed by C function name. */
  public Map<String, Report> run(
      Path crate, String crateName, List<PortSignature> sigs, Map<String, List<String>> extraInputs)
      throws IOException, InterruptedException {
    return run(crate, crateName, sigs, extraInputs, Map.of());
  }

  /**
   * As above, with calls traced in a run of the C tests (per C function, input line → the C's
   * output in that run): on those inputs the Rust must give what the C gave there as well as what
   * the harness gives, so a function whose result depends on more than its arguments (state the
   * tests built up) is caught.
   */
  public Map<String, Report> run(
      Path crate,
      String crateName,
      List<PortSignature> sigs,
      Map<String, List<String>> extraInputs,
      Map<String, Map<String, String>> traced)
      throws IOException, InterruptedException {
    Map<String, Report> out = new LinkedHashMap<>();
    List<PortSignature> testable =
        sigs.stream().filter(PortSignature::differentiallyTestable).toList();
    if (testable.isEmpty()) {
      return out;
    }
    Path work = Files.createTempDirectory("bulwark-port-diff");
    try {
      Files.writeString(work.resolve("harness.c"), cHarness(testable), StandardCharsets.UTF_8);
      List<String> gcc =
          new ArrayList<>(
              List.of(
                  "gcc",
                  "-std=gnu11",
                  "-O0",
                  "-g",
                  "-w",
                  "-fsanitize=address,undefined",
                  "-fno-sanitize-recover=all",
                  "-Dmain=bulwark_original_main"));
      for (Path f : cFiles) {
        gcc.add("-I");
        gcc.add(f.toAbsolutePath().getParent().toString());
      }
      gcc.addAll(List.of("harness.c", "-o", "c_harness"));
      Exec.Result cc = Exec.run(gcc, work, Map.of(), null, 120);
      if (!cc.ok()) {
        return failed(testable, "the C harness does not compile: " + Cargo.tail(cc.err(), 600));
      }
      Path rh = work.resolve("rust_harness");
      Files.createDirectories(rh.resolve("src"));
      Files.writeString(
          rh.resolve("Cargo.toml"),
          RustCrate.cargoToml("rust_harness", crate.toAbsolutePath()),
          StandardCharsets.UTF_8);
      Files.writeString(rh.resolve("src/main.rs"), rustHarness(testable), StandardCharsets.UTF_8);
      Cargo.Outcome built = cargo.build(rh);
      if (!built.ok()) {
        return failed(testable, "the Rust harness does not build: " + Cargo.tail(built.log(), 600));
      }
      Path rbin = rh.resolve("target/debug/rust_harness");
      for (PortSignature s : testable) {
        List<String> recorded = extraInputs.getOrDefault(s.cName(), List.of());
        List<String> inputs = Inputs.generate(s, seed, perFunction, recorded);
        String stdin = String.join("\n", inputs) + "\n";
        Exec.Result c =
            Exec.run(
                List.of(work.resolve("c_harness").toString()),
                work,
                Map.of(
                    "ASAN_OPTIONS",
                    "detect_leaks=0:abort_on_error=0:symbolize=0",
                    "UBSAN_OPTIONS",
                    "halt_on_error=1:print_stacktrace=0:symbolize=0"),
                stdin,
                300);
        Exec.Result r =
            Exec.run(List.of(rbin.toString()), work, Map.of("RUST_BACKTRACE", "0"), stdin, 300);
        out.put(
            s.cName(),
            compare(s, inputs, recorded.size(), traced.getOrDefault(s.cName(), Map.of()), c, r));
      }
      return out;
    } finally {
      deleteTree(work);
    }
  }

  /** Every function untested, for one reason (a harness that does not build). */
  private static Map<String, Report> failed(List<PortSignature> testable, String why) {
    Map<String, Report> out = new LinkedHashMap<>();
    for (PortSignature s : testable) {
      out.put(s.cName(), new Report(s.cName(), 0, 0, 0, 0, 0, List.of(), why));
    }
    return out;
  }

  private static Report compare(
      PortSignature s,
      List<String> inputs,
      int recorded,
      Map<String, String> traced,
      Exec.Result c,
      Exec.Result r) {
    int tracedRun = (int) inputs.stream().filter(traced::containsKey).count();
    if (c.exit() == -1 || r.exit() == -1) {
      return new Report(
          s.cName(),
          inputs.size(),
          recorded,
          tracedRun,
          0,
          0,
          List.of(),
          (c.exit() == -1 ? "the C harness" : "the Rust harness") + " timed out");
    }
    String[] co = c.out().split("\n", -1);
    String[] ro = r.out().split("\n", -1);
    int compared = 0;
    int undefined = 0;
    List<Mismatch> ms = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      String cv = k < co.length ? co[k].strip() : "<no output>";
      String rv = k < ro.length ? ro[k].strip() : "<no output>";
      if (cv.equals("CRASH") || cv.equals("TIMEOUT")) {
        undefined++;
        continue;
      }
      compared++;
      String rust = rv.equals("PANIC") ? "panicked" : rv;
      String inTests = traced.get(inputs.get(k));
      if (!cv.equals(rv)) {
        ms.add(new Mismatch(Inputs.describe(s, inputs.get(k)), cv, rust));
      } else if (inTests != null && !inTests.equals(rv)) {
        ms.add(
            new Mismatch(
                Inputs.describe(s, inputs.get(k)),
                inTests + " in the C tests' run (" + cv + " called alone)",
                rust));
      }
    }
    return new Report(s.cName(), inputs.size(), recorded, tracedRun, compared, undefined, ms, null);
  }

  // ---------------------------------------------------------------- C side

  /**
   * The classification functions of {@code <ctype.h>} take an unsigned char value or EOF; any other
   * argument is undefined behaviour (C11 7.4p1), which glibc answers by reading memory beside its
   * tables (a wrong answer, or a fault a forked sanitized child may hang on). The harness stops
   * such an input the way a sanitizer stops any other undefined behaviour, so it is set aside. The
   * project's own {@code #include <ctype.h>} comes after this and is skipped by its include guard.
   */
  static final String CTYPE_DOMAIN;

  static {
    StringBuilder b =
        new StringBuilder(
            "#include <ctype.h>\n"
                + "static int bw_ctype(int c) { if (c != EOF && (c < 0 || c > 255)) abort();"
                + " return c; }\n");
    for (String f :
        List.of(
            "isalnum",
            "isalpha",
            "isblank",
            "iscntrl",
            "isdigit",
            "isgraph",
            "islower",
            "isprint",
            "ispunct",
            "isspace",
            "isupper",
            "isxdigit",
            "tolower",
            "toupper")) {
      b.append("#undef ")
          .append(f)
          .append("\n#define ")
          .append(f)
          .append("(c) (")
          .append(f)
          .append(")(bw_ctype(c))\n");
    }
    CTYPE_DOMAIN = b.toString();
  }

  String cHarness(List<PortSignature> sigs) {
    StringBuilder b = new StringBuilder();
    b.append("#define _GNU_SOURCE\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n")
        .append("#include <unistd.h>\n#include <signal.h>\n#include <sys/wait.h>\n")
        .append("#define BW_SECONDS ")
        .append(INPUT_SECONDS)
        .append("\n")
        .append(CTYPE_DOMAIN);
    for (Path f : cFiles) {
      b.append("#include \"")
          .append(f.toAbsolutePath().toString().replace("\\", "/"))
          .append("\"\n");
    }
    b.append(
        """
        static char *bw_tok(char **save) { return strtok_r(NULL, " ", save); }
        static long long bw_int(char **save) { char *t = bw_tok(save); return t ? strtoll(t, NULL, 10) : 0; }
        static unsigned long long bw_uint(char **save) { char *t = bw_tok(save); return t ? strtoull(t, NULL, 10) : 0; }
        static char *bw_str(char **save) {
          char *t = bw_tok(save);
          if (!t || strcmp(t, "-") == 0) { char *e = malloc(1); e[0] = 0; return e; }
          size_t n = strlen(t) / 2; char *s = malloc(n + 1);
          for (size_t k = 0; k < n; k++) { unsigned v; sscanf(t + 2 * k, "%2x", &v); s[k] = (char) v; }
          s[n] = 0; return s;
        }
        static char bw_out[1 << 16]; static size_t bw_len;
        static void bw_puthex(const char *p) {
          if (!*p) { if (bw_len < sizeof bw_out - 2) { bw_out[bw_len++] = '-'; bw_out[bw_len] = 0; } return; }
          for (; *p && bw_len < sizeof bw_out - 3; p++) bw_len += snprintf(bw_out + bw_len, 3, "%02x", (unsigned char) *p);
        }
        static void bw_put(const char *fmt, long long v, unsigned long long u, int is_unsigned) {
          if (bw_len > sizeof bw_out - 64) return;
          bw_len += is_unsigned ? snprintf(bw_out + bw_len, 64, fmt, u) : snprintf(bw_out + bw_len, 64, fmt, v);
        }
        """);
    for (PortSignature s : sigs) {
      b.append("static void bw_call_").append(s.cName()).append("(char **save) {\n");
      List<String> call = new ArrayList<>();
      List<String> after = new ArrayList<>();
      int k = 0;
      for (Arg a : s.args()) {
        String v = "a" + k++;
        switch (a) {
          case Arg.Scalar sc -> {
            b.append("  ")
                .append(Types.c(sc.type()))
                .append(' ')
                .append(v)
                .append(" = (")
                .append(Types.c(sc.type()))
                .append(") ")
                .append(reader(sc.type()))
                .append(";\n");
            call.add(v);
          }
          case Arg.Slice sl -> {
            String ct = Types.c(sl.elem());
            b.append("  size_t ").append(v).append("n = (size_t) bw_int(save);\n");
            b.append("  ")
                .append(ct)
                .append(" *")
                .append(v)
                .append(" = malloc(")
                .append(v)
                .append("n * sizeof(")
                .append(ct)
                .append(") + (")
                .append(v)
                .append("n == 0));\n");
            b.append("  for (size_t i = 0; i < ")
                .append(v)
                .append("n; i++) ")
                .append(v)
                .append("[i] = (")
                .append(ct)
                .append(") ")
                .append(reader(sl.elem()))
                .append(";\n");
            call.add("(void *) " + v);
            if (sl.mutable()) {
              after.add(
                  "  for (size_t i = 0; i < "
                      + v
                      + "n; i++) bw_put(\" "
                      + fmt(sl.elem())
                      + "\", (long long) "
                      + v
                      + "[i], (unsigned long long) "
                      + v
                      + "[i], "
                      + (sl.elem().signed() ? 0 : 1)
                      + ");\n");
            }
          }
          case Arg.Len l -> {
            String slice = "a" + (k - 2);
            call.add("(" + Types.c(l.type()) + ") " + slice + "n");
          }
          case Arg.Str st -> {
            b.append("  char *").append(v).append(" = bw_str(save);\n");
            call.add("(void *) " + v);
          }
          case Arg.Out o -> {
            b.append("  ").append(Types.c(o.type())).append(' ').append(v).append(" = 0;\n");
            call.add("(void *) &" + v);
            after.add(
                "  bw_put(\" "
                    + fmt(o.type())
                    + "\", (long long) "
                    + v
                    + ", (unsigned long long) "
                    + v
                    + ", "
                    + (unsignedOf(o.type()) ? 1 : 0)
                    + ");\n");
          }
          case Arg.InOut io -> {
            b.append("  ")
                .append(Types.c(io.type()))
                .append(' ')
                .append(v)
                .append(" = (")
                .append(Types.c(io.type()))
                .append(") ")
                .append(reader(io.type()))
                .append(";\n");
            call.add("(void *) &" + v);
            after.add(
                "  bw_put(\" "
                    + fmt(io.type())
                    + "\", (long long) "
                    + v
                    + ", (unsigned long long) "
                    + v
                    + ", "
                    + (unsignedOf(io.type()) ? 1 : 0)
                    + ");\n");
          }
          case Arg.Linked l -> {
            // the list is built from its values, head first, in nodes the C allocates as it would
            ListShape sh = l.shape();
            String node = "struct " + sh.type().cName();
            b.append("  size_t ").append(v).append("n = (size_t) bw_int(save);\n");
            b.append("  long long *")
                .append(v)
                .append("v = malloc(sizeof(long long) * (")
                .append(v)
                .append("n + 1));\n");
            b.append("  for (size_t i = 0; i < ")
                .append(v)
                .append("n; i++) ")
                .append(v)
                .append("v[i] = ")
                .append(reader(sh.valueType()))
                .append(";\n");
            b.append("  ").append(node).append(" *").append(v).append(" = NULL;\n");
            b.append("  for (size_t i = ")
                .append(v)
                .append("n; i-- > 0;) { ")
                .append(node)
                .append(" *q = calloc(1, sizeof *q); q->")
                .append(sh.value())
                .append(" = (")
                .append(Types.c(sh.valueType()))
                .append(") ")
                .append(v)
                .append("v[i]; q->")
                .append(sh.link())
                .append(" = ")
                .append(v)
                .append("; ")
                .append(v)
                .append(" = q; }\n");
            b.append("  free(").append(v).append("v);\n");
            call.add(v);
          }
          case Arg.StructRef sr ->
              throw new IllegalArgumentException(
                  "struct arguments are not differentially testable");
        }
      }
      b.append("  bw_len = 0; bw_out[0] = 0;\n");
      String invocation = s.cName() + "(" + String.join(", ", call) + ")";
      if (s.returnType() instanceof CType.Void) {
        b.append("  ").append(invocation).append(";\n  bw_put(\"-\", 0, 0, 0);\n");
      } else if (Translator.ownedString(s.returnType())) {
        // the caller owns the string: printed as hex (a NULL is a crash, as it would be for any
        // caller reading it) and freed
        b.append("  char *r = ").append(invocation).append(";\n");
        b.append("  bw_puthex(r);\n  free(r);\n");
      } else if (s.returnList() != null) {
        // the returned list: its length, then its values from the head (a cycle shows as a list
        // cut at 100000 nodes, which no port gives back)
        ListShape sh = s.returnList();
        b.append("  struct ")
            .append(sh.type().cName())
            .append(" *r = ")
            .append(invocation)
            .append(";\n");
        b.append("  long long rn = 0; for (struct ")
            .append(sh.type().cName())
            .append(" *q = r; q && rn < 100000; q = q->")
            .append(sh.link())
            .append(") rn++;\n");
        b.append("  bw_put(\"%lld\", rn, 0, 0);\n");
        b.append("  long long rk = 0; for (struct ")
            .append(sh.type().cName())
            .append(" *q = r; q && rk < rn; q = q->")
            .append(sh.link())
            .append(", rk++) bw_put(\" ")
            .append(fmt(sh.valueType()))
            .append("\", (long long) q->")
            .append(sh.value())
            .append(", (unsigned long long) q->")
            .append(sh.value())
            .append(", ")
            .append(unsignedOf(sh.valueType()) ? 1 : 0)
            .append(");\n");
      } else {
        b.append("  ")
            .append(Types.c(s.returnType()))
            .append(" r = ")
            .append(invocation)
            .append(";\n");
        b.append("  bw_put(\"")
            .append(fmt(s.returnType()))
            .append("\", (long long) r, (unsigned long long) r, ")
            .append(unsignedOf(s.returnType()) ? 1 : 0)
            .append(");\n");
      }
      after.forEach(b::append);
      b.append("  printf(\"%s\\n\", bw_out);\n}\n");
    }
    b.append(
        "static void bw_dispatch(char *line) {\n  char *save = NULL; char *name = strtok_r(line, \" \", &save);\n  if (!name) return;\n");
    for (PortSignature s : sigs) {
      b.append("  if (strcmp(name, \"")
          .append(s.cName())
          .append("\") == 0) { bw_call_")
          .append(s.cName())
          .append("(&save); return; }\n");
    }
    b.append(
        """
          printf("UNKNOWN\\n");
        }
        #undef main
        int main(void) {
          setvbuf(stdout, NULL, _IONBF, 0);
          char *line = NULL; size_t cap = 0; ssize_t n;
          while ((n = getline(&line, &cap, stdin)) > 0) {
            line[strcspn(line, "\\n")] = 0;
            pid_t pid = fork();
            /* each input gets its own time limit: a C input that loops or deadlocks (a sanitizer
               report in a forked child can) is killed by SIGALRM and set aside, not waited for */
            if (pid == 0) { alarm(BW_SECONDS); bw_dispatch(line); fflush(stdout); _exit(0); }
            int st = 0; waitpid(pid, &st, 0);
            if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM) printf("TIMEOUT\\n");
            else if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0)) printf("CRASH\\n");
          }
          return 0;
        }
        """);
    return b.toString();
  }

  private static boolean unsignedOf(CType t) {
    return t instanceof CType.Int i && !i.signed();
  }

  private static String fmt(CType t) {
    return unsignedOf(t) ? "%llu" : "%lld";
  }

  private static String reader(CType t) {
    return unsignedOf(t) ? "bw_uint(save)" : "bw_int(save)";
  }

  // ---------------------------------------------------------------- Rust side

  String rustHarness(List<PortSignature> sigs) {
    StringBuilder b = new StringBuilder();
    b.append(
"""
        #![forbid(unsafe_code)]
        use std::io::BufRead;
        use std::io::Write;

        const SECONDS: u64 = %d;
"""
                .formatted(INPUT_SECONDS))
        .append(
            """

            fn int(t: &mut std::str::SplitWhitespace) -> i128 {
                t.next().map(|v| v.parse::<i128>().unwrap_or(0)).unwrap_or(0)
            }

            fn string(t: &mut std::str::SplitWhitespace) -> String {
                let h = t.next().unwrap_or("-");
                if h == "-" {
                    return String::new();
                }
                let bytes: Vec<u8> = (0..h.len() / 2).map(|k| u8::from_str_radix(&h[2 * k..2 * k + 2], 16).unwrap_or(0)).collect();
                String::from_utf8(bytes).unwrap_or_default()
            }

            #[allow(dead_code)]
            fn hex(s: &str) -> String {
                if s.is_empty() {
                    return "-".to_string();
                }
                s.bytes().map(|b| format!("{:02x}", b)).collect()
            }

            fn main() {
                std::panic::set_hook(Box::new(|_| {}));
                let stdin = std::io::stdin();
                let stdout = std::io::stdout();
                let mut out = stdout.lock();
                for line in stdin.lock().lines() {
                    let line = line.unwrap_or_default();
                    // each input on its own thread with a time limit, so one that never ends is a
                    // difference on that input instead of a harness that never answers
                    let (tx, rx) = std::sync::mpsc::channel();
                    std::thread::spawn(move || {
                        let r = std::panic::catch_unwind(|| call(&line));
                        let _ = tx.send(r.unwrap_or_else(|_| "PANIC".to_string()));
                    });
                    match rx.recv_timeout(std::time::Duration::from_secs(SECONDS)) {
                        Ok(s) => writeln!(out, "{}", s).unwrap(),
                        Err(_) => writeln!(out, "TIMEOUT").unwrap(),
                    }
                }
                out.flush().unwrap();
                std::process::exit(0);
            }

            fn call(line: &str) -> String {
                let mut t = line.split_whitespace();
                let name = t.next().unwrap_or("");
                let mut o = String::new();
                match name {
            """);
    for (PortSignature s : sigs) {
      b.append("        \"").append(s.cName()).append("\" => {\n");
      List<String> callArgs = new ArrayList<>();
      List<String> outs = new ArrayList<>();
      int k = 0;
      for (Arg a : s.args()) {
        String v = "a" + k++;
        switch (a) {
          case Arg.Scalar sc -> {
            b.append("            let ")
                .append(v)
                .append(" = ")
                .append(fromInt(sc.type()))
                .append(";\n");
            callArgs.add(v);
          }
          case Arg.Slice sl -> {
            b.append("            let n = int(&mut t) as usize;\n");
            b.append("            let ")
                .append(sl.mutable() ? "mut " : "")
                .append(v)
                .append(": Vec<")
                .append(sl.elem().rust())
                .append("> = (0..n).map(|_| int(&mut t) as ")
                .append(sl.elem().rust())
                .append(").collect();\n");
            callArgs.add((sl.mutable() ? "&mut " : "&") + v);
            if (sl.mutable()) {
              outs.add("for x in " + v + ".iter() { o.push_str(&format!(\" {}\", x)); }");
            }
          }
          case Arg.Len l -> {}
          case Arg.Str st -> {
            b.append("            let ").append(v).append(" = string(&mut t);\n");
            callArgs.add("&" + v);
          }
          case Arg.InOut io -> {
            b.append("            let mut ")
                .append(v)
                .append(" = int(&mut t) as ")
                .append(io.type().rust())
                .append(";\n");
            callArgs.add("&mut " + v);
            outs.add("o.push_str(&format!(\" {}\", " + v + "));");
          }
          case Arg.Out ou -> {}
          case Arg.Linked l -> {
            ListShape sh = l.shape();
            String node = "port_under_test::" + sh.type().rustName();
            b.append("            let n = int(&mut t) as usize;\n");
            b.append(
                "            let "
                    + v
                    + "vals: Vec<i128> = (0..n).map(|_| int(&mut t)).collect();\n");
            b.append("            let mut ")
                .append(v)
                .append(": Option<Box<")
                .append(node)
                .append(">> = None;\n");
            b.append("            for x in " + v + "vals.iter().rev() { ")
                .append(v)
                .append(" = Some(Box::new(")
                .append(node)
                .append(" { ")
                .append(Names.ident(sh.value()))
                .append(": *x as ")
                .append(sh.valueType().rust())
                .append(", ")
                .append(Names.ident(sh.link()))
                .append(": ")
                .append(v)
                .append(" })); }\n");
            callArgs.add(l.owned() ? v : "&" + v);
          }
          case Arg.StructRef sr ->
              throw new IllegalArgumentException(
                  "struct arguments are not differentially testable");
        }
      }
      List<String> rets = new ArrayList<>();
      if (!(s.returnType() instanceof CType.Void)) {
        rets.add("r");
      }
      for (int q = 0; q < s.outs().size(); q++) {
        rets.add("out" + q);
      }
      String pattern =
          rets.isEmpty()
              ? "_r"
              : rets.size() == 1 ? rets.get(0) : "(" + String.join(", ", rets) + ")";
      b.append("            let ")
          .append(pattern)
          .append(" = port_under_test::")
          .append(s.rustName())
          .append("(")
          .append(String.join(", ", callArgs))
          .append(");\n");
      if (s.returnType() instanceof CType.Void) {
        b.append("            o.push('-');\n");
      } else if (Translator.ownedString(s.returnType())) {
        b.append("            o.push_str(&hex(&r));\n");
      } else if (s.returnList() != null) {
        ListShape sh = s.returnList();
        b.append("            let mut vals = Vec::new();\n");
        b.append("            let mut c = r.as_deref();\n");
        b.append(
                "            while let Some(x) = c { if vals.len() >= 100000 { break; } vals.push(x.")
            .append(Names.ident(sh.value()))
            .append(".to_string()); c = x.")
            .append(Names.ident(sh.link()))
            .append(".as_deref(); }\n");
        b.append("            o.push_str(&vals.len().to_string());\n");
        b.append("            for x in vals { o.push(' '); o.push_str(&x); }\n");
        // a long list dropped node by node: the derived drop recurses once per node
        b.append("            let mut c = r;\n");
        b.append("            while let Some(mut x) = c { c = x.")
            .append(Names.ident(sh.link()))
            .append(".take(); }\n");
      } else {
        b.append("            o.push_str(&format!(\"{}\", ")
            .append(show("r", s.returnType()))
            .append("));\n");
      }
      int q = 0;
      for (Arg.Out ou : s.outs()) {
        b.append("            o.push_str(&format!(\" {}\", ")
            .append(show("out" + q++, ou.type()))
            .append("));\n");
      }
      for (String x : outs) {
        b.append("            ").append(x).append('\n');
      }
      b.append("        }\n");
    }
    b.append("        _ => o.push_str(\"UNKNOWN\"),\n    }\n    o\n}\n");
    return b.toString();
  }

  private static String fromInt(CType t) {
    return t instanceof CType.Bool
        ? "int(&mut t) != 0"
        : "int(&mut t) as " + ((CType.Int) t).rust();
  }

  private static String show(String v, CType t) {
    return t instanceof CType.Bool ? "u8::from(" + v + ")" : v;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
