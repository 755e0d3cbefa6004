package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only regular files are opened. A FIFO, device or socket named on the command line is refused with
 * exit 2 (a FIFO used to block forever); a symbolic link to one is skipped with a diagnostic, in a
 * walked directory as on the command line; and when nothing named could be read the command says so
 * with exit 2 instead of reporting a clean result. Readers stay inside the directories they were
 * given.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpecialInputsTest {
  private static final String CANARY =
      "AWS_ACCESS_KEY_ID=AKIA7CV5ZKIJU3OOW7GS\n"
          + "AWS_SECRET_ACCESS_KEY=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\n";

  @TempDir Path dir;
  private Path fifo;
  private Path zeroLink;

  @BeforeEach
  void specials() throws Exception {
    fifo = dir.resolve("config.env");
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (java.io.IOException e) {
      Assumptions.abort("mkfifo is not available: " + e.getMessage());
      return;
    }
    Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo failed");
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
    zeroLink = Files.createSymbolicLink(dir.resolve("zero.eml"), Path.of("/dev/zero"));
  }

  @Test
  void everyCommand_refusesAFifoOrDeviceNamedDirectly_withExitTwo() {
    for (String[] args :
        new String[][] {
          {"scan", fifo.toString(), "--no-progress"},
          {"scan", "/dev/zero", "--no-progress"},
          {"mail", "check", fifo.toString()},
          {"mail", "check", "/dev/zero"},
          {"logs", "hunt", fifo.toString(), "--no-progress"},
          {"deps", "inventory", fifo.toString()},
          {"deps", "plan", "/dev/zero"},
          {"fix", fifo.toString()},
          {"scan", dir.toString(), "--no-progress", "--config", fifo.toString()},
          {"scan", dir.toString(), "--no-progress", "--baseline", fifo.toString()},
          {"logs", "hunt", dir.toString(), "--no-progress", "--rules", fifo.toString()},
          {"label", "import", fifo.toString()},
          {"triage", "rank", fifo.toString()},
        }) {
      Cli.Result r = Cli.run(args);
      assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).containsAnyOf("FIFO", "character device");
    }
  }

  @Test
  void aLinkToADeviceNamedDirectly_isSkippedWithADiagnostic_andNothingReadIsExitTwo() {
    for (String[] args :
        new String[][] {
          {"scan", zeroLink.toString(), "--no-progress"},
          {"mail", "check", zeroLink.toString()},
          {"logs", "hunt", zeroLink.toString(), "--no-progress"},
        }) {
      Cli.Result r = Cli.run(args);
      assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err())
          .as(String.join(" ", args))
          .contains("symbolic link to a character device", "/dev/zero");
    }
  }

  @Test
  void inAWalkedDirectory_specialFilesAndLinksToThem_areSkippedWithDiagnostics() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(tree.resolve("canary.env"), CANARY);
    Files.move(fifo, tree.resolve("pipe.env"));
    Files.createSymbolicLink(tree.resolve("zero.txt"), Path.of("/dev/zero"));
    Cli.Result r = Cli.run("scan", tree.toString(), "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("AWS").contains("pipe.env").contains("zero.txt");
    assertThat(r.out()).contains("FIFO").contains("character device");
  }

  @Test
  void aSoleInputThatCannotBeRead_isExitTwo_notNoFindings() {
    Path mem = Path.of("/proc/self/mem");
    Assumptions.assumeTrue(Files.exists(mem), "needs Linux /proc");
    Cli.Result r = Cli.run("scan", mem.toString(), "--no-progress");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).contains("nothing could be read", "/proc/self/mem");
  }

  @Test
  void logsHunt_followsNoLinkOutOfItsDirectory() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(
        outside.resolve("secret.jsonl"),
        "{\"EventID\":1,\"Computer\":\"OUTSIDE-HOST\",\"Image\":\"C:\\\\Windows\\\\System32\\\\vssadmin.exe\","
            + "\"CommandLine\":\"vssadmin.exe Delete Shadows /All /Quiet\",\"UtcTime\":\"2024-06-01 11:09:00.000\"}\n");
    Path logs = Files.createDirectories(dir.resolve("case/logs"));
    Files.writeString(
        logs.resolve("inside.jsonl"),
        "{\"EventID\":1,\"Computer\":\"INSIDE-HOST\",\"Image\":\"C:\\\\Windows\\\\notepad.exe\","
            + "\"CommandLine\":\"notepad.exe\",\"UtcTime\":\"2024-06-01 11:00:00.000\"}\n");
    Files.createSymbolicLink(logs.resolve("leak.jsonl"), outside.resolve("secret.jsonl"));
    Cli.Result r = Cli.run("logs", "hunt", logs.toString(), "--no-progress", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("OUTSIDE-HOST").doesNotContain("Shadow");
    assertThat(r.out()).contains("leak.jsonl").contains("outside");
  }
}
