package dev.bulwark.port.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.port.PortToolchain;
import dev.bulwark.port.c.CFrontEnd;
import dev.bulwark.port.c.CFunction;
import dev.bulwark.port.c.CProgram;
import dev.bulwark.port.translate.PortSignature;
import dev.bulwark.port.translate.Translator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Five ports that compile and look right but differ from the C on some input; each is caught. */
class PlantedDifferenceTest {
  static final String C =
      """
      #include <stdint.h>
      #include <stddef.h>
      #include <ctype.h>
      int relu(int x) { return x < 0 ? 0 : x; }
      uint8_t add8(uint8_t a, uint8_t b) { return a + b; }
      int count_space(const char *s) { int n = 0; for (int i = 0; s[i]; i++) if (isspace(s[i])) n++; return n; }
      long long total(const int *a, size_t n) { long long t = 0; for (size_t i = 0; i < n; i++) t += a[i]; return t; }
      int divmod(int a, int b, int *q, int *r) { if (b == 0) return -1; *q = a / b; *r = a % b; return 0; }
      """;

  static final String RUST =
      """
      pub fn relu(x: i32) -> i32 {
          if x <= 1 { 0 } else { x }
      }

      pub fn add8(a: u8, b: u8) -> u8 {
          a.saturating_add(b)
      }

      pub fn count_space(s: &str) -> i32 {
          s.bytes().filter(|b| *b == b' ').count() as i32
      }

      pub fn total(a: &[i32]) -> i64 {
          a.iter().take(a.len().saturating_sub(1)).map(|x| i64::from(*x)).sum()
      }

      pub fn divmod(a: i32, b: i32) -> (i32, i32, i32) {
          if b == 0 {
              return (-1, 0, 0);
          }
          (0, a.div_euclid(b), a.rem_euclid(b))
      }
      """;

  @Test
  void everyPlantedDifference_isFound_withTheInputShown(@TempDir Path dir) throws Exception {
    PortToolchain.requireRust();
    Path c = dir.resolve("planted.c");
    Files.writeString(c, C);
    CProgram program = CFrontEnd.parse(dir);
    List<PortSignature> sigs = new ArrayList<>();
    Translator t = new Translator(program, Map.of());
    for (CFunction f : program.functions()) {
      sigs.add(t.signature(f));
    }
    assertThat(sigs).hasSize(5);
    Path crate = dir.resolve("crate");
    RustCrate.write(crate, "planted", List.of(new RustCrate.Unit("all", RUST)));
    DiffTester tester = new DiffTester(List.of(c), Cargo.fromEnvironment(), 7, 150);
    Map<String, DiffTester.Report> reports = tester.run(crate, "planted", sigs, Map.of());
    assertThat(reports).hasSize(5);
    for (DiffTester.Report r : reports.values()) {
      assertThat(r.error()).as(r.function()).isNull();
      assertThat(r.mismatches()).as(r.function()).isNotEmpty();
      assertThat(r.passed()).isFalse();
      assertThat(r.summary()).contains(r.function() + "(");
    }
    assertThat(reports.get("relu").mismatches().get(0).input()).isEqualTo("relu(x=1)");
    assertThat(reports.get("divmod").mismatches())
        .allSatisfy(m -> assertThat(m.input()).contains("a=-"));
  }

  @Test
  void ctypeArgumentsOutsideTheirDomain_areSetAside_andADifferenceInsideIsFound(@TempDir Path dir)
      throws Exception {
    PortToolchain.requireRust();
    Path c = dir.resolve("letter.c");
    Files.writeString(c, "#include <ctype.h>\nint is_letter(int c) { return isalpha(c) != 0; }\n");
    CProgram program = CFrontEnd.parse(dir);
    PortSignature sig = new Translator(program, Map.of()).signature(program.functions().get(0));
    String faithful =
        "pub fn is_letter(c: i32) -> i32 {\n"
            + "    i32::from(u8::try_from(c).is_ok_and(|b| b.is_ascii_alphabetic()))\n}\n";
    // also calls 255 a letter: inside isalpha's domain, so a real difference
    String planted =
        "pub fn is_letter(c: i32) -> i32 {\n"
            + "    i32::from(u8::try_from(c).is_ok_and(|b| b.is_ascii_alphabetic()) || c == 255)\n}\n";
    DiffTester tester = new DiffTester(List.of(c), Cargo.fromEnvironment(), 7, 100);
    Path good = dir.resolve("good");
    RustCrate.write(good, "letter", List.of(new RustCrate.Unit("is_letter", faithful)));
    DiffTester.Report ok = tester.run(good, "letter", List.of(sig), Map.of()).get("is_letter");
    // isalpha(65535) is undefined: glibc answers 1 from memory past its table, the port 0; the
    // harness stops the C on it instead of comparing
    assertThat(ok.passed()).as(ok.summary()).isTrue();
    assertThat(ok.cUndefined()).isPositive();
    Path bad = dir.resolve("bad");
    RustCrate.write(bad, "letter", List.of(new RustCrate.Unit("is_letter", planted)));
    DiffTester.Report caught = tester.run(bad, "letter", List.of(sig), Map.of()).get("is_letter");
    assertThat(caught.passed()).isFalse();
    assertThat(caught.mismatches())
        .singleElement()
        .satisfies(m -> assertThat(m.input()).isEqualTo("is_letter(c=255)"));
  }

  @Test
  void aFaithfulPort_agreesOnEveryInput(@TempDir Path dir) throws Exception {
    PortToolchain.requireRust();
    Path c = dir.resolve("ok.c");
    Files.writeString(c, "int relu(int x) { return x < 0 ? 0 : x; }\n");
    CProgram program = CFrontEnd.parse(dir);
    PortSignature sig = new Translator(program, Map.of()).signature(program.functions().get(0));
    Path crate = dir.resolve("crate");
    RustCrate.write(
        crate,
        "faithful",
        List.of(new RustCrate.Unit("relu", "pub fn relu(x: i32) -> i32 {\n    x.max(0)\n}\n")));
    DiffTester.Report r =
        new DiffTester(List.of(c), Cargo.fromEnvironment(), 7, 100)
            .run(crate, "faithful", List.of(sig), Map.of())
            .get("relu");
    assertThat(r.passed()).as(r.summary()).isTrue();
    assertThat(r.compared()).isEqualTo(r.inputs());
  }
}
