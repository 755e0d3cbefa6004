package dev.bulwark.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.compliance.assess.ControlAssessment;
import dev.bulwark.compliance.assess.ControlStatus;
import dev.bulwark.compliance.assess.OscalShape;
import dev.bulwark.compliance.evidence.MappingLoader;
import dev.bulwark.compliance.oscal.Catalog;
import dev.bulwark.core.errors.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assessing the MODERATE baseline from small Bulwark reports written here. */
class AssessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-12-05T12:00:00Z");

  private static Path oscal(String name) {
    Path d = SharedData.dir("oscal").orElse(null);
    assumeTrue(d != null, "../shared/data/oscal is absent; skipping");
    return d.resolve(name);
  }

  static String report(String started, String analyzers, String findings) {
    return """
    {"tool": {"name": "Bulwark", "version": "0.1.0"},
     "scan": {"startedAt": "%s", "analyzers": [%s]},
     "findings": [%s]}
    """
        .formatted(started, analyzers, findings);
  }

  static String analyzer(String id) {
    return "{\"id\": \"" + id + "\", \"status\": \"completed\"}";
  }

  static String finding(String analyzer, String rule, String severity, String... controls) {
    StringBuilder taxa = new StringBuilder();
    for (String c : controls) {
      taxa.append(taxa.isEmpty() ? "" : ",")
          .append("{\"taxonomy\": \"OSCAL\", \"id\": \"")
          .append(c)
          .append("\"}");
    }
    return """
    {"analyzer": "%s", "ruleId": "%s", "title": "t", "severity": "%s",
     "locations": [{"kind": "file", "path": "a/b", "startLine": 3}], "taxa": [%s]}
    """
        .formatted(analyzer, rule, severity, taxa);
  }

  private ComplianceService.Assessment assess(Path evidence) throws Exception {
    return new ComplianceService()
        .assess(
            oscal("NIST_SP-800-53_rev5_MODERATE-baseline_profile.json"),
            oscal("NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json"),
            evidence,
            AT);
  }

  private static Map<String, ControlStatus> byId(ComplianceService.Assessment a) {
    return a.controls().stream()
        .collect(Collectors.toMap(c -> c.control().id(), ControlAssessment::status));
  }

  @Test
  void statuses_followEvidenceAndFindings(@TempDir Path ev) throws Exception {
    Files.writeString(
        ev.resolve("scan.json"),
        report(
            "2026-12-01T10:00:00Z",
            String.join(
                ",", analyzer("deps"), analyzer("code"), analyzer("secrets"), analyzer("config")),
            String.join(
                ",",
                finding("deps", "GHSA-xxxx", "high"),
                finding("config", "k8s-privileged-container", "high", "AC-6", "CM-7"),
                finding("config", "docker-latest-tag", "low", "CM-2", "SI-7"))));
    Files.writeString(
        ev.resolve("old-hunt.json"), report("2026-10-01T10:00:00Z", analyzer("logs"), ""));
    Files.writeString(ev.resolve("notes.json"), "{\"something\": \"else\"}");
    ComplianceService.Assessment a = assess(ev);
    Map<String, ControlStatus> s = byId(a);
    assertThat(a.controls()).hasSize(287);
    // deps ran, its worst finding is high: RA-5 fails only on critical, SI-2 on high
    assertThat(s.get("ra-5")).isEqualTo(ControlStatus.SATISFIED);
    assertThat(s.get("si-2")).isEqualTo(ControlStatus.NOT_SATISFIED);
    assertThat(s.get("ac-6")).isEqualTo(ControlStatus.NOT_SATISFIED);
    assertThat(s.get("cm-7")).isEqualTo(ControlStatus.NOT_SATISFIED);
    // a low finding is below CM-2's threshold
    assertThat(s.get("cm-2")).isEqualTo(ControlStatus.SATISFIED);
    assertThat(s.get("sc-8")).isEqualTo(ControlStatus.SATISFIED);
    // the hunt is two months old, older than SI-4's seven days
    assertThat(s.get("si-4")).isEqualTo(ControlStatus.NO_EVIDENCE);
    assertThat(s.get("pe-3")).isEqualTo(ControlStatus.NOT_ASSESSED);
    assertThat(a.evidenceProblems()).singleElement().asString().contains("notes.json");
    assertThat(a.gapReportMarkdown()).contains("| AC |").contains("**SI-2** Flaw Remediation");

    JsonNode ar = JSON.readTree(a.assessmentResultsJson());
    assertThat(OscalShape.problems(ar)).isEmpty();
    assertThat(OscalShape.problems(JSON.readTree(a.poamJson()))).isEmpty();
    Map<String, String> states =
        java.util.stream.StreamSupport.stream(
                ar.at("/assessment-results/results/0/findings").spliterator(), false)
            .collect(
                Collectors.toMap(
                    f -> f.at("/target/target-id").asText(),
                    f -> f.at("/target/status/state").asText()));
    assertThat(states)
        .containsEntry("si-2_obj", "not-satisfied")
        .containsEntry("ra-5_obj", "satisfied");
  }

  @Test
  void nistExample_passesTheShapeCheck() throws Exception {
    JsonNode example =
        JSON.readTree(oscal("examples/ifa_assessment-results-example.json").toFile());
    assertThat(OscalShape.problems(example)).isEmpty();
    JsonNode poam =
        JSON.readTree(oscal("examples/ifa_plan-of-action-and-milestones.json").toFile());
    assertThat(OscalShape.problems(poam)).isEmpty();
  }

  @Test
  void everyMapping_namesAControlOfTheCatalog() throws Exception {
    Catalog high =
        Catalog.read(oscal("NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json"));
    // IA-5(7) is in no baseline, so not in the HIGH catalog the shared data holds; the issue asks
    // for it and the full catalog has it
    assertThat(MappingLoader.builtIn().keySet())
        .filteredOn(id -> high.control(id).isEmpty())
        .containsExactly("ia-5.7");
  }

  @Test
  void mappingWithUnknownKey_isAnErrorWithLine() {
    assertThatThrownBy(() ->
            MappingLoader.load(
                "m.yaml",
                "control: RA-5\nanalyzers: [deps]\nmax-age-days: 30\nwhat-to-run: x\n"
                    + "fails-when: {min-severity: high, tagged-with-control: false}\nmax-agee-days: 3\n"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("m.yaml:6");
  }
}
