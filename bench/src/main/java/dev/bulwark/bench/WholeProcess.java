package dev.bulwark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a process of its own and takes what the operating system charged it: CPU
 * seconds (user + system, of the process and every child it waited for) and the peak resident set
 * of the largest of them, through GNU {@code time}. This is how a tool is compared with a peer: the
 * same inputs, whole processes on both sides, start-up and output included.
 */
final class WholeProcess {
  /** GNU time, which reports a child's rusage (the shell's {@code time} does not give RSS). */
  static final Path GNU_TIME = Path.of("/usr/bin/time");

  /** What one run cost; the command's exit status is kept so a failed run is not reported. */
  record Figures(double wallSeconds, double cpuSeconds, long peakRssKb, int exit) {
    String describe() {
      return String.format(Locale.ROOT, "%.3f CPU-s, %d MB peak RSS", cpuSeconds, peakRssKb >> 10);
    }

    /** The figures of one of {@code passes} identical passes made in this run. */
    Figures perPass(int passes) {
      return new Figures(wallSeconds / passes, cpuSeconds / passes, peakRssKb, exit);
    }
  }

  private WholeProcess() {}

  static boolean available() {
    return Files.isExecutable(GNU_TIME);
  }

  /** Whether {@code program} is found on the PATH. */
  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** Runs the command with its output discarded, under GNU time, with extra environment. */
  static Figures run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path report = Files.createTempFile("bulwark-bench-", ".time");
    try {
      List<String> full = new ArrayList<>();
      full.add(GNU_TIME.toString());
      full.add("-o");
      full.add(report.toString());
      full.add("-f");
      full.add("%e %U %S %M %x");
      full.addAll(command);
      ProcessBuilder pb =
          new ProcessBuilder(full)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(environment);
      Process p = pb.start();
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out after 30 minutes: " + String.join(" ", command));
      }
      return parse(Files.readString(report, StandardCharsets.UTF_8), p.exitValue());
    } finally {
      Files.deleteIfExists(report);
    }
  }

  /**
   * The last line of GNU time's report ({@code %e %U %S %M %x}); earlier lines, such as "Command
   * exited with non-zero status", are GNU time's own remarks.
   */
  static Figures parse(String report, int timeExit) throws IOException {
    String[] lines = report.strip().split("\n");
    String[] f = lines[lines.length - 1].trim().split("\\s+");
    if (f.length < 5) {
      throw new IOException("unexpected report from " + GNU_TIME + ": " + report.strip());
    }
    try {
      int exit = Integer.parseInt(f[4]);
      return new Figures(
          Double.parseDouble(f[0]),
          Double.parseDouble(f[1]) + Double.parseDouble(f[2]),
          Long.parseLong(f[3]),
          exit != 0 ? exit : timeExit);
    } catch (NumberFormatException e) {
      throw new IOException("unexpected report from " + GNU_TIME + ": " + report.strip(), e);
    }
  }

  /** The median of a list of figures, by CPU seconds. */
  static Figures median(List<Figures> runs) {
    List<Figures> sorted =
        runs.stream().sorted(java.util.Comparator.comparingDouble(Figures::cpuSeconds)).toList();
    return sorted.get((sorted.size() - 1) / 2);
  }
}
