package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark logs hunt} and {@code bulwark logs rules} end to end. */
class LogsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private Path logs;

  @BeforeEach
  void writeLogs() throws Exception {
    logs = Files.createDirectories(dir.resolve("evidence"));
    IncidentLogs.write(logs);
    Files.writeString(logs.resolve("notes.txt"), "not a log\n");
  }

  @Test
  void huntWritesSarifTimelinesAndTellsTheStory() throws Exception {
    Path sarif = dir.resolve("hunt.sarif");
    Path csv = dir.resolve("timeline.csv");
    Path html = dir.resolve("timeline.html");
    Cli.Result r =
        Cli.run(
            "logs",
            "hunt",
            logs.toString(),
            "--format",
            "sarif",
            "-o",
            sarif.toString(),
            "--timeline",
            csv.toString(),
            "--timeline",
            html.toString(),
            "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Read 13 events from 3 files")
        .contains(
            "Shadow Copies Deleted [high]: `vssadmin delete shadows /all /quiet` (records sysmon.jsonl#7)")
        .contains("Logon Brute Force From One Address");
    JsonNode doc = JSON.readTree(sarif.toFile());
    assertThat(Schemas.sarifErrors(doc)).isEmpty();
    JsonNode results = doc.path("runs").get(0).path("results");
    assertThat(results.size()).isEqualTo(3);
    JsonNode vss = null;
    for (JsonNode res : results) {
      if (res.path("message").path("text").asText().startsWith("Shadow Copies")) {
        vss = res;
      }
    }
    assertThat(vss).isNotNull();
    assertThat(
            vss.path("locations")
                .get(0)
                .path("physicalLocation")
                .path("artifactLocation")
                .path("uri")
                .asText())
        .isEqualTo("sysmon.jsonl");
    // relative to the hunted directory, which SARIF names as the base of every such URI
    assertThat(
            vss.path("locations")
                .get(0)
                .path("physicalLocation")
                .path("artifactLocation")
                .path("uriBaseId")
                .asText())
        .isEqualTo("%SRCROOT%");
    assertThat(
            doc.path("runs")
                .get(0)
                .path("originalUriBaseIds")
                .path("%SRCROOT%")
                .path("uri")
                .asText())
        .isEqualTo(logs.toAbsolutePath().normalize().toUri().toString());
    // only the base names the hunting machine's directory; no result does
    assertThat(results.toString()).doesNotContain(dir.toString());
    assertThat(vss.toString()).contains("\"recordId\":\"7\"").contains("\"author\":\"Bulwark\"");
    assertThat(Files.readString(csv))
        .startsWith("time,level,rule,host")
        .contains("Shadow Copies Deleted");
    assertThat(Files.readString(html))
        .contains("<h2>Incidents</h2>")
        // the drawn timeline: every detection a mark in its host's lane
        .contains("<figure class=\"tl\"")
        .contains("data-time=\"")
        .doesNotContain("<script");
  }

  @Test
  void failOnMinLevelAndErrors() {
    assertThat(
            Cli.run("logs", "hunt", logs.toString(), "--fail-on", "high", "--no-progress").exit())
        .isEqualTo(1);
    assertThat(
            Cli.run("logs", "hunt", logs.toString(), "--fail-on", "critical", "--no-progress")
                .exit())
        .isZero();
    Cli.Result onlyHigh =
        Cli.run(
            "logs",
            "hunt",
            logs.toString(),
            "--min-level",
            "high",
            "--since",
            "2024-06-01T10:30:00Z",
            "--no-progress");
    assertThat(onlyHigh.out()).contains("Detections: 1 (1 high)");
    Cli.Result missing =
        Cli.run("logs", "hunt", dir.resolve("nope.evtx").toString(), "--no-progress");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.evtx: no such file or directory");
    Cli.Result badTimeline =
        Cli.run("logs", "hunt", logs.toString(), "--timeline", dir.resolve("t.pdf").toString());
    assertThat(badTimeline.exit()).isEqualTo(2);
    assertThat(badTimeline.err()).contains("must end in .csv, .json or .html");
  }

  @Test
  void rulesListsWhatCannotRun() throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(
        rules.resolve("ok.yml"),
        "title: ok\nlogsource: {product: windows, service: security}\ndetection:\n  s: {EventID: 1}\n  condition: s\n");
    Files.writeString(
        rules.resolve("old.yml"),
        "title: old\nlogsource: {product: windows, service: security}\ndetection:\n  s: {EventID: 1}\n  condition: s | count() > 3\n");
    Files.writeString(rules.resolve("broken.yml"), "title: [unclosed\n");
    Cli.Result r = Cli.run("logs", "rules", "--rules", rules.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "2 rule documents: 1 detection rules, 0 correlations, 0 filters loaded; 2 problems")
        .contains("UNSUPPORTED: condition uses the retired pipe aggregation syntax")
        .contains("INVALID: not valid YAML");
  }

  @Test
  void rulesUpdateFromArchive_thenHuntUsesPackAndRelease_withAttribution() throws Exception {
    Path data = dir.resolve("data");
    Path zip = dir.resolve("sigma_core_r2026-07-01.zip");
    try (java.util.zip.ZipOutputStream z =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new java.util.zip.ZipEntry("rules/windows/proc_creation_vss.yml"));
      z.write(
          ("title: Shadow Copy Removal By vssadmin\n"
                  + "id: 3a0a1b57-8f0e-4c1e-9d3e-9b4e0c1f2a33\n"
                  + "status: test\n"
                  + "author: Jane Analyst\n"
                  + "tags: [attack.impact, attack.t1490]\n"
                  + "logsource: {product: windows, category: process_creation}\n"
                  + "detection:\n"
                  + "  sel:\n"
                  + "    CommandLine|contains|all: [vssadmin, delete, shadows]\n"
                  + "  condition: sel\n"
                  + "level: high\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      z.closeEntry();
    }
    Cli.Result none = Cli.run("logs", "rules", "status", "--data-dir", data.toString());
    assertThat(none.out()).contains("no SigmaHQ release installed");
    Cli.Result up =
        Cli.run("logs", "rules", "update", "--from", zip.toString(), "--data-dir", data.toString());
    assertThat(up.exit()).as(up.err()).isZero();
    assertThat(up.out()).contains("installed SigmaHQ rules r2026-07-01: 1 rule files");
    Cli.Result status = Cli.run("logs", "rules", "status", "--data-dir", data.toString());
    assertThat(status.out()).contains("* r2026-07-01");

    Path sarif = dir.resolve("release.sarif");
    Cli.Result r =
        Cli.run(
            "logs",
            "hunt",
            logs.toString(),
            "--data-dir",
            data.toString(),
            "--format",
            "sarif",
            "-o",
            sarif.toString(),
            "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Shadow Copy Removal By vssadmin")
        .contains("Shadow Copies Deleted")
        .contains("Detection Rule License 1.1")
        .contains("Jane Analyst (1)");
    JsonNode rules = JSON.readTree(sarif.toFile()).path("runs").get(0).path("tool").path("driver");
    assertThat(rules.toString()).contains("Sigma rule by Jane Analyst; Detection Rule License 1.1");
  }
}
