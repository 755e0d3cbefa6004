package dev.bulwark.port.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.port.c.CFrontEnd;
import dev.bulwark.port.c.CProgram;
import dev.bulwark.port.translate.PortSignature;
import dev.bulwark.port.translate.Translator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Literal calls in the project's Rust tests become differential inputs; other calls do not. */
class RecordedCallsTest {

  @Test
  void literalCalls_becomeInputLines_andCallsWithVariablesAreLeftOut(@TempDir Path dir)
      throws Exception {
    dev.bulwark.port.PortToolchain.requireGcc();
    Files.writeString(
        dir.resolve("x.c"),
        "#include <stddef.h>\n"
            + "int count_char(const char *s, int c) { int n = 0; for (int i = 0; s[i]; i++) if (s[i] == c) n++; return n; }\n"
            + "long long total(const int *a, size_t n) { long long t = 0; for (size_t i = 0; i < n; i++) t += a[i]; return t; }\n");
    CProgram p = CFrontEnd.parse(dir);
    Translator t = new Translator(p, Map.of());
    PortSignature countChar = t.signature(p.function("count_char").orElseThrow());
    PortSignature total = t.signature(p.function("total").orElseThrow());
    RecordedCalls calls =
        RecordedCalls.fromSource(
            """
            // count_char("comment", 1) is not a call
            assert_eq!(count_char("banana", 'a' as i32), 3);
            assert_eq!(count_char("", -1), 0);
            assert_eq!(count_char(&name, 3), 0);
            assert_eq!(total(&[1, -2, i32::MAX]), 0);
            assert_eq!(total(&[]), 0);
            """);
    assertThat(calls.inputs(countChar))
        .containsExactly("count_char 62616e616e61 97", "count_char - -1");
    assertThat(calls.inputs(total)).containsExactly("total 3 1 -2 2147483647", "total 0");
    assertThat(Inputs.generate(countChar, 1, 10, calls.inputs(countChar)))
        .startsWith("count_char 62616e616e61 97", "count_char - -1")
        .hasSize(12);
  }
}
