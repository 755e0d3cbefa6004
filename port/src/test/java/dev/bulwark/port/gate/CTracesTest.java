package dev.bulwark.port.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.port.PortToolchain;
import dev.bulwark.port.c.CFrontEnd;
import dev.bulwark.port.c.CFunction;
import dev.bulwark.port.c.CProgram;
import dev.bulwark.port.translate.PortSignature;
import dev.bulwark.port.translate.Translator;
import dev.bulwark.port.translate.Unsupported;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls traced by running the C project's own test programs with logging wrappers, and their use in
 * the differential check: an input only the C tests make, and state the tests build up, are both
 * caught.
 */
class CTracesTest {

  /** A function whose one odd input the generator never makes, and one that keeps state. */
  static final String C =
      """
      int magic(int x) { return x == 123457 ? 1 : 0; }
      static int calls;
      int counted(int x) { calls++; return x + calls; }
      int sum(const int *a, unsigned long n) { int s = 0; for (unsigned long i = 0; i < n; i++) s += a[i]; return s; }
      """;

  static final String TEST =
      """
      #include <stdio.h>
      int magic(int x);
      int counted(int x);
      int sum(const int *a, unsigned long n);
      int main(void) {
          int v = 1;
          for (int i = 0; i < 5; i++) v = v * 10 + i + 2;
          v += 1;   /* 123457, made at run time: no literal for the Rust tests' reader */
          int a[] = {v, -v, 7};
          printf("%d %d %d\\n", magic(v), counted(1), counted(1));
          return sum(a, 3) == 7 ? 0 : 1;
      }
      """;

  static final String RUST =
      """
      pub fn magic(_x: i32) -> i32 {
          0
      }

      pub fn counted(x: i32) -> i32 {
          x + 1
      }

      pub fn sum(a: &[i32]) -> i32 {
          a.iter().sum()
      }
      """;

  @Test
  void tracedCalls_carryTheTestsInputsAndResults_andAreCaughtWhereThePortDiffers(@TempDir Path dir)
      throws Exception {
    PortToolchain.requireRust();
    Path src = Files.createDirectories(dir.resolve("src"));
    Path tests = Files.createDirectories(dir.resolve("ctests"));
    Path c = src.resolve("lib.c");
    Files.writeString(c, C);
    Files.writeString(tests.resolve("lib_test.c"), TEST);
    CProgram program = CFrontEnd.parse(src);
    List<PortSignature> sigs = signatures(program);

    CTraces.Traces traces = CTraces.record(List.of(c), tests, program, sigs);
    assertThat(traces.programs())
        .singleElement()
        .satisfies(p -> {
          assertThat(p.error()).isNull();
          assertThat(p.exit()).isZero();
          assertThat(p.calls()).isEqualTo(4);
        });
    assertThat(traces.calls().get("magic")).containsExactly(new CTraces.Call("magic 123457", "1"));
    // the second call of counted(1) gives 3: what it returns depends on more than its argument
    assertThat(traces.calls().get("counted")).containsExactly(new CTraces.Call("counted 1", "2"));
    assertThat(traces.calls().get("sum"))
        .containsExactly(new CTraces.Call("sum 3 123457 -123457 7", "7"));

    Path crate = dir.resolve("crate");
    RustCrate.write(crate, "traced", List.of(new RustCrate.Unit("all", RUST)));
    DiffTester tester = new DiffTester(List.of(c), Cargo.fromEnvironment(), 7, 60);

    // generated inputs alone do not find the planted difference in magic
    Map<String, DiffTester.Report> alone = tester.run(crate, "traced", sigs, Map.of());
    assertThat(alone.get("magic").passed()).as(alone.get("magic").summary()).isTrue();

    RecordedCalls recorded = RecordedCalls.none().withTraces(traces);
    Map<String, Map<String, String>> traced = new java.util.LinkedHashMap<>();
    for (PortSignature s : sigs) {
      traced.put(s.cName(), recorded.traced(s.cName()));
    }
    Map<String, DiffTester.Report> with =
        tester.run(crate, "traced", sigs, recorded.inputsFor(sigs), traced);
    DiffTester.Report magic = with.get("magic");
    assertThat(magic.passed()).isFalse();
    assertThat(magic.traced()).isEqualTo(1);
    assertThat(magic.mismatches())
        .singleElement()
        .satisfies(m -> {
          assertThat(m.input()).isEqualTo("magic(x=123457)");
          assertThat(m.c()).isEqualTo("1");
          assertThat(m.rust()).isEqualTo("0");
        });
    // called alone, counted(1) is 2 like the port; in the tests' run it was 2 as well (first
    // call), so it agrees; the state shows only in later calls, which are the same input
    assertThat(with.get("counted").passed()).as(with.get("counted").summary()).isTrue();
    DiffTester.Report sum = with.get("sum");
    assertThat(sum.passed()).as(sum.summary()).isTrue();
    assertThat(sum.summary()).contains("1 of them traced in the C tests' run");
  }

