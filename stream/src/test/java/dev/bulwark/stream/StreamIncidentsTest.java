package dev.bulwark.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.LogHunt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents of a running (unbounded) job close as the watermark passes them, not only at the end of
 * input: a detection that comes after the watermark has moved on, but within the window of an
 * earlier one on the same host, must still join its incident. The expected incidents are the
 * in-process hunt's on the same files; the check is what the store holds, never the order or time
 * at which rows were written.
 */
class StreamIncidentsTest {
  @TempDir static Path dir;
  private static StreamHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new StreamHarness(dir);
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static String failedLogon(String time, long record, String host, String user) {
    return "{\"Channel\": \"Security\", \"EventID\": 4625, \"Computer\": \""
        + host
        + "\", \"EventRecordID\": "
        + record
        + ", \"TimeCreated_SystemTime\": \""
        + time
        + "\", \"TargetUserName\": \""
        + user
        + "\", \"IpAddress\": \"203.0.113.9\", \"LogonType\": \"3\"}\n";
  }

  private static String logon(String time, long record, String host) {
    return "{\"Channel\": \"Security\", \"EventID\": 4624, \"Computer\": \""
        + host
        + "\", \"EventRecordID\": "
        + record
        + ", \"TimeCreated_SystemTime\": \""
        + time
        + "\", \"TargetUserName\": \"carol\", \"LogonType\": \"2\"}\n";
  }

  private static Path phase(String name, String lines) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    Files.writeString(d.resolve(name + ".jsonl"), lines);
    return d;
  }

  @Test
  void aRunningJob_closesIncidentsBehindTheWatermark_andJoinsALateButNearDetection()
      throws Exception {
    // a failed logon at 10:00 on dc01; an unrelated logon elsewhere at 10:25 moves the watermark
    // past 10:00; then failed logons at 10:28 (joins the first: 28 minutes, same host) and at 12:00
    // (a new incident); a logon the next day moves the watermark past everything
    Path one =
        phase(
            "one",
            failedLogon("2024-06-01T10:00:00Z", 1, "DC01.corp.example", "alice")
                + logon("2024-06-01T10:25:00Z", 2, "WS09.corp.example"));
    Path two =
        phase(
            "two",
            failedLogon("2024-06-01T10:28:00Z", 3, "DC01.corp.example", "alice")
                + failedLogon("2024-06-01T12:00:00Z", 4, "DC01.corp.example", "bob"));
    Path three = phase("three", logon("2024-06-02T09:00:00Z", 5, "WS10.corp.example"));
    Path rules = Path.of("src", "test", "resources", "dev", "bulwark", "stream", "rules-v1");
    StreamHarness.Hunted hunted =
        StreamHarness.hunt(
            List.of(one, two, three), LogHunt.Settings.defaults().withRules(List.of(rules)));
    assertThat(hunted.detections()).hasSize(3);
    assertThat(hunted.incidents()).hasSize(2).anyMatch(k -> k.contains("2 detections"));

    // one partition, so that the watermark follows the order shipped; a pack without
    // correlations, so that incidents wait for nothing but their window
    h.kafka.createTopic("incidents-live", 1);
    JobID job =
        h.flink.submit(
            h.backfill("incidents-live")
                .withBounded(false)
                .withOutOfOrderness(Duration.ofSeconds(1))
                .withRules(RulePack.of(1, List.of(rules), Severity.INFO)));
    try {
      Shipper.ship(List.of(one), "incidents-live", h.kafka.bootstrap(), DiagnosticSink.ignoring());
      awaitDetections(1);
      Thread.sleep(2000); // the watermark reaches 10:25 and passes the first detection
      Shipper.ship(List.of(two), "incidents-live", h.kafka.bootstrap(), DiagnosticSink.ignoring());
      awaitDetections(3);
      Shipper.ship(
          List.of(three), "incidents-live", h.kafka.bootstrap(), DiagnosticSink.ignoring());
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (h.storedIncidents().size() < hunted.incidents().size()
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      Thread.sleep(1500); // nothing more arrives
      assertThat(h.storedIncidents()).containsExactlyElementsOf(hunted.incidents());
    } finally {
      h.flink.cancel(job);
    }
  }

  private static void awaitDetections(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (h.alerts.count() < n && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(h.alerts.count()).isEqualTo(n);
  }
}
