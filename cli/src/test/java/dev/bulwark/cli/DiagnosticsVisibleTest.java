package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Bulwark could not do is never hidden: the terminal shows how many diagnostics there were and
 * the text of the first five, a hunt shows its warnings (unreadable EVTX records) as well as its
 * errors, an input that could not be read at all is exit 2, and a NUL byte does not make a file's
 * secrets disappear.
 */
class DiagnosticsVisibleTest {
  private static final Path SYSMON =
      Path.of("../logs/src/test/resources/dev/bulwark/logs/evtx/sysmon-process-creation.evtx")
          .toAbsolutePath()
          .normalize();

  @TempDir Path dir;

  @Test
  void scan_showsTheTextOfTheFirstFiveDiagnostics_thenACount_notesIncluded() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    for (int i = 0; i < 7; i++) {
      Files.createSymbolicLink(tree.resolve("dangling-" + i + ".env"), dir.resolve("nowhere"));
    }
    Cli.Result r = Cli.run("scan", tree.toString(), "--no-progress", "--analyzer", "secrets");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("7 diagnostics: 7 warnings");
    assertThat(r.out().lines().filter(l -> l.contains("broken symbolic link skipped")).count())
        .isEqualTo(5);
    assertThat(r.out()).contains("… and 2 more");

    // a note is printed in full too: "1 diagnostic" alone says nothing
    Path deps = Files.createDirectories(dir.resolve("deps"));
    Files.writeString(
        deps.resolve("pom.xml"),
        "<!DOCTYPE project><project><groupId>g</groupId><artifactId>a</artifactId>"
            + "<version>1</version></project>\n");
    Cli.Result note = Cli.run("scan", deps.toString(), "--no-progress", "--analyzer", "deps");
    assertThat(note.exit()).as(note.err()).isZero();
    assertThat(note.out()).containsPattern("note +pom.xml: has a DOCTYPE; it was ignored");
  }

  @Test
  void logsHunt_showsWarnings_suchAsUnreadableEvtxRecords() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(SYSMON), "the EVTX fixture of the logs module");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.copy(SYSMON, logs.resolve("good.evtx"));
    byte[] b = Files.readAllBytes(SYSMON);
    // the file and chunk headers stay intact; the records behind them do not
    for (int i = 4096 + 512 + 24; i < b.length; i += 7) {
      b[i] = (byte) 0xAB;
    }
    Files.write(logs.resolve("damaged.evtx"), b);
    Cli.Result r = Cli.run("logs", "hunt", logs.toString(), "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Read 1 events from 2 files");
    assertThat(r.out()).containsPattern("warning +\\S*damaged.evtx");
  }

  @Test
  void logsHunt_aSoleLogWithNothingReadable_isExitTwo() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(SYSMON), "the EVTX fixture of the logs module");
    byte[] b = Files.readAllBytes(SYSMON);
    for (int i = 4096 + 512 + 24; i < b.length; i += 7) {
      b[i] = (byte) 0xAB;
    }
    Path evtx = Files.write(dir.resolve("unreadable.evtx"), b);
    Cli.Result r = Cli.run("logs", "hunt", evtx.toString(), "--no-progress");
    assertThat(r.exit()).as(r.out()).isEqualTo(2);
    assertThat(r.err()).contains("nothing could be read", "unreadable.evtx", "record");
  }

  @Test
  void mailCheck_aSoleUnreadableInput_isExitTwo() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("urandom.eml"), Path.of("/dev/urandom"));
    Assumptions.assumeTrue(Files.exists(link), "no /dev/urandom here");
    Cli.Result r = Cli.run("mail", "check", link.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nothing", "urandom.eml");
  }

  @Test
  void deps_aSoleManifestThatCannotBeRead_isExitTwo_forInventoryPlanAndScan() throws Exception {
    Path pom = Files.writeString(dir.resolve("pom.xml"), "<project><broken\n");
    Path bom = dir.resolve("bom.json");
    Cli.Result inventory = Cli.run("deps", "inventory", pom.toString(), "-o", bom.toString());
    assertThat(inventory.exit()).as(inventory.out() + inventory.err()).isEqualTo(2);
    assertThat(inventory.err()).contains("nothing could be read", "pom.xml", "cannot read the POM");
    assertThat(bom).as("no empty inventory is written").doesNotExist();
    Cli.Result plan =
        Cli.run("deps", "plan", pom.toString(), "--ics", dir.resolve("plan.ics").toString());
    assertThat(plan.exit()).as(plan.out() + plan.err()).isEqualTo(2);
    assertThat(plan.err()).contains("nothing could be read", "pom.xml");
    Cli.Result scan = Cli.run("scan", pom.toString(), "--no-progress");
    assertThat(scan.exit()).as(scan.out() + scan.err()).isEqualTo(2);
    assertThat(scan.err()).contains("nothing could be read", "pom.xml");

    // a file no manifest reader accepts is said to be one, not inventoried as empty
    Path notes = Files.writeString(dir.resolve("notes.txt"), "nothing here\n");
    Cli.Result other = Cli.run("deps", "inventory", notes.toString(), "-o", bom.toString());
    assertThat(other.exit()).as(other.out() + other.err()).isEqualTo(2);
    assertThat(other.err()).contains("notes.txt", "not a manifest");

    // a directory whose manifest is broken is still read (its other files may not be)
    Cli.Result directory = Cli.run("deps", "inventory", dir.toString(), "-o", bom.toString());
    assertThat(directory.exit()).as(directory.out() + directory.err()).isZero();
    assertThat(directory.err()).contains("cannot read the POM");
  }

  @Test
  void aLeadingNul_doesNotHideAFilesSecrets() throws Exception {
    Path f = dir.resolve("prod.env");
    Files.write(
        f,
        ("\0AWS_ACCESS_KEY_ID=AKIA7CV5ZKIJU3OOW7GS\n"
                + "AWS_SECRET_ACCESS_KEY=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\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Cli.Result r = Cli.run("scan", f.toString(), "--no-progress");
    assertThat(r.out()).contains("aws-secret-access-key").contains("aws-access-key-id");
  }
}
