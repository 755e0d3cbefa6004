package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.report.RenderOptions;
import dev.bulwark.core.report.ReportFormat;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.scan.ScanRequest;
import dev.bulwark.core.scan.Scanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsAnalyzerTest {
  @TempDir Path dir;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private static final String TOKEN = TestTokens.github("Qm9sd2Fya1Rlc3QxMjM0NTY3ODkwQQ");

  private List<Finding> analyze(List<SourceFile> files) throws Exception {
    List<Finding> out = new ArrayList<>();
    new SecretsAnalyzer()
        .analyze(
            ScanContext.standalone(
                SourceTree.of(dir, files), ScanOptions.defaults(), diagnostics::add),
            out::add);
    return out;
  }

  private SourceFile file(String rel, byte[] content) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return new SourceFile(p, rel, content.length);
  }

  @Test
  void binaryFiles_areSkippedWithANote() throws Exception {
    byte[] elf =
        ("\u007fELF\u0000\u0000" + "GITHUB_TOKEN=" + TOKEN).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(analyze(List.of(file("bin/tool", elf)))).isEmpty();
    assertThat(diagnostics).anyMatch(d -> d.message().contains("binary files skipped"));
  }

  /**
   * A zip that is only a local header: its reader throws without a message ("cannot read: null").
   */
  @Test
  void headerOnlyZip_isReportedInWords_andTheScanGoesOn() throws Exception {
    byte[] zip = new byte[30];
    java.util.Arrays.fill(zip, (byte) 0xff);
    zip[0] = 'P';
    zip[1] = 'K';
    zip[2] = 3;
    zip[3] = 4;
    SourceFile broken = file("lib/headeronly.zip", zip);
    SourceFile good =
        file("app.env", ("GITHUB_TOKEN=" + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(analyze(List.of(broken, good))).hasSize(1);
    assertThat(diagnostics)
        .filteredOn(d -> "lib/headeronly.zip".equals(d.path()))
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.message()).doesNotContain("null"));
  }

  @Test
  void unreadableFile_isReported_andTheScanGoesOn() throws Exception {
    // /proc/self/mem cannot be read sequentially even by root: a dependable I/O error.
    Path mem = Path.of("/proc/self/mem");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(mem), "needs Linux /proc");
    SourceFile good =
        file("app.env", ("GITHUB_TOKEN=" + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
    List<Finding> found = analyze(List.of(new SourceFile(mem, "proc/mem", 1 << 20), good));
    assertThat(found).hasSize(1);
    assertThat(diagnostics)
        .anyMatch(d -> d.level() == Diagnostic.Level.ERROR && "proc/mem".equals(d.path()));
  }

  @Test
  void largeFile_isStreamed_andItsSecretsFound() throws Exception {
    Path big = dir.resolve("dump.sql");
    try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
      byte[] line =
          "INSERT INTO t VALUES (1, 'nothing to see here');\n".getBytes(StandardCharsets.UTF_8);
      byte[] block = new byte[line.length * 20_000];
      for (int i = 0; i < 20_000; i++) {
        System.arraycopy(line, 0, block, i * line.length, line.length);
      }
      while (raf.length() < 55L << 20) {
        raf.write(block);
      }
      raf.write(("-- GITHUB_TOKEN=" + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
    }
    List<Finding> found = analyze(List.of(new SourceFile(big, "dump.sql", Files.size(big))));
    assertThat(found)
        .singleElement()
        .satisfies(f -> assertThat(f.ruleId()).isEqualTo("github-pat"));
    assertThat(diagnostics).anyMatch(d -> d.message().contains("streamed in chunks"));
  }

  @Test
  void utf16File_isDecodedAndScanned() throws Exception {
    byte[] utf16 =
        ("\ufeff$env:GITHUB_TOKEN = \"" + TOKEN + "\"\r\n").getBytes(StandardCharsets.UTF_16LE);
    assertThat(analyze(List.of(file("setup.ps1", utf16))))
        .singleElement()
        .satisfies(f -> assertThat(f.primaryLocation().display()).isEqualTo("setup.ps1:1"));
  }

  @Test
  void archives_areScannedInside_withNestedPaths() throws Exception {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(inner)) {
      z.putNextEntry(new ZipEntry("BOOT-INF/classes/application.properties"));
      z.write(("github.token=" + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream outer = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(outer)) {
      z.putNextEntry(new ZipEntry("WEB-INF/lib/app.jar"));
      z.write(inner.toByteArray());
    }
    List<Finding> found = analyze(List.of(file("dist/site.war", outer.toByteArray())));
    assertThat(found)
        .singleElement()
        .satisfies(f ->
            assertThat(f.primaryLocation().display())
                .isEqualTo(
                    "dist/site.war!/WEB-INF/lib/app.jar!/BOOT-INF/classes/application.properties:1"));
  }

  @Test
  void testPaths_lowerConfidence_unlessConfiguredOtherwise() throws Exception {
    SourceFile f =
        file(
            "src/test/resources/fixture.env",
            ("GITHUB_TOKEN=" + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(analyze(List.of(f)))
        .singleElement()
        .satisfies(x -> {
          assertThat(x.confidence()).isEqualTo(Confidence.LOW);
          assertThat(x.properties()).containsEntry("context", "test");
        });
  }

  @Test
  void configAllowlist_pathsValuesAndDisabledRules() throws Exception {
    file("docs/sample.env", ("GITHUB_TOKEN=" + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
    file(
        "app.env",
        ("GITHUB_TOKEN=" + TOKEN + "\nDB_PASSWORD=Sunflower-Orbit-77\n")
            .getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dir.resolve("bulwark.yaml"),
        "secrets:\n  disable: [generic-password-config]\n  allowlist:\n    paths: [\"docs/**\"]\n");
    ScanReport r = scan(ConfigLoader.load(dir.resolve("bulwark.yaml"), Set.of("secrets"), w -> {}));
    assertThat(r.findings()).extracting(Finding::ruleId).containsExactly("github-pat");
    assertThat(r.findings())
        .extracting(x -> x.primaryLocation().display())
        .containsExactly("app.env:1");
  }

  private ScanReport scan(BulwarkConfig config) throws Exception {
    return new Scanner(List.of(new SecretsAnalyzer()))
        .scan(
            new ScanRequest(List.of(dir), ScanOptions.defaults(), config, Optional.empty()),
            Progress.none(),
            new Cancellation());
  }

  @Test
  void noRawSecret_reachesAnyReportFormat() throws Exception {
    Path fixtures = Path.of(getClass().getResource("/rules/secrets").toURI());
    try (var s = Files.list(fixtures)) {
      for (Path p : s.toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
    ScanReport report = scan(BulwarkConfig.empty(dir));
    assertThat(report.findings()).hasSizeGreaterThan(200);
    // Collect every raw value the engine matched, then look for them in every output.
    List<String> raw = new ArrayList<>();
    var engine =
        dev.bulwark.secrets.engine.SecretEngine.create(
            dev.bulwark.secrets.rules.RuleLoader.builtIn(),
            dev.bulwark.secrets.engine.Allowlist.documentationExamples());
    try (var s = Files.list(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        engine
            .scan(p.getFileName().toString(), Files.readAllBytes(p))
            .forEach(m -> raw.add(m.secret().reveal()));
      }
    }
    assertThat(raw).hasSizeGreaterThan(200);
    for (ReportFormat format : ReportFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      format.writer(RenderOptions.plain()).write(report, (OutputStream) out);
      String text = out.toString(StandardCharsets.UTF_8);
      for (String secret : raw) {
        // A piece from the middle: never a PEM header or a URL's host, always secret material.
        int mid = secret.length() / 2;
        String probe = secret.length() > 16 ? secret.substring(mid - 8, mid + 8) : secret;
        assertThat(text)
            .as(
                "%s output leaks a secret (%s…)",
                format, secret.substring(0, Math.min(4, secret.length())))
            .doesNotContain(probe);
      }
    }
  }
}
