package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.report.RenderOptions;
import dev.bulwark.core.report.ReportFormat;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.terminal.Terminal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import picocli.CommandLine.Option;

/** One {@code --format F [-o FILE]} pair; without a file the report goes to standard output. */
final class ReportOutput {
  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      converter = Converters.FormatConverter.class,
      description =
          "Report format: terminal, json, sarif, markdown or html (repeatable, each with its own -o).")
  ReportFormat format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write the report of the preceding --format.")
  Path file;

  static void checkAtMostOneOnStdout(List<ReportOutput> outputs) throws InputException {
    long onStdout = outputs.stream().filter(o -> o.file == null).count();
    if (onStdout > 1) {
      throw new InputException(
          "only one --format can go to standard output; give the others -o FILE");
    }
  }

  static void writeAll(ScanReport report, List<ReportOutput> outputs) throws IOException {
    writeAll(report, outputs, true);
  }

  /** Whether some output goes to standard output. */
  static boolean anyOnStdout(List<ReportOutput> outputs) {
    return outputs.stream().anyMatch(o -> o.file == null);
  }

  /**
   * Writes every output; when none goes to standard output, a terminal report does unless {@code
   * terminalByDefault} is false (the command prints its own).
   */
  static void writeAll(ScanReport report, List<ReportOutput> outputs, boolean terminalByDefault)
      throws IOException {
    Terminal terminal = Terminal.detect();
    boolean stdoutUsed = false;
    PrintStream out = System.out;
    for (ReportOutput o : outputs) {
      if (o.file == null) {
        stdoutUsed = true;
        write(report, o.format, out, terminal);
        out.flush();
      } else {
        Path target = o.file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Write beside the target and move into place, so a reader never sees half a report.
        Path tmp = Files.createTempFile(dir, ".bulwark-", ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp)) {
          write(report, o.format, os, new Terminal(false, false, true, terminal.width()));
        }
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println(
            "wrote " + o.format.name().toLowerCase(java.util.Locale.ROOT) + " report to " + o.file);
      }
    }
    if (!stdoutUsed && terminalByDefault) {
      write(report, ReportFormat.TERMINAL, out, terminal);
      out.flush();
    }
  }

  private static void write(ScanReport report, ReportFormat format, OutputStream out, Terminal t)
      throws IOException {
    format.writer(new RenderOptions(t.colorOnStdout(), t.width())).write(report, out);
  }
}
