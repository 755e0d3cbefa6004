package dev.bulwark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the whole benchmark process cost, beside the heap figures: its CPU seconds and its peak
 * resident set (what the machine actually gave it, heap, code, threads and garbage included).
 */
public record ProcessFigures(double cpuSeconds, long peakRssBytes) {

  /** This process's figures so far; the peak RSS is -1 where the system does not report it. */
  public static ProcessFigures current() {
    double cpu = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      cpu = os.getProcessCpuTime() / 1e9;
    }
    return new ProcessFigures(cpu, peakRss(Path.of("/proc/self/status")));
  }

  /** VmHWM of a Linux status file: the peak resident set size. */
  static long peakRss(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no /proc: the figure is simply not available
    }
    return -1;
  }

  /** Lines for a summary: {@code <prefix>_process_cpu_s} and {@code <prefix>_peak_rss_mb}. */
  public String summary(String prefix) {
    return String.format(
        Locale.ROOT,
        "%s_process_cpu_s=%.2f%n%s_peak_rss_mb=%s",
        prefix,
        cpuSeconds,
        prefix,
        peakRssBytes < 0 ? "n/a" : Long.toString(peakRssBytes >> 20));
  }
}
