package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SigmaHQ release installed with {@code logs rules update} is hunted with wherever Windows event
 * logs are hunted: {@code logs hunt}, {@code scan} of a tree holding .evtx files, and the MCP tools
 * {@code hunt_logs} and {@code scan}. The release's rule matches the fixture's one Sysmon event and
 * no rule of Bulwark's pack has its title, so the title shows which rule set ran.
 */
class InstalledRulesEverywhereTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TITLE = "AMSI Switched Off Through Reg Marker";
  private static final Path EVTX =
      Path.of("../logs/src/test/resources/dev/bulwark/logs/evtx/sysmon-process-creation.evtx")
          .toAbsolutePath()
          .normalize();

  @TempDir Path dir;
  private Path evidence;
  private Path data;
  private Path empty;

  @BeforeEach
  void installRelease() throws Exception {
    evidence = Files.createDirectories(dir.resolve("evidence"));
    Files.copy(EVTX, evidence.resolve("sysmon.evtx"));
    data = dir.resolve("data");
    empty = Files.createDirectories(dir.resolve("empty-data"));
    Path zip = dir.resolve("sigma_core_r2026-08-01.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("rules/windows/proc_creation_reg_amsi_marker.yml"));
      z.write(
          ("title: "
                  + TITLE
                  + "\n"
                  + "id: 0b7c2f0e-5d3a-4e6b-9a51-3c2d1e0f9a77\n"
                  + "status: test\n"
                  + "author: Jane Analyst\n"
                  + "tags: [attack.defense-evasion, attack.t1562.001]\n"
                  + "logsource: {product: windows, category: process_creation}\n"
                  + "detection:\n"
                  + "  sel:\n"
                  + "    Image|endswith: '\\reg.exe'\n"
                  + "    CommandLine|contains: AmsiEnable\n"
                  + "  condition: sel\n"
                  + "level: high\n")
              .getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    Cli.Result up =
        Cli.run("logs", "rules", "update", "--from", zip.toString(), "--data-dir", data.toString());
    assertThat(up.exit()).as(up.err()).isZero();
  }

  @Test
  void logsHunt_usesTheInstalledRelease() {
    Cli.Result r =
        Cli.run(
            "logs", "hunt", evidence.toString(), "--data-dir", data.toString(), "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(TITLE);
  }

  @Test
  void scanOfEvtx_usesTheInstalledRelease_ofTheDataDirectory() throws Exception {
    Path report = dir.resolve("scan.json");
    String before = System.getProperty("bulwark.data.dir");
    try {
      System.setProperty("bulwark.data.dir", empty.toString());
      Cli.Result packOnly =
          Cli.run("scan", evidence.toString(), "--no-progress", "--analyzer", "logs");
      assertThat(packOnly.out() + packOnly.err()).doesNotContain(TITLE);

      System.setProperty("bulwark.data.dir", data.toString());
      Cli.Result r =
          Cli.run(
              "scan",
              evidence.toString(),
              "--no-progress",
              "--analyzer",
              "logs",
              "--format",
              "json",
              "-o",
              report.toString());
      assertThat(r.err()).doesNotContain("Exception");
      assertThat(Files.readString(report)).contains(TITLE);
    } finally {
      restore(before);
    }
  }

  @Test
  void mcpHuntLogsAndScan_useTheInstalledRelease_ofTheirDataDirectory() throws Exception {
    List<Path> roots = BulwarkTools.roots(List.of(evidence));
    String args = JSON.writeValueAsString(java.util.Map.of("path", evidence.toString()));
    String huntArgs =
        JSON.writeValueAsString(java.util.Map.of("path", evidence.toString(), "min_level", "low"));

    BulwarkTools packOnly = new BulwarkTools(roots, empty, "test");
    BulwarkTools.Result noRelease = packOnly.call("hunt_logs", JSON.readTree(huntArgs));
    assertThat(noRelease.error()).as(noRelease.text()).isFalse();
    assertThat(noRelease.text() + noRelease.structured()).doesNotContain(TITLE);

    BulwarkTools tools = new BulwarkTools(roots, data, "test");
    BulwarkTools.Result hunt = tools.call("hunt_logs", JSON.readTree(huntArgs));
    assertThat(hunt.error()).as(hunt.text()).isFalse();
    assertThat(hunt.text() + hunt.structured()).contains(TITLE);

    BulwarkTools.Result scan = tools.call("scan", JSON.readTree(args));
    assertThat(scan.error()).as(scan.text()).isFalse();
    assertThat(scan.text() + scan.structured()).contains(TITLE);
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty("bulwark.data.dir");
    } else {
      System.setProperty("bulwark.data.dir", before);
    }
  }
}