  @Test
  void aTracedResultTheHarnessCannotReproduce_isADifference(@TempDir Path dir) throws Exception {
    PortToolchain.requireRust();
    Path src = Files.createDirectories(dir.resolve("src"));
    Path tests = Files.createDirectories(dir.resolve("ctests"));
    Path c = src.resolve("lib.c");
    Files.writeString(c, "static int calls;\nint counted(int x) { calls++; return x + calls; }\n");
    Files.writeString(
        tests.resolve("t.c"),
        "int counted(int x);\nint main(void) { counted(5); return counted(9) == 11 ? 0 : 1; }\n");
    CProgram program = CFrontEnd.parse(src);
    List<PortSignature> sigs = signatures(program);
    CTraces.Traces traces = CTraces.record(List.of(c), tests, program, sigs);
    assertThat(traces.calls().get("counted"))
        .containsExactly(new CTraces.Call("counted 5", "6"), new CTraces.Call("counted 9", "11"));
    Path crate = dir.resolve("crate");
    RustCrate.write(
        crate,
        "stateful",
        List.of(new RustCrate.Unit("counted", "pub fn counted(x: i32) -> i32 {\n    x + 1\n}\n")));
    RecordedCalls recorded = RecordedCalls.none().withTraces(traces);
    DiffTester.Report r =
        new DiffTester(List.of(c), Cargo.fromEnvironment(), 7, 20)
            .run(
                crate,
                "stateful",
                sigs,
                recorded.inputsFor(sigs),
                Map.of("counted", recorded.traced("counted")))
            .get("counted");
    // the harness calls each input in a fresh process, where counted(9) is 10 as in the port; the
    // tests' run said 11, and that is what the port must match
    assertThat(r.passed()).isFalse();
    assertThat(r.mismatches())
        .singleElement()
        .satisfies(m -> {
          assertThat(m.input()).isEqualTo("counted(x=9)");
          assertThat(m.c()).isEqualTo("11 in the C tests' run (10 called alone)");
          assertThat(m.rust()).isEqualTo("10");
        });
  }

  @Test
  void everyShippedTask_hasACTestProgram_thatPasses_andTracesItsTestableFunctions()
      throws Exception {
    PortToolchain.requireGcc();
    Path suite = PortToolchain.suite();
    List<Path> tasks;
    try (Stream<Path> s = Files.list(suite)) {
      tasks = s.filter(p -> Files.isDirectory(p.resolve("src"))).sorted().toList();
    }
    assertThat(tasks).hasSizeGreaterThanOrEqualTo(10);
    int tracedFunctions = 0;
    for (Path task : tasks) {
      Path ctests = task.resolve("ctests");
      assertThat(ctests).as(task + " has C tests").isDirectory();
      List<Path> cFiles;
      try (Stream<Path> s = Files.list(task.resolve("src"))) {
        cFiles = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
      }
      CProgram program = CFrontEnd.parse(task.resolve("src"));
      List<PortSignature> sigs = signatures(program);
      CTraces.Traces traces = CTraces.record(cFiles, ctests, program, sigs);
      assertThat(traces.programs()).as(task.toString()).isNotEmpty();
      for (CTraces.Program p : traces.programs()) {
        assertThat(p.error()).as(task + " " + p.name()).isNull();
        assertThat(p.exit()).as(task + " " + p.name() + " passes").isZero();
      }
      for (PortSignature s : sigs) {
        if (s.differentiallyTestable()) {
          assertThat(traces.calls().get(s.cName()))
              .as(task + ": calls of " + s.cName() + " traced")
              .isNotEmpty();
          tracedFunctions++;
        }
      }
    }
    assertThat(tracedFunctions).isGreaterThanOrEqualTo(22);
    // one exact record: adler32 of "Wikipedia" in the checksum task's test
    CProgram checksum = CFrontEnd.parse(suite.resolve("checksum/src"));
    CTraces.Traces t =
        CTraces.record(
            List.of(suite.resolve("checksum/src/checksum.c")),
            suite.resolve("checksum/ctests"),
            checksum,
            signatures(checksum));
    assertThat(t.calls().get("adler32"))
        .contains(new CTraces.Call("adler32 9 87 105 107 105 112 101 100 105 97", "300286872"));
    // and lists: the linked list test's first push onto the empty list, and its sums, as values
    CProgram list = CFrontEnd.parse(suite.resolve("linkedlist/src"));
    CTraces.Traces lt =
        CTraces.record(
            List.of(suite.resolve("linkedlist/src/list.c")),
            suite.resolve("linkedlist/ctests"),
            list,
            signatures(list));
    assertThat(lt.calls().get("list_push")).contains(new CTraces.Call("list_push 0 -5", "1 -5"));
    assertThat(lt.calls().get("list_sum"))
        .contains(new CTraces.Call("list_sum 0", "0"), new CTraces.Call("list_sum 2 -2 -5", "-7"));
    assertThat(lt.calls().get("list_free"))
        .singleElement()
        .satisfies(c -> assertThat(c.output()).isEqualTo("-"));
  }

  private static List<PortSignature> signatures(CProgram program) {
    List<PortSignature> sigs = new ArrayList<>();
    Translator t = new Translator(program, Map.of());
    for (CFunction f : program.functions()) {
      try {
        sigs.add(t.signature(f));
      } catch (Unsupported e) {
        // a function the parameter rules cannot type is not traced
      }
    }
    return sigs;
  }
}
