package dev.bulwark.hygiene.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.report.JsonReportWriter;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.hygiene.Checkup;
import dev.bulwark.hygiene.CheckupRun;
import dev.bulwark.hygiene.CheckupText;
import dev.bulwark.hygiene.HygieneFindings;
import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.check.Status;
import dev.bulwark.hygiene.posture.HistorySecrets;
import dev.bulwark.hygiene.posture.SystemRoot;
import dev.bulwark.hygiene.state.CheckupStore;
import dev.bulwark.hygiene.state.PasswordSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance check: 200 made-up accounts with weak, reused, breached and old passwords;
 * breaches looked up on a fake range server on 127.0.0.1 that records what it was sent. Every
 * planted problem must be found and nothing else, only 5-hex-digit prefixes may reach the server,
 * and no password (nor its full SHA-1) may appear in any file, log or report written.
 */
class PasswordAcceptanceTest {
  @TempDir Path dir;

  @Test
  void fixtureVault_everyPlantedProblemFound_andNoPasswordWrittenAnywhere() throws Exception {
    List<FixtureVault.Entry> vault = FixtureVault.generate();
    Map<String, Integer> known = new HashMap<>();
    for (FixtureVault.Entry e : vault) {
      if (e.breached()) {
        known.put(FixtureVault.sha1(e.password()), 1000 + e.site().length());
      }
    }
    Path export = dir.resolve("export/bitwarden.json");
    Files.createDirectories(export.getParent());
    Files.writeString(export, FixtureVault.bitwardenJson(vault), StandardCharsets.UTF_8);
    Path data = dir.resolve("data");
    Path out = dir.resolve("out");
    Files.createDirectories(out);

    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    PasswordAudit.Result r;
    FakeRangeServer server = new FakeRangeServer(known);
    try (server;
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(both);
      System.setErr(both);
      List<Account> accounts = ExportReader.read(export, ExportFormat.BITWARDEN_JSON);
      assertThat(accounts).hasSize(200);
      r =
          new PasswordAudit()
              .audit(accounts, Optional.of(new RangeApiClient(server.base())), FixtureVault.NOW);
      assertThat(accounts).allMatch(a -> a.password().wiped());

      CheckupStore store = new CheckupStore(data);
      store.passwords(
          new PasswordSummary(
              FixtureVault.NOW,
              r.accounts().size(),
              (int) r.weak(),
              (int) r.reused(),
              (int) r.breached(),
              (int) r.old(),
              r.breachChecked()));
      Checkup checkup = new Checkup(CheckCatalog.builtIn(), HistorySecrets.BASIC, store);
      CheckupRun run =
          checkup.run(SystemRoot.of(dir.resolve("export")), Profile.HOME, FixtureVault.NOW, true);
      PrintWriter pw = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
      CheckupText.write(run, pw);
      r.accounts().forEach(v -> System.out.println(v + " " + v.label()));
      ScanReport report =
          ScanReport.ofSingleRun(
              "host",
              List.of("host"),
              FixtureVault.NOW,
              0,
              0,
              HygieneFindings.ANALYZER,
              "check-up",
              HygieneFindings.rules(run.checks()),
              HygieneFindings.of(run, "host"),
              List.of());
      Files.writeString(out.resolve("report.json"), JsonReportWriter.toJson(report).toString());
      assertThat(run.results().get("passwords-breached").status()).isEqualTo(Status.FAIL);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    Files.write(out.resolve("console.log"), captured.toByteArray());

    // every planted problem found, and nothing else
    for (int i = 0; i < vault.size(); i++) {
      FixtureVault.Entry e = vault.get(i);
      AccountVerdict v = r.accounts().get(i);
      assertThat(v.site()).isEqualTo(e.site());
      assertThat(v.weak()).as("weak: %s", e.site()).isEqualTo(e.weak());
      assertThat(v.reused()).as("reused: %s", e.site()).isEqualTo(e.reused());
      // an account sharing a planted breached password is breached too
      assertThat(v.breached())
          .as("breached: %s", e.site())
          .isEqualTo(known.containsKey(FixtureVault.sha1(e.password())));
      assertThat(v.old()).as("old: %s", e.site()).isEqualTo(e.old());
    }
    long weak = vault.stream().filter(FixtureVault.Entry::weak).count();
    long reused = vault.stream().filter(FixtureVault.Entry::reused).count();
    long breached = 0;
    for (FixtureVault.Entry e : vault) {
      breached += known.containsKey(FixtureVault.sha1(e.password())) ? 1 : 0;
    }
    long old = vault.stream().filter(FixtureVault.Entry::old).count();
    assertThat(List.of(r.weak(), r.reused(), r.breached(), r.old()))
        .containsExactly(weak, reused, breached, old);
    assertThat(List.of(weak, reused, breached, old)).containsExactly(20L, 40L, 12L, 10L);

    // only prefixes left the machine
    assertThat(server.paths).isNotEmpty().allMatch(p -> p.matches("/range/[0-9A-F]{5}"));
    String sent = String.join("\n", server.paths) + String.join("\n", server.headersAndBodies);
    for (FixtureVault.Entry e : vault) {
      assertThat(sent).doesNotContain(FixtureVault.sha1(e.password()).substring(5));
    }

    // no password, nor its full hash, in any file written, log or report
    List<String> needles = new ArrayList<>();
    for (FixtureVault.Entry e : vault) {
      needles.add(e.password());
      needles.add(FixtureVault.sha1(e.password()));
    }
    List<Path> written;
    try (Stream<Path> s = Files.walk(dir)) {
      written = s.filter(Files::isRegularFile).filter(p -> !p.equals(export)).toList();
    }
    assertThat(written)
        .extracting(p -> dir.relativize(p).toString())
        .contains(
            "out/console.log",
            "out/report.json",
            "data/checkup/passwords.json",
            "data/checkup/history.jsonl");
    int scanned = 0;
    for (Path f : written) {
      String text = Files.readString(f, StandardCharsets.ISO_8859_1);
      for (String n : needles) {
        assertThat(text).as("%s must not contain a password", f).doesNotContain(n);
      }
      scanned++;
    }
    Files.writeString(
        Path.of("target/password-acceptance.txt"),
        String.format(
            "accounts=%d weak=%d/%d reused=%d/%d breached=%d/%d old=%d/%d requests=%d (all 5-hex prefixes) files-scanned=%d passwords-found-in-files=0%n",
            r.accounts().size(),
            r.weak(),
            weak,
            r.reused(),
            reused,
            r.breached(),
            breached,
            r.old(),
            old,
            server.paths.size(),
            scanned));
  }
}
