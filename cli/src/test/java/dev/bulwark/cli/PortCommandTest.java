package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code port c2rust --format sarif -o}: the unported functions as SARIF results at their C line;
 * {@code --c-tests}: the calls a C test program makes are traced and checked against the port.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class PortCommandTest {
  @TempDir Path dir;

  private static boolean runs(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void aVariadicFunction_isLeftUnported_andIsASarifResultAtItsLine() throws Exception {
    Assumptions.assumeTrue(runs("gcc", "--version"), "gcc is not installed; skipping");
    Assumptions.assumeTrue(runs("cargo", "--version"), "cargo is not installed; skipping");
    Assumptions.assumeTrue(runs("cargo", "clippy", "--version"), "Clippy is not installed");
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(
        src.resolve("lib.c"),
        """
        #include <stdarg.h>
        int add(int a, int b) { return a + b; }

        int sum_n(int n, ...) {
          va_list ap;
          va_start(ap, n);
          int s = 0;
          for (int i = 0; i < n; i++) s += va_arg(ap, int);
          va_end(ap);
          return s;
        }
        """);
    Path sarif = dir.resolve("port.sarif");

    Cli.Result r =
        Cli.run(
            "port",
            "c2rust",
            src.toString(),
            "--out",
            dir.resolve("crate").toString(),
            "--format",
            "sarif",
            "-o",
            sarif.toString());

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(r.err()).contains("wrote sarif report to " + sarif);
    JsonNode run = new ObjectMapper().readTree(sarif.toFile()).at("/runs/0");
    assertThat(run.at("/tool/driver/rules/0/id").asText()).isEqualTo("port.unported-function");
    JsonNode results = run.get("results");
    assertThat(results).hasSize(1);
    JsonNode res = results.get(0);
    assertThat(res.get("ruleId").asText()).isEqualTo("port.unported-function");
    assertThat(res.at("/message/text").asText())
        .contains("sum_n", "variadic arguments", "Last rejection reason");
    assertThat(res.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .endsWith("lib.c");
    assertThat(res.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(4);
    // the report went to the file: standard output keeps the Markdown summary
    assertThat(r.out()).contains("sum_n").doesNotContain("\"runs\"");
  }

  @Test
  void cTests_theCallsOfTheCTestProgramAreTraced_andTestsInsideTheSourcesAreRefused()
      throws Exception {
    Assumptions.assumeTrue(runs("gcc", "--version"), "gcc is not installed; skipping");
    Assumptions.assumeTrue(runs("cargo", "--version"), "cargo is not installed; skipping");
    Assumptions.assumeTrue(runs("cargo", "clippy", "--version"), "Clippy is not installed");
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("lib.c"), "int twice(int x) { return 2 * x; }\n");
    Path ctests = Files.createDirectories(dir.resolve("ctests"));
    Files.writeString(
        ctests.resolve("lib_test.c"),
        "int twice(int x);\nint main(void) { int s = 0; for (int i = 0; i < 4; i++) s += twice(i *"
            + " 1001); return s == 12012 ? 0 : 1; }\n");

    Cli.Result r =
        Cli.run(
            "port",
            "c2rust",
            src.toString(),
            "--out",
            dir.resolve("crate").toString(),
            "--c-tests",
            ctests.toString());

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("4 of them traced in the C tests' run");
    assertThat(Files.readString(dir.resolve("crate/c-tests.txt")))
        .startsWith("lib_test.c exit 0, 4 calls traced");

    Path inside = Files.createDirectories(src.resolve("tests"));
    Cli.Result refused =
        Cli.run(
            "port",
            "c2rust",
            src.toString(),
            "--out",
            dir.resolve("crate2").toString(),
            "--c-tests",
            inside.toString());
    assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("must lie outside the C sources");
  }
}
