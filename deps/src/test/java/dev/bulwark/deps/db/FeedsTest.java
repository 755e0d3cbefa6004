package dev.bulwark.deps.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.errors.InputException;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark db update} against a local server that serves fixture feeds with validators. */
class FeedsTest {
  @TempDir Path dir;
  private HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, String> etags = new ConcurrentHashMap<>();
  private final AtomicInteger full = new AtomicInteger();
  private final AtomicInteger notModified = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String p = ex.getRequestURI().getPath();
          byte[] body = files.get(p);
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
          }
          String etag = etags.get(p);
          if (etag != null && etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            notModified.incrementAndGet();
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
          }
          full.incrementAndGet();
          ex.getResponseHeaders().add("ETag", etag);
          try {
            ex.getResponseHeaders()
                .add(
                    "x-goog-hash",
                    "crc32c=AAAAAA==, md5="
                        + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("MD5").digest(body)));
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    serve(
        "/Maven/all.zip",
        zip("GHSA-aaaa-bbbb-cccc.json", advisory("GHSA-aaaa-bbbb-cccc", "1.0.1")),
        "v1");
    serve(
        "/kev.json",
        ("{\"catalogVersion\":\"2026.11.01\",\"vulnerabilities\":[{\"cveID\":\"CVE-2026-0001\",\"vulnerabilityName\":\"x\",\"dateAdded\":\"2026-11-01\",\"dueDate\":\"2026-11-22\"}]}")
            .getBytes(StandardCharsets.UTF_8),
        "k1");
    serve(
        "/epss.csv.gz",
        gzip(
            "#model_version:v1,score_date:2026-11-01T00:00:00Z\ncve,epss,percentile\nCVE-2026-0001,0.5,0.9\n"),
        "e1");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(String path, byte[] body, String etag) {
    files.put(path, body);
    etags.put(path, etag);
  }

  private List<Feeds.Source> sources() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    return List.of(
        new Feeds.Source("OSV Maven", URI.create(base + "/Maven/all.zip"), Feeds.Kind.OSV_ZIP),
        new Feeds.Source("KEV", URI.create(base + "/kev.json"), Feeds.Kind.KEV_JSON),
        new Feeds.Source("EPSS", URI.create(base + "/epss.csv.gz"), Feeds.Kind.EPSS_CSV_GZ));
  }

  private static String advisory(String id, String fixed) {
    return "{\"id\":\""
        + id
        + "\",\"modified\":\"2026-11-01T00:00:00Z\",\"aliases\":[\"CVE-2026-0001\"],\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"org.example:lib\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\""
        + fixed
        + "\"}]}]}]}";
  }

  private static byte[] zip(String name, String content) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      z.putNextEntry(new ZipEntry(name));
      z.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  private static byte[] gzip(String s) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  private String fixedVersion() throws Exception {
    try (AdvisoryDb db = AdvisoryDb.open(dir)) {
      return db.forPackage(dev.bulwark.deps.model.Ecosystem.MAVEN, "org.example:lib")
          .get(0)
          .affected()
          .get(0)
          .ranges()
          .get(0)
          .events()
          .get(1)
          .version();
    }
  }

  @Test
  void update_downloadsEveryFeed_thenUsesConditionalRequests() throws Exception {
    Feeds.Result first = new Feeds(dir).update(sources(), d -> {});
    assertThat(first.counts().advisories()).isEqualTo(1);
    assertThat(first.counts().kev()).isEqualTo(1);
    assertThat(first.counts().epss()).isEqualTo(1);
    try (AdvisoryDb db = AdvisoryDb.open(dir)) {
      assertThat(db.kev("CVE-2026-0001")).isPresent();
      assertThat(db.epss("CVE-2026-0001").orElseThrow().score()).isEqualTo(0.5);
    }
    assertThat(full.get()).isEqualTo(3);
    Feeds.Result second = new Feeds(dir).update(sources(), d -> {});
    assertThat(second.sources().values()).containsOnly("unchanged");
    assertThat(notModified.get()).isEqualTo(3);
    assertThat(fixedVersion()).isEqualTo("1.0.1");
  }

  @Test
  void aCorruptDownload_leavesTheOldDatabaseAsItWas() throws Exception {
    new Feeds(dir).update(sources(), d -> {});
    serve("/Maven/all.zip", "PK\u0003\u0004 truncated".getBytes(StandardCharsets.ISO_8859_1), "v2");
    assertThatThrownBy(() -> new Feeds(dir).update(sources(), d -> {}))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("OSV Maven")
        .hasMessageContaining("unchanged");
    assertThat(fixedVersion()).isEqualTo("1.0.1");
    // and a good new version replaces it completely
    serve(
        "/Maven/all.zip",
        zip("GHSA-aaaa-bbbb-cccc.json", advisory("GHSA-aaaa-bbbb-cccc", "1.0.2")),
        "v3");
    new Feeds(dir).update(sources(), d -> {});
    assertThat(fixedVersion()).isEqualTo("1.0.2");
  }

  @Test
  void anUnreachableServer_isAnExplicitError() {
    List<Feeds.Source> bad =
        List.of(
            new Feeds.Source(
                "OSV Maven", URI.create("http://127.0.0.1:1/all.zip"), Feeds.Kind.OSV_ZIP));
    assertThatThrownBy(() -> new Feeds(dir).update(bad, d -> {}))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("download failed");
    assertThat(Files.exists(dir.resolve("advisories.mv.db"))).isFalse();
  }
}
