package dev.bulwark.logs.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * SigmaHQ's rule releases in Bulwark's data directory: downloads a release archive (or takes one
 * the user downloaded), verifies it — size, archive limits, entry names, every rule document parses
 * — and installs it beside the previous release, switching to it atomically. A download or archive
 * that fails any check leaves the installed rules as they were.
 *
 * <p>Layout: {@code DATA/sigma/releases/<version>/} holds one release's rule files and {@code
 * release.json}; {@code DATA/sigma/current} names the release in use.
 */
public final class SigmaReleases {
  /** SigmaHQ publishes every release's rule packages as assets; this one has every rule folder. */
  public static final URI DEFAULT_URL =
      URI.create("https://github.com/SigmaHQ/sigma/releases/latest/download/sigma_all_rules.zip");

  /** Limits for what a release archive may be. */
  public record Limits(long maxDownload, int maxEntries, long maxEntryBytes, long maxTotalBytes) {
    public static Limits defaults() {
      return new Limits(200L << 20, 50_000, 8L << 20, 1L << 30);
    }
  }

  /** What is installed: the release, where it came from, what it holds. */
  public record Release(
      String version,
      String source,
      String sha256,
      long archiveBytes,
      int ruleFiles,
      int rulesLoaded,
      int rulesNotRunnable,
      Instant installed,
      Path dir) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAG = Pattern.compile("r\\d{4}-\\d{2}-\\d{2}");

  private final Path root;
  private final Limits limits;

  public SigmaReleases(Path dataDir) {
    this(dataDir, Limits.defaults());
  }

  public SigmaReleases(Path dataDir, Limits limits) {
    this.root = dataDir.resolve("sigma");
    this.limits = limits;
  }

  /** The release in use, if any. */
  public Optional<Release> current() throws IOException {
    Path pointer = root.resolve("current");
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    String version = Files.readString(pointer).strip();
    Path dir = root.resolve("releases").resolve(version);
    if (!Files.isDirectory(dir) || !version.matches("[A-Za-z0-9._:-]+")) {
      return Optional.empty();
    }
    return Optional.of(read(dir));
  }

  /** Every release kept in the data directory, the one in use included. */
  public List<Release> installed() throws IOException {
    Path releases = root.resolve("releases");
    List<Release> out = new ArrayList<>();
    if (Files.isDirectory(releases)) {
      try (Stream<Path> s = Files.list(releases)) {
        for (Path d : s.sorted().toList()) {
          if (Files.isRegularFile(d.resolve("release.json"))) {
            out.add(read(d));
          }
        }
      }
    }
    return out;
  }

