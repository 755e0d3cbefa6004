package dev.bulwark.logs.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.LogHunt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in pack over its fixtures: detections, filters, chained correlations, incidents. */
class HuntTest {
  @TempDir Path tmp;

  private Path fixture(String name) throws IOException {
    Path p = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.write(p, in.readAllBytes());
    }
    return p;
  }

  private LogHunt.Result hunt(LogHunt.Settings s, Path... files) throws Exception {
    return LogHunt.run(
        List.of(files), s, Progress.none(), DiagnosticSink.ignoring(), new Cancellation());
  }

  private static List<String> titles(LogHunt.Result r) {
    return r.detections().stream().map(Detection::ruleTitle).toList();
  }

  @Test
  void bruteForceSprayAndTheLogonAfterIt() throws Exception {
    LogHunt.Result r = hunt(LogHunt.Settings.defaults(), fixture("security-bruteforce.jsonl"));
    assertThat(titles(r))
        .containsOnlyOnce(
            "Logon Brute Force From One Address",
            "Password Spray From One Address",
            "Successful Logon After a Brute Force")
        .as("informational base rules used by correlations are not reported on their own")
        .doesNotContain("Failed Logon", "Successful Network Logon");
    Detection brute =
        r.detections().stream()
            .filter(d -> d.ruleTitle().startsWith("Logon Brute"))
            .findFirst()
            .orElseThrow();
    assertThat(brute.fields()).containsEntry("IpAddress", "203.0.113.66");
    assertThat(brute.members()).hasSize(10);
    assertThat(brute.summary()).contains("10 events within 5m for IpAddress=203.0.113.66");
    Detection spray =
        r.detections().stream()
            .filter(d -> d.ruleTitle().startsWith("Password Spray"))
            .findFirst()
            .orElseThrow();
    assertThat(spray.summary()).contains("5 distinct TargetUserName");
    Detection chain =
        r.detections().stream()
            .filter(d -> d.ruleTitle().startsWith("Successful Logon After"))
            .findFirst()
            .orElseThrow();
    assertThat(chain.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(chain.recordId()).isEqualTo("1200");
    assertThat(r.incidents()).hasSize(1);
    assertThat(r.incidents().get(0).tactics())
        .containsExactly("initial-access", "credential-access");
  }

  @Test
  void filterRemovesDefenderAndIncidentTellsTheStory() throws Exception {
    LogHunt.Result r = hunt(LogHunt.Settings.defaults(), fixture("sysmon-intrusion.jsonl"));
    assertThat(r.detections())
        .extracting(Detection::recordId)
        .containsExactly("502", "503", "504", "77");
    assertThat(r.incidents()).hasSize(2);
    Incident ws07 = r.incidents().get(0);
    assertThat(ws07.hosts()).containsExactly("WS07.corp.example");
    assertThat(ws07.users()).containsExactly("CORP\\mallory");
    assertThat(ws07.tactics()).containsExactly("credential-access", "discovery", "impact");
    assertThat(ws07.techniques()).contains("T1033", "T1003.001", "T1490");
    assertThat(ws07.narrative())
        .contains("3 detections on WS07.corp.example involving CORP\\mallory")
        .contains(
            "Account Discovery With whoami [low]: `whoami /priv` (records sysmon-intrusion.jsonl#502)")
        .contains("(records sysmon-intrusion.jsonl#503)")
        .contains("Shadow Copies Deleted [high]");
    assertThat(ws07.score()).isGreaterThan(r.incidents().get(1).score());
    assertThat(r.incidents().get(1).hosts()).containsExactly("WS99.corp.example");
  }

  @Test
  void assetCriticalityRaisesTheScore() throws Exception {
    Path f = fixture("sysmon-intrusion.jsonl");
    int base = hunt(LogHunt.Settings.defaults(), f).incidents().get(0).score();
    LogHunt.Settings critical =
        LogHunt.Settings.defaults()
            .withIncidents(
                new Incidents.Options(
                    java.time.Duration.ofMinutes(30), Map.of("WS07*", "critical")));
    Incident raised = hunt(critical, f).incidents().get(0);
    assertThat(raised.score()).isGreaterThan(base);
    assertThat(raised.scoreReasons())
        .anySatisfy(s -> assertThat(s).contains("WS07.corp.example is critical"));
  }

  @Test
  void minLevelAndTimeWindow() throws Exception {
    Path f = fixture("sysmon-intrusion.jsonl");
    LogHunt.Settings high =
        LogHunt.Settings.defaults()
            .withHunter(new Hunter.Options(Severity.HIGH, null, null, 10_000));
    assertThat(hunt(high, f).detections())
        .extracting(Detection::recordId)
        .containsExactly("503", "504");
    LogHunt.Settings day =
        LogHunt.Settings.defaults()
            .withHunter(
                new Hunter.Options(
                    Severity.INFO, java.time.Instant.parse("2024-06-02T00:00:00Z"), null, 10_000));
    assertThat(hunt(day, f).detections()).extracting(Detection::recordId).containsExactly("77");
  }
}
