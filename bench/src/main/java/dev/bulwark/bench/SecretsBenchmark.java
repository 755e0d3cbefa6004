package dev.bulwark.bench;

import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.secrets.SecretsAnalyzer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Measures working-tree secrets scanning: generates a source tree once, then times full scans of it
 * and records the peak heap of each (the sum of the heap pools' peaks, an upper bound).
 */
public final class SecretsBenchmark {
  private static final long SEED = 20261125L;

  /** The figures of a benchmark run. */
  public record Result(
      long bytes,
      int files,
      List<Double> mbPerSecond,
      long peakHeapBytes,
      long maxHeapBytes,
      int findings) {
    public double best() {
      return mbPerSecond.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    public double median() {
      List<Double> s = new ArrayList<>(mbPerSecond);
      s.sort(Comparator.naturalOrder());
      return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }

    public String summary() {
      return String.format(
          Locale.ROOT,
          "secrets_throughput_cold_mb_s=%.1f%nsecrets_throughput_median_mb_s=%.1f%n"
              + "secrets_peak_heap_mb=%d%nsecrets_max_heap_mb=%d%nsecrets_throughput_mb_s=%.1f",
          mbPerSecond.isEmpty() ? 0 : mbPerSecond.get(0),
          median(),
          peakHeapBytes >> 20,
          maxHeapBytes >> 20,
          best());
    }
  }

  private final Path dir;
  private final long bytes;
  private final int threads;

  public SecretsBenchmark(Path dir, int sizeMb, int threads) {
    if (sizeMb < 1) {
      throw new IllegalArgumentException("size must be at least 1 MB, got " + sizeMb);
    }
    this.dir = dir;
    this.bytes = (long) sizeMb << 20;
    this.threads = threads;
  }

  public Result run(int runs, PrintStream out)
      throws IOException,
          InterruptedException,
          AnalysisException,
          dev.bulwark.core.errors.InputException {
    ensureTree(out);
    SourceTree tree =
        SourceTree.walk(
            List.of(dir.resolve("tree")),
            new WalkOptions(List.of(), List.of(), false, false),
            d -> {});
    out.printf(
        Locale.ROOT,
        "tree: %d files, %.1f MB (%s)%n",
        tree.files().size(),
        tree.totalBytes() / 1048576.0,
        dir);
    List<Double> rates = new ArrayList<>();
    long peak = 0;
    int findings = 0;
    HeapMeter heap = new HeapMeter();
    for (int i = 1; i <= runs; i++) {
      heap.reset();
      AtomicInteger count = new AtomicInteger();
      long t0 = System.nanoTime();
      new SecretsAnalyzer()
          .analyze(
              ScanContext.standalone(tree, ScanOptions.defaults().withThreads(threads), d -> {}),
              f -> count.incrementAndGet());
      double seconds = (System.nanoTime() - t0) / 1e9;
      long runPeak = heap.peakBytes();
      peak = Math.max(peak, runPeak);
      double rate = tree.totalBytes() / 1048576.0 / seconds;
      rates.add(rate);
      findings = count.get();
      out.printf(
          Locale.ROOT,
          "run %d: %.2f s, %.1f MB/s, %d findings, peak heap %d MB%n",
          i,
          seconds,
          rate,
          findings,
          runPeak >> 20);
    }
    return new Result(
        tree.totalBytes(),
        tree.files().size(),
        rates,
        peak,
        Runtime.getRuntime().maxMemory(),
        findings);
  }

  private void ensureTree(PrintStream out) throws IOException {
    Path marker = dir.resolve("tree.properties");
    String expected = "seed=" + SEED + "\nbytes=" + bytes + "\n";
    if (Files.isRegularFile(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).equals(expected)) {
      return;
    }
    Path tree = dir.resolve("tree");
    if (Files.exists(tree)) {
      try (Stream<Path> s = Files.walk(tree)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(tree);
    long t0 = System.nanoTime();
    int files = new SourceTreeGenerator(SEED).generate(tree, bytes);
    out.printf(
        Locale.ROOT,
        "generated %d files (%d MB) in %.1f s%n",
        files,
        bytes >> 20,
        (System.nanoTime() - t0) / 1e9);
    Files.writeString(marker, expected, StandardCharsets.UTF_8);
  }
}