  /** Downloads a release archive and installs it. */
  public Release update(URI url) throws IOException, InputException, InterruptedException {
    Files.createDirectories(root);
    Path tmp = Files.createTempFile(root, "download-", ".zip");
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      HttpRequest req =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofMinutes(10))
              .header("User-Agent", "Bulwark")
              .GET()
              .build();
      HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        if (r.statusCode() != 200) {
          throw new InputException(url + ": HTTP " + r.statusCode() + "; nothing installed");
        }
        copyBounded(in, tmp, url.toString());
      }
      return install(tmp, url.toString(), versionFrom(url.getPath()));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Installs a release archive the user downloaded. */
  public Release installFrom(Path archive) throws IOException, InputException {
    if (!Files.isRegularFile(archive)) {
      throw new InputException(archive + ": not a regular file");
    }
    if (Files.size(archive) > limits.maxDownload()) {
      throw new InputException(
          archive + ": larger than " + (limits.maxDownload() >> 20) + " MiB; nothing installed");
    }
    return install(
        archive,
        archive.toAbsolutePath().toString(),
        versionFrom(archive.getFileName().toString()));
  }

  private void copyBounded(InputStream in, Path to, String what)
      throws IOException, InputException {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(to)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > limits.maxDownload()) {
          throw new InputException(
              what + ": more than " + (limits.maxDownload() >> 20) + " MiB; nothing installed");
        }
        out.write(buf, 0, n);
      }
    }
  }

  private Release install(Path archive, String source, String tagVersion)
      throws IOException, InputException {
    String sha = sha256(archive);
    String version = tagVersion != null ? tagVersion : "sha256-" + sha.substring(0, 12);
    Path releases = Files.createDirectories(root.resolve("releases"));
    Path staging = Files.createTempDirectory(root, "staging-");
    try {
      return installStaged(archive, source, version, sha, releases, staging);
    } catch (InputException e) {
      throw e.getMessage().endsWith("nothing installed")
          ? e
          : new InputException(e.getMessage() + "; nothing installed");
    } finally {
      if (Files.exists(staging)) {
        deleteTree(staging);
      }
    }
  }

  private Release installStaged(
      Path archive, String source, String version, String sha, Path releases, Path staging)
      throws IOException, InputException {
    {
      int files = extract(archive, staging, source);
      if (files == 0) {
        throw new InputException(source + ": no Sigma rule files (.yml) in the archive");
      }
      RuleSet set = RuleSet.load(List.of(staging), Map.of(), Logsources.builtIn());
      List<String> broken = new ArrayList<>();
      for (RuleSet.Problem p : set.problems()) {
        if (p.kind() == RuleSet.ProblemKind.INVALID && p.message().startsWith("not valid YAML")) {
          broken.add(staging.relativize(Path.of(p.path())) + ": " + p.message());
        }
      }
      if (!broken.isEmpty()) {
        throw new InputException(
            source
                + ": "
                + broken.size()
                + " rule files do not parse, e.g. "
                + broken.get(0)
                + "; nothing installed");
      }
      long notRunnable = set.problems().size();
      ObjectNode meta = JSON.createObjectNode();
      meta.put("version", version);
      meta.put("source", source);
      meta.put("sha256", sha);
      meta.put("archiveBytes", Files.size(archive));
      meta.put("ruleFiles", files);
      meta.put("rulesLoaded", set.rules().size() + set.correlations().size());
      meta.put("rulesNotRunnable", notRunnable);
      meta.put("installed", Instant.now().toString());
      meta.put(
          "licence",
          "Detection Rule License 1.1 (https://github.com/SigmaHQ/Detection-Rule-License);"
              + " each rule's author is kept in every alert");
      Files.writeString(
          staging.resolve("release.json"),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
      Path target = releases.resolve(version);
      Optional<Release> previous = current();
      if (Files.exists(target)) {
        deleteTree(target);
      }
      move(staging, target);
      Path pointer = root.resolve("current.tmp");
      Files.writeString(pointer, version + "\n");
      move(pointer, root.resolve("current"));
      prune(version, previous.map(Release::version).orElse(null));
      return read(target);
    }
  }

  /** Keeps the release in use and the one before it; older ones go. */
  private void prune(String keep, String previous) throws IOException {
    for (Release r : installed()) {
      if (!r.version().equals(keep) && !r.version().equals(previous)) {
        deleteTree(r.dir());
      }
    }
  }

  /**
   * Extracts the rule files (.yml, .yaml) and licence texts, refusing the archive when an entry
   * escapes the folder or a limit is passed. Returns the number of rule files.
   */
  private int extract(Path archive, Path to, String source) throws IOException, InputException {
    int entries = 0;
    int rules = 0;
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (++entries > limits.maxEntries()) {
          throw new InputException(source + ": more than " + limits.maxEntries() + " entries");
        }
        String name = e.getName().replace('\\', '/');
        if (e.isDirectory()) {
          continue;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean rule = lower.endsWith(".yml") || lower.endsWith(".yaml");
        boolean licence = lower.endsWith("license") || lower.contains("license.");
        if (!rule && !licence) {
          continue;
        }
        Path out = to.resolve(name).normalize();
        if (name.startsWith("/") || name.contains("..") || !out.startsWith(to)) {
          throw new InputException(source + ": entry " + name + " leaves the archive folder");
        }
        Files.createDirectories(out.getParent());
        long size = 0;
        byte[] buf = new byte[1 << 15];
        try (OutputStream os = Files.newOutputStream(out)) {
          for (int n; (n = zip.read(buf)) > 0; ) {
            size += n;
            total += n;
            if (size > limits.maxEntryBytes()) {
              throw new InputException(
                  source
                      + ": entry "
                      + name
                      + " larger than "
                      + (limits.maxEntryBytes() >> 20)
                      + " MiB");
            }
            if (total > limits.maxTotalBytes()) {
              throw new InputException(
                  source + ": expands beyond " + (limits.maxTotalBytes() >> 20) + " MiB");
            }
            os.write(buf, 0, n);
          }
        }
        if (rule) {
          rules++;
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new InputException(source + ": not a valid zip archive (" + e.getMessage() + ")");
    } catch (java.io.EOFException e) {
      throw new InputException(source + ": truncated zip archive");
    }
    if (entries == 0) {
      throw new InputException(source + ": not a zip archive, or an empty one");
    }
    return rules;
  }

  private static Release read(Path dir) throws IOException {
    var n = JSON.readTree(dir.resolve("release.json").toFile());
    return new Release(
        n.path("version").asText(),
        n.path("source").asText(),
        n.path("sha256").asText(),
        n.path("archiveBytes").asLong(),
        n.path("ruleFiles").asInt(),
        n.path("rulesLoaded").asInt(),
        n.path("rulesNotRunnable").asInt(),
        Instant.parse(n.path("installed").asText()),
        dir);
  }

  static String versionFrom(String name) {
    Matcher m = TAG.matcher(name);
    return m.find() ? m.group() : null;
  }

  private static String sha256(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
