package dev.bulwark.logs.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.testing.Golden;
import dev.bulwark.logs.LogHunt;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeline writers (golden files) and detections as findings. */
class TimelineTest {
  @TempDir Path tmp;
  private LogHunt.Result result;

  @BeforeEach
  void hunt() throws Exception {
    Path dir = tmp.resolve("case-42");
    Files.createDirectories(dir);
    for (String name : List.of("security-bruteforce.jsonl", "sysmon-intrusion.jsonl")) {
      try (InputStream in = getClass().getResourceAsStream(name)) {
        Files.write(dir.resolve(name), in.readAllBytes());
      }
    }
    result =
        LogHunt.run(
                List.of(dir),
                LogHunt.Settings.defaults(),
                Progress.none(),
                DiagnosticSink.ignoring(),
                new Cancellation())
            .relativeTo(List.of(dir));
  }

  private String normalise(String s) {
    return s.replace(tmp.toString(), "<tmp>");
  }

  @Test
  void csvAndHtmlMatchTheGoldenFiles() throws Exception {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    Timeline.writeCsv(result.detections(), result.incidents(), csv);
    Golden.assertMatches("logs/timeline.csv", normalise(csv.toString(StandardCharsets.UTF_8)));
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    Timeline.writeHtml(result.detections(), result.incidents(), html);
    Golden.assertMatches("logs/timeline.html", normalise(html.toString(StandardCharsets.UTF_8)));
  }

  @Test
  void html_drawsEveryTimedDetectionInItsHostsLane_withTheIncidents_andNoScript() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Timeline.writeHtml(result.detections(), result.incidents(), out);
    String html = out.toString(StandardCharsets.UTF_8);
    long hosts =
        result.detections().stream()
            .filter(d -> d.time() != null)
            .map(Detection::host)
            .distinct()
            .count();
    long timed = result.detections().stream().filter(d -> d.time() != null).count();
    assertThat(html.split("<rect class=\"tl-lane", -1)).hasSize((int) hosts + 1);
    assertThat(html.split("<g class=\"tl-ev ", -1)).hasSize((int) timed + 1);
    for (Incident i : result.incidents()) {
      assertThat(html).contains("data-incident=\"" + i.id() + "\"");
    }
    // self-contained: no script at all, nothing fetched
    assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=\"http");
    // the rule's title in the table, its Sigma id on hover
    Detection lsass =
        result.detections().stream()
            .filter(d -> d.ruleTitle().startsWith("Process Opened LSASS"))
            .findFirst()
            .orElseThrow();
    assertThat(html).contains("title=\"" + Findings.ruleId(lsass) + "\">" + lsass.ruleTitle());
  }

  @Test
  void jsonHasSummaryIncidentsAndTimeline() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Timeline.writeJson(result.detections(), result.incidents(), out);
    JsonNode root = new ObjectMapper().readTree(out.toByteArray());
    assertThat(root.path("summary").path("byLevel").path("critical").asInt()).isEqualTo(1);
    assertThat(root.path("summary").path("byTechnique").path("T1003.001").asInt()).isEqualTo(1);
    assertThat(root.path("incidents")).hasSize(3);
    assertThat(root.path("incidents").get(0).path("narrative").asText()).contains("#");
    assertThat(root.path("timeline")).hasSize(result.detections().size());
    assertThat(root.path("timeline").get(0).path("author").asText()).isEqualTo("Bulwark");
  }

  @Test
  void csvDefusesFormulas() {
    assertThat(Timeline.csv("=cmd|' /c calc'!A0")).isEqualTo("'=cmd|' /c calc'!A0");
    assertThat(Timeline.csv("a,b")).isEqualTo("\"a,b\"");
  }

  @Test
  void findingsPointAtTheRecord() {
    List<Finding> findings = result.findings();
    assertThat(findings).hasSize(result.detections().size());
    Finding lsass =
        findings.stream()
            .filter(f -> f.title().startsWith("Process Opened LSASS"))
            .findFirst()
            .orElseThrow();
    assertThat(lsass.primaryLocation())
        .isInstanceOfSatisfying(
            Location.LogEvent.class,
            l -> {
              // named from the hunted directory: the hunting machine's path means nothing here
              assertThat(l.path()).isEqualTo("sysmon-intrusion.jsonl");
              assertThat(l.recordId()).isEqualTo("503");
              assertThat(l.host()).isEqualTo("WS07.corp.example");
            });
    assertThat(lsass.properties()).containsEntry("author", "Bulwark").containsKey("incident");
    assertThat(lsass.taxa()).extracting(t -> t.id()).contains("T1003.001");
    assertThat(lsass.ruleId()).startsWith("sigma-");
    Finding chain =
        findings.stream()
            .filter(f -> f.title().startsWith("Successful Logon After"))
            .findFirst()
            .orElseThrow();
    assertThat(chain.locations()).hasSizeGreaterThan(1);
    assertThat(Findings.descriptors(result.detections()))
        .anySatisfy(d -> assertThat(d.help()).contains("Rule author: Bulwark"));
  }
}
