package dev.bulwark.logs.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleSet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing SigmaHQ releases: from a real HTTP server on 127.0.0.1 serving a small release archive
 * built from ../shared/data/sigma (skipped when absent), from a local file, and refusing corrupt,
 * hostile or empty archives without touching what is installed.
 */
class SigmaReleasesTest {
  private static final Path SIGMA = Path.of("../../shared/data/sigma").toAbsolutePath().normalize();

  @TempDir Path tmp;
  private HttpServer server;
  private byte[] served;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] body = served == null ? new byte[0] : served;
          ex.sendResponseHeaders(served == null ? 404 : 200, body.length == 0 ? -1 : body.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url(String name) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/download/" + name);
  }

  /** A release archive of the first {@code n} Windows process-creation rules and the licence. */
  private static byte[] releaseArchive(int n) throws IOException {
    Path dir = SIGMA.resolve("rules/windows/process_creation");
    assumeTrue(Files.isDirectory(dir), "Sigma rules not present at " + SIGMA);
    List<Path> rules;
    try (Stream<Path> s = Files.list(dir)) {
      rules = s.filter(p -> p.toString().endsWith(".yml")).sorted().limit(n).toList();
    }
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(buf)) {
      for (Path r : rules) {
        zip.putNextEntry(new ZipEntry("rules/windows/process_creation/" + r.getFileName()));
        zip.write(Files.readAllBytes(r));
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("LICENSE"));
      zip.write(Files.readAllBytes(SIGMA.resolve("LICENSE")));
      zip.closeEntry();
    }
    return buf.toByteArray();
  }

  private static byte[] zipOf(String name, String content) throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(buf)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return buf.toByteArray();
  }

  @Test
  void update_downloadsVerifiesAndInstalls_thenTheDefaultSetIncludesIt() throws Exception {
    served = releaseArchive(40);
    SigmaReleases releases = new SigmaReleases(tmp);
    SigmaReleases.Release r = releases.update(url("r2026-07-01/sigma_all_rules.zip"));
    assertThat(r.version()).isEqualTo("r2026-07-01");
    assertThat(r.ruleFiles()).isEqualTo(40);
    assertThat(r.sha256()).hasSize(64);
    assertThat(releases.current())
        .hasValueSatisfying(c -> assertThat(c.version()).isEqualTo("r2026-07-01"));
    assertThat(r.dir().resolve("LICENSE")).exists();

    LogHunt.Settings s =
        LogHunt.Settings.defaults()
            .withChoice(new LogHunt.RuleChoice(tmp, false, RuleSet.StatusPolicy.defaults()));
    RuleSet set = LogHunt.loadRules(s, Logsources.builtIn());
    RuleSet pack = RuleSet.builtIn(java.util.Map.of(), Logsources.builtIn());
    assertThat(set.rules().size() + set.filteredByStatus()).isGreaterThan(pack.rules().size());
    assertThat(set.rules())
        .anySatisfy(x -> assertThat(x.meta().path()).startsWith(r.dir().toString()));
  }

  @Test
  void corruptDownload_leavesTheInstalledReleaseUntouched() throws Exception {
    SigmaReleases releases = new SigmaReleases(tmp);
    served = releaseArchive(10);
    releases.update(url("r2026-06-01/sigma_all_rules.zip"));
    byte[] good = releaseArchive(20);
    served = java.util.Arrays.copyOf(good, good.length / 2); // cut off mid-download
    assertThatThrownBy(() -> releases.update(url("r2026-07-01/sigma_all_rules.zip")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("nothing installed")
        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("zip", "truncated"));
    assertThat(releases.current())
        .hasValueSatisfying(c -> assertThat(c.version()).isEqualTo("r2026-06-01"));
    assertThat(releases.installed()).hasSize(1);
    try (Stream<Path> s = Files.list(tmp.resolve("sigma"))) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("current", "releases");
    }
  }

  @Test
  void httpError_andRuleThatDoesNotParse_areRefused() throws Exception {
    SigmaReleases releases = new SigmaReleases(tmp);
    served = null;
    assertThatThrownBy(() -> releases.update(url("missing.zip"))).hasMessageContaining("HTTP 404");
    served = zipOf("rules/bad.yml", "title: [unclosed\n  detection: {");
    assertThatThrownBy(() -> releases.update(url("r2026-01-01.zip")))
        .hasMessageContaining("do not parse")
        .hasMessageContaining("bad.yml");
    assertThat(releases.current()).isEmpty();
  }

  @Test
  void archiveEscapingItsFolder_isRefused() throws Exception {
    Path evil = tmp.resolve("evil.zip");
    Files.write(evil, zipOf("../../outside.yml", "title: x\n"));
    SigmaReleases releases = new SigmaReleases(tmp.resolve("data"));
    assertThatThrownBy(() -> releases.installFrom(evil)).hasMessageContaining("leaves the archive");
    assertThat(tmp.resolve("outside.yml")).doesNotExist();
    assertThat(releases.current()).isEmpty();
  }

  @Test
  void installFrom_aDownloadedFile_keepsThePreviousReleaseBesideIt() throws Exception {
    SigmaReleases releases = new SigmaReleases(tmp.resolve("data"));
    Path a = tmp.resolve("sigma_core_r2026-05-01.zip");
    Files.write(a, releaseArchive(5));
    Path b = tmp.resolve("sigma_core_r2026-07-01.zip");
    Files.write(b, releaseArchive(8));
    releases.installFrom(a);
    releases.installFrom(b);
    assertThat(releases.installed())
        .extracting(SigmaReleases.Release::version)
        .containsExactly("r2026-05-01", "r2026-07-01");
    assertThat(releases.current()).hasValueSatisfying(c -> assertThat(c.ruleFiles()).isEqualTo(8));
    Path c = tmp.resolve("sigma_core_r2026-08-01.zip");
    Files.write(c, releaseArchive(3));
    releases.installFrom(c);
    assertThat(releases.installed())
        .extracting(SigmaReleases.Release::version)
        .containsExactly("r2026-07-01", "r2026-08-01");
  }
}
