package dev.bulwark.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Facts about the scan itself: where, when, how long, what was read and which analyzers ran; {@code
 * baselineMatched} counts findings hidden because a baseline already knew them.
 */
public record ScanSummary(
    String baseDir,
    List<String> roots,
    Instant startedAt,
    Duration duration,
    int filesScanned,
    long bytesScanned,
    List<AnalyzerRun> analyzers,
    boolean baselineApplied,
    int baselineMatched) {

  public ScanSummary {
    roots = List.copyOf(roots);
    analyzers = List.copyOf(analyzers);
  }
}
