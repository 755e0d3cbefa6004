package dev.bulwark.secrets.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.files.ArchiveLimits;
import dev.bulwark.core.files.ArchiveReader;
import dev.bulwark.secrets.engine.Allowlist;
import dev.bulwark.secrets.engine.SecretEngine;
import dev.bulwark.secrets.engine.SecretMatch;
import dev.bulwark.secrets.rules.RuleLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for the input parsers of the secrets analyzer. Under plain JUnit they replay the
 * corpus in {@code src/test/resources/dev/bulwark/secrets/fuzz/SecretEngineFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} they fuzz, and each crash becomes a file there.
 */
class SecretEngineFuzzTest {
  private static final SecretEngine ENGINE;

  static {
    try {
      ENGINE = SecretEngine.create(RuleLoader.builtIn(), Allowlist.documentationExamples());
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void engine_neverThrows_andReportsSaneRegions(byte[] input) {
    for (String path : new String[] {"a.env", "config.yml", "x.java"}) {
      List<SecretMatch> matches = ENGINE.scan(path, input);
      for (SecretMatch m : matches) {
        assertThat(m.startLine()).isPositive();
        assertThat(m.endLine()).isGreaterThanOrEqualTo(m.startLine());
        assertThat(m.startColumn()).isPositive();
        assertThat(m.snippet())
            .doesNotContain(m.secret().reveal().length() > 8 ? m.secret().reveal() : "\u0000never");
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void archiveReader_staysWithinItsLimits(byte[] input) throws IOException {
    List<Diagnostic> diagnostics = new ArrayList<>();
    long[] bytes = {0};
    ArchiveLimits limits = new ArchiveLimits(3, 50, 1 << 20, 4 << 20, 100);
    new ArchiveReader(limits, diagnostics::add, "fuzz")
        .read(
            "fuzz.zip",
            new ByteArrayInputStream(input),
            (path, in, size) -> bytes[0] += in.readAllBytes().length);
    assertThat(bytes[0]).isLessThanOrEqualTo(limits.maxTotalBytes() + limits.maxEntryBytes());
  }
}
