package dev.bulwark.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.port.c.CFrontEnd;
import dev.bulwark.port.c.CProgram;
import dev.bulwark.port.gate.Cargo;
import dev.bulwark.port.gate.DiffTester;
import dev.bulwark.port.gate.RustCrate;
import dev.bulwark.port.translate.PortSignature;
import dev.bulwark.port.translate.Translator;
import dev.bulwark.port.translate.Unsupported;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code char *} the C allocates and returns is an owned {@code String} in Rust; one it does not
 * allocate is refused; the differential test compares the strings and finds a planted difference;
 * the shipped base64 task is solved with it, checked on the calls its C test makes too.
 */
class OwnedStringTest {

  @Test
  void signature_ownedOnlyWhenEveryReturnIsTheBufferItAllocated(@TempDir Path dir)
      throws Exception {
    PortToolchain.requireGcc();
    Files.writeString(
        dir.resolve("s.c"),
        """
        #include <stdlib.h>
        #include <stddef.h>
        char *blank(const char *s, int k) { char *out = malloc(k + 1); out[0] = 0; return out; }
        char *skip(char *s) { return s + 1; }
        const char *name(int k) { return k ? "yes" : "no"; }
        """);
    CProgram p = CFrontEnd.parse(dir);
    Translator t = new Translator(p, Map.of());
    PortSignature blank = t.signature(p.function("blank").orElseThrow());
    assertThat(blank.render()).isEqualTo("pub fn blank(s: &str, k: i32) -> String");
    assertThat(blank.differentiallyTestable()).isTrue();
    assertThatThrownBy(() -> t.signature(p.function("skip").orElseThrow()))
        .isInstanceOf(Unsupported.class)
        .hasMessageContaining("not always a buffer it allocated");
    assertThatThrownBy(() -> t.signature(p.function("name").orElseThrow()))
        .isInstanceOf(Unsupported.class);
  }

  @Test
  void aStringPortThatDiffers_isCaught_withTheInputShown(@TempDir Path dir) throws Exception {
    PortToolchain.requireRust();
    Path src = PortToolchain.suite().resolve("base64/src");
    CProgram program = CFrontEnd.parse(src);
    PortSignature sig =
        new Translator(program, Map.of()).signature(program.function("b64_encode").orElseThrow());
    // forgets the padding: right on lengths that are multiples of three only
    String rust =
        """
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        pub fn b64_encode(r#in: &[u8]) -> String {
            let mut out = String::new();
            for c in r#in.chunks(3) {
                let mut v: u32 = 0;
                for (k, b) in c.iter().enumerate() {
                    v |= u32::from(*b) << (16 - 8 * k);
                }
                for k in 0..=c.len() {
                    out.push(char::from(A[((v >> (18 - 6 * k)) & 63) as usize]));
                }
            }
            out
        }
        """;
    Path crate = dir.resolve("crate");
    RustCrate.write(crate, "nopad", List.of(new RustCrate.Unit("b64_encode", rust)));
    DiffTester.Report r =
        new DiffTester(List.of(src.resolve("base64.c")), Cargo.fromEnvironment(), 3, 60)
            .run(crate, "nopad", List.of(sig), Map.of())
            .get("b64_encode");
    assertThat(r.error()).isNull();
    assertThat(r.passed()).isFalse();
    DiffTester.Mismatch m = r.mismatches().get(0);
    assertThat(m.input()).startsWith("b64_encode(in=[");
    // the C's string ends in padding, hex 3d is '='
    assertThat(m.c()).endsWith("3d");
    assertThat(m.rust()).doesNotEndWith("3d");
  }

  @Test
  void base64Task_isSolved_withTheEncoderPortedToAString(@TempDir Path dir) throws Exception {
    PortToolchain.requireRust();
    Path task = PortToolchain.suite().resolve("base64");
    PortResult r =
        new PortEngine(
                new PortEngine.Options(
                    task.resolve("src"),
                    dir.resolve("out"),
                    Optional.of(task.resolve("interface")),
                    Optional.of(task.resolve("tests")),
                    Optional.of(task.resolve("ctests")),
                    Optional.empty(),
                    2,
                    42,
                    100))
            .run();
    FunctionResult encode =
        r.functions().stream().filter(f -> f.name().equals("b64_encode")).findFirst().orElseThrow();
    assertThat(encode.accepted()).as(encode.reason()).isTrue();
    assertThat(encode.rules()).contains("malloc'd char* → owned String");
    assertThat(encode.evidence().differential()).contains("traced in the C tests' run");
    assertThat(r.gates().solved()).as(r.gates().log()).isTrue();
    String lib = Files.readString(dir.resolve("out/src/lib.rs"));
    // the interface calls the parameter input; the port's body keeps the C's name
    assertThat(lib).contains("pub fn b64_encode(input: &[u8]) -> String {\n    let r#in = input;");
    assertThat(Files.readString(dir.resolve("out/c-tests.txt"))).startsWith("base64_test.c exit 0");
  }
}
