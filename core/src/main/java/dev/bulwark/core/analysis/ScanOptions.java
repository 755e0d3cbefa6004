package dev.bulwark.core.analysis;

import dev.bulwark.core.files.ArchiveLimits;
import dev.bulwark.core.files.WalkOptions;
import java.util.Objects;
import java.util.Set;

/**
 * How a scan runs: which files, which analyzers ({@code onlyAnalyzers} empty means all that apply),
 * whether git history is read, how many threads, which archive limits, and the size above which a
 * file is streamed in chunks instead of read whole, and how long one analyzer may spend on one
 * file.
 */
public record ScanOptions(
    WalkOptions walk,
    Set<String> onlyAnalyzers,
    boolean history,
    int threads,
    ArchiveLimits archiveLimits,
    long largeFileBytes,
    FileTimeBudget fileTimeBudget) {

  public ScanOptions {
    Objects.requireNonNull(walk, "walk");
    onlyAnalyzers = Set.copyOf(onlyAnalyzers);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    Objects.requireNonNull(archiveLimits, "archiveLimits");
    if (largeFileBytes < 1) {
      throw new IllegalArgumentException("largeFileBytes must be positive, got " + largeFileBytes);
    }
    Objects.requireNonNull(fileTimeBudget, "fileTimeBudget");
  }

  /** Size from which files are announced as large and streamed: 50 MB. */
  public static final long LARGE_FILE_BYTES = 50L << 20;

  public static ScanOptions defaults() {
    return new ScanOptions(
        WalkOptions.defaults(),
        Set.of(),
        false,
        Runtime.getRuntime().availableProcessors(),
        ArchiveLimits.defaults(),
        LARGE_FILE_BYTES,
        FileTimeBudget.defaults());
  }

  public ScanOptions withHistory(boolean value) {
    return new ScanOptions(
        walk, onlyAnalyzers, value, threads, archiveLimits, largeFileBytes, fileTimeBudget);
  }

  public ScanOptions withWalk(WalkOptions value) {
    return new ScanOptions(
        value, onlyAnalyzers, history, threads, archiveLimits, largeFileBytes, fileTimeBudget);
  }

  public ScanOptions withThreads(int value) {
    return new ScanOptions(
        walk, onlyAnalyzers, history, value, archiveLimits, largeFileBytes, fileTimeBudget);
  }

  public ScanOptions withOnlyAnalyzers(Set<String> value) {
    return new ScanOptions(
        walk, value, history, threads, archiveLimits, largeFileBytes, fileTimeBudget);
  }

  public ScanOptions withFileTimeBudget(FileTimeBudget value) {
    return new ScanOptions(
        walk, onlyAnalyzers, history, threads, archiveLimits, largeFileBytes, value);
  }
}
