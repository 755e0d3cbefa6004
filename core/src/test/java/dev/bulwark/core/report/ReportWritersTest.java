package dev.bulwark.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.testing.Golden;
import dev.bulwark.core.testing.SampleReports;
import dev.bulwark.core.testing.Schemas;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportWritersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ScanReport report = SampleReports.rich();

  private static String render(ReportFormat format, ScanReport report) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.writer(RenderOptions.plain()).write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sarif_everyLocationKindFixAndSuppression_validatesAgainstOasisSchema() throws Exception {
    JsonNode sarif = JSON.readTree(render(ReportFormat.SARIF, report));
    assertThat(Schemas.sarifErrors(sarif)).isEmpty();
  }

  @Test
  void schemaCheck_rejectsInvalidSarif_soThatTheValidTestsMeanSomething() throws Exception {
    JsonNode sarif = JSON.readTree(render(ReportFormat.SARIF, report));
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            sarif.path("runs").get(0).path("results").get(0))
        .put("level", "fatal");
    assertThat(Schemas.sarifErrors(sarif)).isNotEmpty();
    JsonNode json = JSON.readTree(render(ReportFormat.JSON, report));
    ((com.fasterxml.jackson.databind.node.ObjectNode) json.path("findings").get(0))
        .put("severity", "urgent");
    assertThat(Schemas.reportErrors(json)).isNotEmpty();
  }

  @Test
  void sarif_levelsFollowSeverity_asCodeScanningToolsDo() throws Exception {
    JsonNode results =
        JSON.readTree(render(ReportFormat.SARIF, report)).path("runs").get(0).path("results");
    for (JsonNode r : results) {
      String severity = r.path("properties").path("severity").asText();
      String expected =
          switch (severity) {
            case "critical", "high" -> "error";
            case "medium" -> "warning";
            default -> "note";
          };
      assertThat(r.path("level").asText()).as(r.path("ruleId").asText()).isEqualTo(expected);
    }
  }

  @Test
  void sarif_carriesFingerprintsCodeFlowsFixesAndCweTaxa() throws Exception {
    JsonNode run = JSON.readTree(render(ReportFormat.SARIF, report)).path("runs").get(0);
    JsonNode sqli = run.path("results").get(0);
    assertThat(sqli.path("ruleId").asText()).isEqualTo("java-sqli");
    assertThat(sqli.path("partialFingerprints").path("bulwarkFingerprint/v1").asText()).hasSize(32);
    assertThat(sqli.path("codeFlows").get(0).path("threadFlows").get(0).path("locations"))
        .hasSize(3);
    assertThat(sqli.path("fixes").get(0).path("artifactChanges").get(0).path("replacements"))
        .hasSize(1);
    assertThat(sqli.path("taxa").get(0).path("id").asText()).isEqualTo("89");
    assertThat(run.path("taxonomies").get(0).path("name").asText()).isEqualTo("CWE");
    JsonNode rule = run.path("tool").path("driver").path("rules").get(0);
    assertThat(rule.path("help").path("markdown").asText()).contains("Remediation");
    assertThat(rule.path("properties").path("security-severity").asText()).isEqualTo("8.0");
    JsonNode suppressed = run.path("results").get(run.path("results").size() - 1);
    assertThat(suppressed.path("suppressions").get(0).path("kind").asText()).isEqualTo("inSource");
    // A path with a space must be percent-encoded to stay a valid URI reference.
    assertThat(run.toString()).contains("config/app%20env.yml");
  }

  @Test
  void json_validatesAgainstPublishedSchema_andRoundTrips() throws Exception {
    JsonNode json = JSON.readTree(render(ReportFormat.JSON, report));
    assertThat(Schemas.reportErrors(json)).isEmpty();
    for (int i = 0; i < report.findings().size(); i++) {
      Finding back = FindingJson.fromJson(json.path("findings").get(i));
      assertThat(back).isEqualTo(report.findings().get(i));
    }
  }

  @Test
  void html_isSelfContained_andEscapesFindingText() throws Exception {
    String html = render(ReportFormat.HTML, report);
    assertThat(html)
        .doesNotContain("src=\"http", "href=\"http://", "<link rel=\"stylesheet\"", "@import");
    assertThat(html).contains("Content-Security-Policy", "default-src 'none'");
    assertThat(html).contains("&lt;unescaped&gt; &amp; unparameterised");
    assertThat(html).doesNotContain("<unescaped>");
  }

  @Test
  void terminal_withoutColour_hasNoEscapeSequences() throws Exception {
    String text = render(ReportFormat.TERMINAL, report);
    assertThat(text).doesNotContain("\u001b[");
    assertThat(text).contains("7 findings", "2 critical", "1 suppressed");
  }

  @Test
  void terminal_withColour_colorsSeverities() {
    String text = new TerminalReportWriter(new RenderOptions(true, 100)).render(report);
    assertThat(text).contains("\u001b[35m");
  }

  @Test
  void everyFormat_matchesItsGoldenFile() throws Exception {
    Golden.assertMatches("core/rich/report.json", render(ReportFormat.JSON, report));
    Golden.assertMatches("core/rich/report.sarif", render(ReportFormat.SARIF, report));
    Golden.assertMatches("core/rich/report.md", render(ReportFormat.MARKDOWN, report));
    Golden.assertMatches("core/rich/report.html", render(ReportFormat.HTML, report));
    Golden.assertMatches("core/rich/report.txt", render(ReportFormat.TERMINAL, report));
  }
}
