package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attack on the server's memory: {@code bulwark serve} in its own process with a heap smaller
 * than the report sent to it. An upload of many megabytes is streamed to disk and into the store a
 * chunk at a time, so it is stored whole; one over the limit is a 413 that says so, also when the
 * client announces no length and just keeps sending.
 *
 * <p>It runs on PostgreSQL, which keeps an open transaction on disk. H2 keeps an uncommitted
 * transaction's rows in the heap, so there the store itself needs a heap larger than the findings
 * one upload stores (the server no longer adds the report's bytes and tree to that).
 */
class ServeLargeUploadTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The serving process's heap: well under the size of the report below. */
  static final String HEAP = "-Xmx96m";

  static final int FINDINGS = 9_000;

  @TempDir Path dir;

  @Test
  void aReportLargerThanTheHeap_isStoredWhole_andOneOverTheLimitIs413() throws Exception {
    String url = System.getenv("BULWARK_TEST_POSTGRES_URL");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        url != null && !url.isBlank(),
        "BULWARK_TEST_POSTGRES_URL is not set: the large-upload test is skipped");
    String schema = "big_" + java.util.UUID.randomUUID().toString().replace("-", "");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    try {
      run(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    } finally {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
        c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  /**
   * Twelve anonymous clients at once, each sending a 60 MB body to a server whose whole heap is 96
   * MB: a server that read bodies before checking credentials would run out of memory. Runs on the
   * default H2 store, as most servers do.
   */
  @Test
  void twelveAnonymousLargeUploadsAtOnce_areRefused_andTheSmallHeapServerStaysUp()
      throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("serve.log");
    Process p = serve(log, "--port", "0", "--data-dir", data.toString());
    try {
      int port = ServeCrashTest.awaitListening(p, log);
      int body = 60 << 20;
      List<java.util.concurrent.CompletableFuture<String>> answers = new java.util.ArrayList<>();
      for (int c = 0; c < 12; c++) {
        String key = "anon-" + c;
        answers.add(
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> anonymousUpload(port, key, body),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
      }
      for (var a : answers) {
        assertThat(a.get(2, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo("HTTP/1.1 401");
      }
      assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
      String firstRun = Files.readString(data.resolve("first-run-admin-token")).strip();
      HttpResponse<String> after =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tokens"))
                      .header("Authorization", "Bearer " + firstRun)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"after\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(after.statusCode()).as("the server still serves its users").isEqualTo(201);
      assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  /** {@code bulwark serve} in its own process with the small heap; its output goes to log. */
  private static Process serve(Path log, String... args) throws java.io.IOException {
    List<String> command = new java.util.ArrayList<>(List.of("serve"));
    command.addAll(List.of(args));
    List<String> full = RuntimeClasspath.command(command.toArray(String[]::new));
    full.add(1, HEAP);
    full.add(1, "-XX:TieredStopAtLevel=1");
    return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Writes the head of a raw upload request to a project, with these header lines. */
  private static void uploadHead(OutputStream out, String project, String... headers)
      throws java.io.IOException {
    out.write(
        ("POST /api/projects/"
                + project
                + "/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + String.join("\r\n", headers)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
  }

  /** Sends an upload without credentials, as much of its body as the server takes; its status. */
  private static String anonymousUpload(int port, String key, int body) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      uploadHead(out, "shop", "Idempotency-Key: " + key, "Content-Length: " + body);
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) ' ');
      try {
        for (int sent = 0; sent < body; sent += chunk.length) {
          out.write(chunk);
        }
      } catch (java.io.IOException closed) {
        // the server answered and closed while we were still sending: what it said is below
      }
      return new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private void run(String db) throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("serve.log");
    Process p =
        serve(
            log,
            "--port",
            "0",
            "--data-dir",
            data.toString(),
            "--max-upload-mb",
            "150",
            "--db-url",
            db);
    try {
      int port = ServeCrashTest.awaitListening(p, log);
      String base = "http://127.0.0.1:" + port;
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      String firstRun = Files.readString(data.resolve("first-run-admin-token")).strip();
      String token =
          JSON.readTree(
                  http.send(
                          HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                              .header("Authorization", "Bearer " + firstRun)
                              .header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"big\"}"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body())
              .path("token")
              .asText();

      long size = reportSize(FINDINGS);
      assertThat(size).as("the report is larger than the heap").isGreaterThan(96L << 20);
      HttpResponse<String> stored =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/projects/big/uploads"))
                  .timeout(Duration.ofMinutes(5))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", "big-1")
                  .POST(
                      HttpRequest.BodyPublishers.fromPublisher(
                          HttpRequest.BodyPublishers.ofInputStream(() -> report(FINDINGS)), size))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(stored.statusCode())
          .as(stored.body() + "\n" + Files.readString(log))
          .isEqualTo(201);
      JsonNode answer = JSON.readTree(stored.body());
      assertThat(answer.path("findings").asInt()).isEqualTo(FINDINGS);
      assertThat(answer.path("added").asInt()).isEqualTo(FINDINGS);
      assertThat(p.isAlive()).isTrue();
      assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");

      // over the limit without a Content-Length: the server counts and stops at the limit
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(120_000);
        OutputStream out = s.getOutputStream();
        uploadHead(
            out,
            "big",
            "Authorization: Bearer " + token,
            "Idempotency-Key: big-2",
            "Transfer-Encoding: chunked");
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) ' ');
        String status = null;
        try {
          for (int mb = 0; mb < 200; mb++) {
            out.write(
                (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
        } catch (java.io.IOException closed) {
          // the server answered and closed while we were still sending: what it said is below
        }
        InputStream in = s.getInputStream();
        String head = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
        status = head.substring(0, Math.min(12, head.length()));
        assertThat(status).isEqualTo("HTTP/1.1 413");
        assertThat(head).contains("request body over the limit of 157286400 bytes (150 MB");
      }
      // and with a Content-Length over the limit, before a byte of the body is read
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        uploadHead(
            s.getOutputStream(),
            "big",
            "Authorization: Bearer " + token,
            "Idempotency-Key: big-3",
            "Content-Length: 200000000");
        String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        assertThat(head).isEqualTo("HTTP/1.1 413");
      }
      assertThat(p.isAlive()).isTrue();
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  /** A finding of about 10 kB: a long snippet, as a minified file's line would give. */
  private static byte[] finding(int i) {
    String fp = String.format("%032x", i);
    String snippet = ("var x" + i + "=1;").repeat(1100);
    return ("{\"fingerprint\":\""
            + fp
            + "\",\"analyzer\":\"code\",\"ruleId\":\"java-sqli\","
            + "\"title\":\"SQL injection "
            + i
            + "\",\"message\":\"m\",\"severity\":\"high\","
            + "\"confidence\":\"high\",\"locations\":[{\"kind\":\"file\",\"path\":\"src/F"
            + i
            + ".java\",\"region\":{\"startLine\":1,\"startColumn\":1,\"endLine\":1,"
            + "\"endColumn\":2},\"snippet\":\""
            + snippet
            + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[] HEAD =
      ("{\"tool\":{\"name\":\"Bulwark\",\"version\":\"test\"},"
              + "\"scan\":{\"analyzers\":[{\"id\":\"code\",\"status\":\"completed\"}]},"
              + "\"findings\":[")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] TAIL = "]}".getBytes(StandardCharsets.UTF_8);

  private static long reportSize(int n) {
    long size = HEAD.length + TAIL.length + Math.max(0, n - 1);
    for (int i = 0; i < n; i++) {
      size += finding(i).length;
    }
    return size;
  }

  /** The report generated as it is sent, so the test's own heap does not hold it either. */
  private static InputStream report(int n) {
    Enumeration<InputStream> parts =
        new Enumeration<>() {
          int i = -1;

          @Override
          public boolean hasMoreElements() {
            return i <= n;
          }

          @Override
          public InputStream nextElement() {
            int at = i++;
            if (at == -1) {
              return new ByteArrayInputStream(HEAD);
            }
            if (at == n) {
              return new ByteArrayInputStream(TAIL);
            }
            byte[] f = finding(at);
            if (at == 0) {
              return new ByteArrayInputStream(f);
            }
            byte[] withComma = new byte[f.length + 1];
            withComma[0] = ',';
            System.arraycopy(f, 0, withComma, 1, f.length);
            return new ByteArrayInputStream(withComma);
          }
        };
    return new SequenceInputStream(parts);
  }
}
