package dev.bulwark.deps.db;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Downloads the official feeds when the machine is online — OSV's per-ecosystem {@code all.zip},
 * the CISA KEV catalog, FIRST's EPSS scores — with conditional requests (ETag, Last-Modified),
 * integrity checks (the server's MD5 when it sends one; every file must parse), and an atomic swap:
 * a new database is built beside the old one and only moved into place when complete.
 */
public final class Feeds {
  /** One feed: a name, its URL and what it holds. */
  public record Source(String name, URI uri, Kind kind) {}

  /** What a feed holds. */
  public enum Kind {
    OSV_ZIP,
    KEV_JSON,
    EPSS_CSV_GZ
  }

  public static final List<String> OSV_ECOSYSTEMS =
      List.of("Maven", "npm", "PyPI", "Go", "crates.io", "RubyGems", "Packagist", "NuGet");

  /** The official locations. */
  public static List<Source> official() {
    List<Source> s = new ArrayList<>();
    for (String e : OSV_ECOSYSTEMS) {
      s.add(
          new Source(
              "OSV " + e,
              URI.create("https://osv-vulnerabilities.storage.googleapis.com/" + e + "/all.zip"),
              Kind.OSV_ZIP));
    }
    s.add(
        new Source(
            "KEV",
            URI.create(
                "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"),
            Kind.KEV_JSON));
    s.add(
        new Source(
            "EPSS",
            URI.create("https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"),
            Kind.EPSS_CSV_GZ));
    return s;
  }

  /** What an update did. */
  public record Result(Map<String, String> sources, Importer.Counts counts) {}

  private final Path dataDir;
  private final HttpClient http;

  public Feeds(Path dataDir) {
    this.dataDir = dataDir;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public Result update(List<Source> sources, DiagnosticSink diagnostics)
      throws InputException, InterruptedException {
    Path cache = dataDir.resolve("feeds");
    Properties state = new Properties();
    Path statePath = cache.resolve("state.properties");
    try {
      Files.createDirectories(cache);
      if (Files.isRegularFile(statePath)) {
        try (Reader r = Files.newBufferedReader(statePath)) {
          state.load(r);
        }
      }
    } catch (IOException e) {
      throw new InputException(cache + ": " + e.getMessage(), e);
    }
    Map<String, String> outcome = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    for (Source s : sources) {
      Path file = cache.resolve(fileName(s));
      outcome.put(s.name(), fetch(s, file, state));
      files.add(file);
    }
    // every feed is here and valid: build the new database beside the old one, then swap
    Path staging = dataDir.resolve("staging");
    try {
      deleteTree(staging);
      Files.createDirectories(staging);
      Importer.Counts counts;
      try (AdvisoryDb db = AdvisoryDb.open(staging)) {
        Importer importer = new Importer(db, diagnostics);
        counts = null;
        for (Path f : files) {
          counts = importer.importPath(f);
        }
        for (Source s : sources) {
          db.setMeta(
              "feed " + s.name(), state.getProperty(s.name() + ".fetched", "") + " " + s.uri());
        }
        db.stamp("update");
      }
      Files.createDirectories(dataDir);
      Files.move(
          staging.resolve(AdvisoryDb.FILE + ".mv.db"),
          dataDir.resolve(AdvisoryDb.FILE + ".mv.db"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      try (Writer w = Files.newBufferedWriter(statePath)) {
        state.store(w, "Bulwark feed state: validators for conditional requests");
      }
      return new Result(outcome, counts);
    } catch (IOException | SQLException e) {
      throw new InputException(
          "building the new advisory database failed; the old one is unchanged: " + e.getMessage(),
          e);
    } finally {
      try {
        deleteTree(staging);
      } catch (IOException e) {
        // a leftover staging directory is rebuilt next time
      }
    }
  }

  private static String fileName(Source s) {
    String safe = s.name().replaceAll("[^A-Za-z0-9.]+", "_");
    return switch (s.kind()) {
      case OSV_ZIP -> safe + ".zip";
      case KEV_JSON -> safe + ".json";
      case EPSS_CSV_GZ -> safe + ".csv.gz";
    };
  }

  /** Downloads one feed into the cache unless it is unchanged; returns what happened. */
  private String fetch(Source s, Path file, Properties state)
      throws InputException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(s.uri()).timeout(Duration.ofMinutes(10)).GET();
    if (Files.isRegularFile(file)) {
      String etag = state.getProperty(s.name() + ".etag");
      String modified = state.getProperty(s.name() + ".last-modified");
      if (etag != null) {
        b.header("If-None-Match", etag);
      }
      if (modified != null) {
        b.header("If-Modified-Since", modified);
      }
    }
    HttpResponse<InputStream> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new InputException(
          s.name()
              + " ("
              + s.uri()
              + "): download failed: "
              + e.getMessage()
              + "; the old database is unchanged",
          e);
    }
    if (r.statusCode() == 304) {
      try {
        r.body().close();
      } catch (IOException e) {
        // nothing to read from a 304
      }
      return "unchanged";
    }
    if (r.statusCode() / 100 != 2) {
      throw new InputException(
          s.name()
              + " ("
              + s.uri()
              + "): HTTP "
              + r.statusCode()
              + "; the old database is unchanged");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(file.getParent(), ".download-", ".tmp");
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      try (InputStream in = new java.security.DigestInputStream(r.body(), md5)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      String expected = md5Header(r);
      if (expected != null && !expected.equals(HexFormat.of().formatHex(md5.digest()))) {
        throw new InputException(
            s.name()
                + ": the download does not match the server's MD5; the old database is unchanged");
      }
      try {
        validate(s, Files.readAllBytes(tmp));
      } catch (InputException e) {
        throw new InputException(e.getMessage() + "; the old database is unchanged", e);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      r.headers()
          .firstValue("ETag")
          .ifPresentOrElse(
              v -> state.setProperty(s.name() + ".etag", v),
              () -> state.remove(s.name() + ".etag"));
      r.headers()
          .firstValue("Last-Modified")
          .ifPresentOrElse(
              v -> state.setProperty(s.name() + ".last-modified", v),
              () -> state.remove(s.name() + ".last-modified"));
      state.setProperty(s.name() + ".fetched", java.time.Instant.now().toString());
      return "downloaded " + Files.size(file) + " bytes";
    } catch (IOException e) {
      throw new InputException(
          s.name() + ": " + e.getMessage() + "; the old database is unchanged", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // the temporary file is in the cache directory and gets overwritten next time
        }
      }
    }
  }

  /** Google Cloud Storage sends {@code x-goog-hash: crc32c=..., md5=<base64>}. */
  private static String md5Header(HttpResponse<?> r) {
    for (String h : r.headers().allValues("x-goog-hash")) {
      for (String part : h.split(",")) {
        String p = part.strip();
        if (p.startsWith("md5=")) {
          return HexFormat.of().formatHex(Base64.getDecoder().decode(p.substring(4)));
        }
      }
    }
    return null;
  }

  /** A feed must be what it claims before it may replace anything. */
  static void validate(Source s, byte[] bytes) throws InputException, IOException {
    switch (s.kind()) {
      case OSV_ZIP -> {
        int json = 0;
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(bytes))) {
          ZipEntry e;
          while ((e = z.getNextEntry()) != null) {
            if (e.getName().endsWith(".json")) {
              json++;
            }
          }
        } catch (IOException e) {
          throw new InputException(s.name() + ": not a valid zip: " + e.getMessage(), e);
        }
        if (json == 0) {
          throw new InputException(s.name() + ": the archive holds no advisories");
        }
      }
      case KEV_JSON -> {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes);
        if (root == null || !root.path("vulnerabilities").isArray()) {
          throw new InputException(s.name() + ": not the KEV catalog (no vulnerabilities array)");
        }
      }
      case EPSS_CSV_GZ -> {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
          String head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
          if (!head.contains("cve,epss,percentile")) {
            throw new InputException(s.name() + ": not an EPSS scores file");
          }
        } catch (java.util.zip.ZipException e) {
          throw new InputException(s.name() + ": not gzip data: " + e.getMessage(), e);
        }
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
