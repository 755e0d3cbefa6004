package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.FindingJson;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreMaintenance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark serve} killed with SIGKILL while uploads are in flight, again and again: every
 * upload the server acknowledged (201, or 200 for a repeat) must be in the store after restart,
 * whole, and the store must open and pass its check. The server is a real child JVM; clients upload
 * concurrently; the kill comes at a random moment of the writes. Cycles default to a few per
 * database to keep CI cost down; {@code -Dbulwark.crash.cycles=N} runs more.
 */
class ServeCrashTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int CLIENTS = 6;
  static final int FINDINGS = 20;
  static final Pattern LISTENING =
      Pattern.compile("console and API on http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An acknowledged upload: its project and key. */
  record Ack(String project, String key) {}

  @Test
  void h2_everyAcknowledgedUploadSurvivesKill9() throws Exception {
    Path data = dir.resolve("data");
    List<Ack> acked = crashCycles(cycles(5), data, null);
    try (Store s = Store.openDefault(data)) {
      assertWhole(s, acked);
    }
  }

  @Test
  void postgres_everyAcknowledgedUploadSurvivesKill9() throws Exception {
    String url = System.getenv("BULWARK_TEST_POSTGRES_URL");
    assumeTrue(
        url != null && !url.isBlank(),
        "BULWARK_TEST_POSTGRES_URL is not set: the PostgreSQL crash test is skipped");
    String schema = "crash_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    String db = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    try {
      List<Ack> acked = crashCycles(cycles(3), dir.resolve("data"), db);
      try (Store s = Store.open(db, null, null)) {
        assertWhole(s, acked);
      }
    } finally {
      try (Connection c = DriverManager.getConnection(url)) {
        c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static int cycles(int dflt) {
    return Integer.getInteger("bulwark.crash.cycles", dflt);
  }

  private void assertWhole(Store s, List<Ack> acked) {
    StoreMaintenance.Check check = StoreMaintenance.check(s);
    assertThat(check.problems()).as("store check after the last kill").isEmpty();
    int found =
        s.read(c -> {
          int n = 0;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT s.new_count, (SELECT COUNT(*) FROM findings f WHERE f.first_seen_scan"
                      + " = s.id) FROM scans s JOIN projects p ON p.id = s.project_id"
                      + " WHERE p.name = ? AND s.upload_key = ?")) {
            for (Ack a : acked) {
              ps.setString(1, a.project());
              ps.setString(2, a.key());
              try (ResultSet r = ps.executeQuery()) {
                if (r.next() && r.getInt(1) == FINDINGS && r.getInt(2) == FINDINGS) {
                  n++;
                }
              }
            }
          }
          return n;
        });
    System.out.printf(
        "crash test (%s): %d uploads acknowledged, %d found whole after the kills%n",
        s.postgres() ? "PostgreSQL" : "H2", acked.size(), found);
    assertThat(acked).as("the uploads got acknowledged at all").isNotEmpty();
    assertThat(found).as("acknowledged uploads found whole").isEqualTo(acked.size());
  }

  private List<Ack> crashCycles(int cycles, Path data, String dbUrl) throws Exception {
    List<Ack> acked = java.util.Collections.synchronizedList(new ArrayList<>());
    Random random = new Random(42);
    String token = null;
    for (int cycle = 0; cycle < cycles; cycle++) {
      Path log = dir.resolve("serve-" + cycle + ".log");
      List<String> args =
          new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", data.toString()));
      if (dbUrl != null) {
        args.addAll(List.of("--db-url", dbUrl));
      }
      List<String> command = RuntimeClasspath.command(args.toArray(String[]::new));
      command.add(1, "-Xmx256m");
      // compacting the H2 file every few writes, so kills also land during compactions
      command.add(1, "-Dbulwark.h2.compactEvery=3");
      command.add(1, "-XX:TieredStopAtLevel=1");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        int port = awaitListening(p, log);
        String base = "http://127.0.0.1:" + port;
        if (token == null) {
          String firstRun = Files.readString(data.resolve("first-run-admin-token")).strip();
          token =
              JSON.readTree(
                      post(base + "/api/tokens", firstRun, "{\"name\":\"crash\"}", null).body())
                  .path("token")
                  .asText();
        }
        String bearer = token;
        AtomicInteger stop = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
          String project = "p" + t;
          String prefix = "c" + cycle + "-t" + t + "-";
          clients.add(
              Thread.ofPlatform()
                  .start(() -> {
                    for (int n = 0; stop.get() == 0; n++) {
                      String key = prefix + n;
                      try {
                        HttpResponse<String> r =
                            post(
                                base + "/api/projects/" + project + "/uploads",
                                bearer,
                                report(key),
                                key);
                        if (r.statusCode() == 201 || r.statusCode() == 200) {
                          acked.add(new Ack(project, key));
                        }
                      } catch (IOException e) {
                        return; // the server died under us: this upload was never acknowledged
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                    }
                  }));
        }
        // let writes get going (a loaded machine is slow to warm up), then kill at a random moment
        int before = acked.size();
        long warm = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (acked.size() < before + CLIENTS && System.nanoTime() < warm) {
          Thread.sleep(20);
        }
        Thread.sleep(200 + random.nextInt(1500));
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no close, mid-write
        p.waitFor();
        stop.set(1);
        for (Thread c : clients) {
          c.join(15_000);
        }
        // every kill must leave a store that opens and checks out, not just the last one: a
        // damaged index would otherwise be papered over by the writes of the cycles after it
        StoreMaintenance.Check check;
        if (dbUrl == null) {
          check = StoreMaintenance.checkDefault(data);
        } else {
          try (Store s = Store.open(dbUrl, null, null)) {
            check = StoreMaintenance.check(s);
          }
        }
        assertThat(check.problems()).as("store check after kill %d", cycle + 1).isEmpty();
        assertThat(check.opens()).as("the store opens after kill %d", cycle + 1).isTrue();
        System.out.printf(
            "kill %d: %d uploads acknowledged so far, store checks out%n", cycle + 1, acked.size());
      } finally {
        p.destroyForcibly();
        p.waitFor();
      }
    }
    return acked;
  }

  static int awaitListening(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log) : "";
      Matcher m = LISTENING.matcher(out);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!p.isAlive()) {
        throw new AssertionError("serve exited after a crash (the store did not reopen?):\n" + out);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not start within 90 s:\n" + Files.readString(log));
  }

  private HttpResponse<String> post(String url, String token, String body, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A report of {@value #FINDINGS} findings no other upload has. */
  static String report(String key) {
    ObjectNode r = JSON.createObjectNode();
    r.putObject("tool").put("name", "Bulwark").put("version", "crash-test");
    r.putObject("scan")
        .putArray("analyzers")
        .addObject()
        .put("id", "secrets")
        .put("status", "completed");
    ArrayNode fs = r.putArray("findings");
    for (int i = 0; i < FINDINGS; i++) {
      Finding f =
          Finding.builder("secrets", "generic-password")
              .title("Password in " + key + " #" + i)
              .message("a password is hard-coded")
              .severity(Severity.HIGH)
              .confidence(Confidence.HIGH)
              .location(
                  new Location.File(
                      "src/" + key + "/F" + i + ".java", new Region(3, 1, 3, 20), "pw = x"))
              .identity(key + "/" + i)
              .build();
      fs.add(FindingJson.toJson(f));
    }
    return r.toString();
  }
}
