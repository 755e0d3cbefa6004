package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.files.FileKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where reports go is checked before any work: only a new path or a regular file is written, never
 * a device, FIFO, socket, directory or (unless asked) a symbolic link, never one of the inputs; a
 * path that cannot be written is exit 2 with a plain message, not an internal error.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutputFilesTest {
  @TempDir Path dir;
  private Path evidence;

  @BeforeEach
  void evidence() throws Exception {
    evidence = Files.createDirectories(dir.resolve("evidence"));
    Files.writeString(
        evidence.resolve("app.properties"),
        "aws_secret_access_key = k9Vz3Qp+7mWcR2xT8uYbE4nH6jL1aS5dF0gKwUoZ\n");
  }

  private static void make(String... command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      Assumptions.abort(command[0] + " is not available: " + e.getMessage());
      return;
    }
    String out = new String(p.getInputStream().readAllBytes());
    Assumptions.assumeTrue(
        p.waitFor() == 0,
        "cannot make a special file here (" + String.join(" ", command) + "): " + out);
  }

  private Cli.Result scanTo(Path out, String... extra) {
    String[] args = {
      "scan", evidence.toString(), "--no-progress", "--format", "json", "-o", out.toString()
    };
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return Cli.run(all);
  }

  @Test
  void aCharacterDevice_isRefusedWithExitTwo_andStaysADevice() throws Exception {
    Path device = dir.resolve("full");
    make("mknod", device.toString(), "c", "1", "7"); // the same device as /dev/full
    Cli.Result r = scanTo(device);
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(device.toString(), "character device");
    assertThat(FileKind.of(device)).isEqualTo(FileKind.CHARACTER_DEVICE);
  }

  @Test
  void aFifo_isRefused_forReportsTimelinesIndicatorsAndInventories() throws Exception {
    Path fifo = dir.resolve("pipe");
    make("mkfifo", fifo.toString());
    Cli.Result scan = scanTo(fifo);
    assertThat(scan.exit()).as(scan.err()).isEqualTo(2);
    assertThat(scan.err()).contains("FIFO");
    Path mail = Files.writeString(dir.resolve("m.eml"), "From: a@b.example\nSubject: x\n\nhi\n");
    Cli.Result indicators =
        Cli.run("mail", "check", mail.toString(), "--indicators", fifo.toString());
    assertThat(indicators.exit()).as(indicators.err()).isEqualTo(2);
    Path log = Files.writeString(dir.resolve("a.jsonl"), "{\"EventID\":1}\n");
    Cli.Result timeline =
        Cli.run("logs", "hunt", log.toString(), "--no-progress", "--timeline", fifo + ".csv");
    assertThat(timeline.exit()).as(timeline.err()).isZero();
    Path fifoCsv = dir.resolve("pipe2.csv");
    make("mkfifo", fifoCsv.toString());
    Cli.Result timelineFifo =
        Cli.run("logs", "hunt", log.toString(), "--no-progress", "--timeline", fifoCsv.toString());
    assertThat(timelineFifo.exit()).as(timelineFifo.err()).isEqualTo(2);
    Cli.Result inventory = Cli.run("deps", "inventory", evidence.toString(), "-o", fifo.toString());
    assertThat(inventory.exit()).as(inventory.err()).isEqualTo(2);
    assertThat(FileKind.of(fifo)).isEqualTo(FileKind.FIFO);
    assertThat(FileKind.of(fifoCsv)).isEqualTo(FileKind.FIFO);
  }

  @Test
  void aSocket_isRefusedWithExitTwo_andStaysASocket() throws Exception {
    Path socket = dir.resolve("report.sock");
    try (java.nio.channels.ServerSocketChannel server =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(java.net.UnixDomainSocketAddress.of(socket));
      Cli.Result r = scanTo(socket);
      assertThat(r.exit()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains(socket.toString(), "socket");
      Path mail = Files.writeString(dir.resolve("m.eml"), "From: a@b.example\nSubject: x\n\nhi\n");
      Cli.Result indicators =
          Cli.run("mail", "check", mail.toString(), "--indicators", socket.toString());
      assertThat(indicators.exit()).as(indicators.err()).isEqualTo(2);
      assertThat(FileKind.of(socket)).isEqualTo(FileKind.SOCKET);
    }
  }

  @Test
  void aSymbolicLink_isRefused_unlessWritingThroughLinksIsAsked() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me\n");
    Path link = Files.createSymbolicLink(dir.resolve("report.json"), victim);
    Cli.Result r = scanTo(link);
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("symbolic link", "--write-through-links");
    assertThat(Files.readString(victim)).isEqualTo("keep me\n");
    assertThat(Files.isSymbolicLink(link)).isTrue();

    Cli.Result through = scanTo(link, "--write-through-links");
    assertThat(through.exit()).as(through.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).as("the link is kept").isTrue();
    assertThat(Files.readString(victim)).contains("\"findings\"");
  }

  @Test
  void anInput_isNeverOverwritten() throws Exception {
    Path file = evidence.resolve("app.properties");
    String before = Files.readString(file);
    Cli.Result same =
        Cli.run(
            "scan", file.toString(), "--no-progress", "--format", "json", "-o", file.toString());
    assertThat(same.exit()).as(same.err()).isEqualTo(2);
    assertThat(same.err()).contains("one of the inputs");
    assertThat(Files.readString(file)).isEqualTo(before);

    // a file inside a scanned directory that Bulwark did not write is evidence too
    Cli.Result inside = scanTo(file);
    assertThat(inside.exit()).as(inside.err()).isEqualTo(2);
    assertThat(Files.readString(file)).isEqualTo(before);

    // while a report Bulwark wrote there before is simply replaced
    Path report = evidence.resolve("bulwark.json");
    assertThat(scanTo(report).exit()).isZero();
    Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Result again = scanTo(report);
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(Files.readString(report)).contains("\"findings\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report)))
        .as("replacing a report keeps its permissions")
        .isEqualTo("rw-r--r--");
  }

  @Test
  void anUnwritablePath_isExitTwoWithAPlainMessage_beforeAnyWork() throws Exception {
    Path notDir = Files.writeString(dir.resolve("notes.txt"), "x\n");
    Cli.Result underFile = scanTo(notDir.resolve("report.json"));
    assertThat(underFile.exit()).as(underFile.err()).isEqualTo(2);
    assertThat(underFile.err())
        .contains("notes.txt is a regular file, not a directory")
        .doesNotContain("internal error");
    assertThat(underFile.out()).as("nothing was scanned").isEmpty();

    Cli.Result proc = scanTo(Path.of("/proc/bulwark-report.json"));
    assertThat(proc.exit()).as(proc.err()).isEqualTo(2);
    assertThat(proc.err()).contains("cannot write in /proc").doesNotContain("internal error");
    assertThat(proc.out()).isEmpty();

    Cli.Result directory = scanTo(dir);
    assertThat(directory.exit()).isEqualTo(2);
    assertThat(directory.err()).contains("is a directory");

    // a missing directory is still created, as before
    Cli.Result nested = scanTo(dir.resolve("new/sub/report.json"));
    assertThat(nested.exit()).as(nested.err()).isZero();
    assertThat(dir.resolve("new/sub/report.json")).isRegularFile();
  }
}
