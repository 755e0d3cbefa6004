package dev.bulwark.core.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.report.JsonReportWriter;
import dev.bulwark.core.report.SarifReportWriter;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.testing.SampleReports;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  @TempDir Path dir;
  private final ScanReport report = SampleReports.rich();

  @Test
  void jsonSarifAndText_allYieldTheFingerprints() throws Exception {
    Path json = dir.resolve("r.json");
    Files.writeString(json, JsonReportWriter.toJson(report).toString());
    Path sarif = dir.resolve("r.sarif");
    Files.writeString(sarif, SarifReportWriter.toJson(report).toString());
    Path text = dir.resolve("r.txt");
    Files.writeString(text, "# known\n" + report.findings().get(0).fingerprint() + "\n");
    int all = report.findings().size() + report.suppressed().size();
    assertThat(Baseline.load(json).fingerprints()).hasSize(all);
    assertThat(Baseline.load(sarif).fingerprints()).hasSize(all);
    assertThat(Baseline.load(text).fingerprints())
        .containsExactly(report.findings().get(0).fingerprint());
  }

  @Test
  void unknownJson_isAnInputError() throws Exception {
    Path f = dir.resolve("x.json");
    Files.writeString(f, "{\"hello\": 1}");
    assertThatThrownBy(() -> Baseline.load(f))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("neither");
  }
}
