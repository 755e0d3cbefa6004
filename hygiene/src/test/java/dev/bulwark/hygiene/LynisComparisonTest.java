package dev.bulwark.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.bulwark.core.testing.Tools;
import dev.bulwark.hygiene.check.Check;
import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.posture.HistorySecrets;
import dev.bulwark.hygiene.posture.SystemRoot;
import dev.bulwark.hygiene.state.CheckupStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Debian's Lynis and the check-up on this machine and maps which of Lynis's warnings and
 * suggestions the check-up also raises. The table goes to target/lynis-comparison.md
 * (docs/checkup.md holds a measured copy). {@code -Dlynis.report=FILE} reuses a report.dat from an
 * earlier run (a full audit takes minutes).
 */
class LynisComparisonTest {
  @TempDir Path dir;

  record LynisItem(String kind, String id, String text) {}

  @Test
  void lynisAndCheckup_onThisMachine_mappedTable() throws Exception {
    Path report;
    String reuse = System.getProperty("lynis.report");
    if (reuse != null && !reuse.isBlank()) {
      report = Path.of(reuse);
      assumeThat(Files.isReadable(report)).as("lynis.report %s not readable", report).isTrue();
    } else {
      Path lynis = Tools.onPath("lynis").orElse(null);
      assumeThat(lynis).as(Tools.missing("lynis", "lynis")).isNotNull();
      report = dir.resolve("report.dat");
      Process p =
          new ProcessBuilder(
                  lynis.toString(),
                  "audit",
                  "system",
                  "--quick",
                  "--no-colors",
                  "--logfile",
                  dir.resolve("lynis.log").toString(),
                  "--report-file",
                  report.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("lynis.out").toFile())
              .start();
      assertThat(p.waitFor(40, TimeUnit.MINUTES)).as("lynis finished").isTrue();
    }
    List<LynisItem> items = new ArrayList<>();
    for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
      for (String kind : List.of("warning", "suggestion")) {
        if (line.startsWith(kind + "[]=")) {
          String[] f = line.substring(kind.length() + 3).split("\\|", -1);
          items.add(new LynisItem(kind, f[0], f.length > 1 ? f[1] : ""));
        }
      }
    }
    assumeThat(items).as("Lynis reported nothing to compare").isNotEmpty();

    CheckCatalog cat = CheckCatalog.builtIn();
    CheckupRun run =
        new Checkup(cat, HistorySecrets.BASIC, new CheckupStore(dir.resolve("data")))
            .run(SystemRoot.of(Path.of("/")), Profile.ADMIN, Instant.now(), false);
    StringBuilder md = new StringBuilder();
    md.append(
        "| Lynis | id | Lynis says | Bulwark check | Bulwark result |\n|---|---|---|---|---|\n");
    int mapped = 0;
    int alsoRaised = 0;
    for (LynisItem i : items) {
      Check match =
          cat.all().stream().filter(c -> c.lynis().contains(i.id())).findFirst().orElse(null);
      String result = "—";
      if (match != null) {
        mapped++;
        CheckResult r = run.results().get(match.id());
        result = r.status().name();
        if (r.status() == dev.bulwark.hygiene.check.Status.FAIL) {
          alsoRaised++;
        }
      }
      md.append("| ")
          .append(i.kind())
          .append(" | ")
          .append(i.id())
          .append(" | ")
          .append(i.text().replace("|", "/"))
          .append(" | ")
          .append(match == null ? "—" : match.id())
          .append(" | ")
          .append(result)
          .append(" |\n");
    }
    md.append("\nLynis items: ")
        .append(items.size())
        .append("; mapped to a check-up check: ")
        .append(mapped)
        .append("; of those raised by the check-up too: ")
        .append(alsoRaised)
        .append('\n');
    md.append("\nCheck-up results on the same machine (admin profile):\n\n");
    for (Check c : run.checks()) {
      md.append("- ")
          .append(c.id())
          .append(": ")
          .append(run.results().get(c.id()).status())
          .append(c.lynis().isEmpty() ? "" : " (Lynis " + String.join(", ", c.lynis()) + ")")
          .append('\n');
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/lynis-comparison.md"), md);
    // every Lynis item the catalogue maps must be one the check-up raises as well
    assertThat(alsoRaised).as(md.toString()).isEqualTo(mapped);
  }
}
