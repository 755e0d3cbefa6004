package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.OutputFile;
import dev.bulwark.core.report.RenderOptions;
import dev.bulwark.core.report.ReportFormat;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.terminal.Terminal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  /** The checked file, once {@link #prepare} has run. */
  private OutputFile checked;

  /**
   * Checks every output before any work starts: at most one on standard output, no two to the same
   * file, each file a new path or a regular file that is not one of the inputs.
   */
  static void prepare(List<ReportOutput> outputs, List<Path> inputs, OutputPolicy policy)
      throws InputException {
    long onStdout = outputs.stream().filter(o -> o.file == null).count();
    if (onStdout > 1) {
      throw new InputException(
          "only one --format can go to standard output; give the others -o FILE");
    }
    Set<Path> seen = new HashSet<>();
    for (ReportOutput o : outputs) {
      if (o.file == null) {
        continue;
      }
      if (!seen.add(o.file.toAbsolutePath().normalize())) {
        throw new InputException(o.file + ": named by two --format options");
      }
      o.checked = policy.check(o.file, inputs);
    }
  }

  static void writeAll(
      picocli.CommandLine.Model.CommandSpec spec, ScanReport report, List<ReportOutput> outputs)
      throws IOException {
    writeAll(spec, report, outputs, true);
  }

  /** Whether some output goes to standard output. */
  static boolean anyOnStdout(List<ReportOutput> outputs) {
    return outputs.stream().anyMatch(o -> o.file == null);
  }

  /**
   * Writes every output, standard output being the command line's; when none goes there, a terminal
   * report does unless {@code terminalByDefault} is false (the command prints its own).
   */
  static void writeAll(
      picocli.CommandLine.Model.CommandSpec spec,
      ScanReport report,
      List<ReportOutput> outputs,
      boolean terminalByDefault)
      throws IOException {
    Terminal terminal = Terminal.detect();
    boolean stdoutUsed = false;
    PrintWriter out = spec.commandLine().getOut();
    for (ReportOutput o : outputs) {
      if (o.file == null) {
        stdoutUsed = true;
        String text = render(report, o.format, terminal);
        // a JSON or Markdown report read on a terminal: its values must not act on it either
        out.print(
            terminal.stdoutTty() && o.format != ReportFormat.TERMINAL
                ? dev.bulwark.core.terminal.TerminalText.block(text)
                : text);
        out.flush();
      } else {
        if (o.checked == null) {
          throw new IllegalStateException("output " + o.file + " was not checked before the work");
        }
        o.checked.write(
            os -> write(report, o.format, os, new Terminal(false, false, true, terminal.width())));
        spec.commandLine()
            .getErr()
            .println(
                "wrote "
                    + o.format.name().toLowerCase(java.util.Locale.ROOT)
                    + " report to "
                    + o.file);
      }
    }
    if (!stdoutUsed && terminalByDefault) {
      out.print(render(report, ReportFormat.TERMINAL, terminal));
      out.flush();
    }
  }

  private static String render(ScanReport report, ReportFormat format, Terminal t)
      throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    write(report, format, buf, t);
    return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void write(ScanReport report, ReportFormat format, OutputStream out, Terminal t)
      throws IOException {
    format.writer(new RenderOptions(t.colorOnStdout(), t.width())).write(report, out);
  }
}
