package dev.bulwark.eval.bench;

import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.logs.event.EvtxEvents;
import dev.bulwark.logs.evtx.EvtxReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Log hunting speed: the EVTX corpus read over and over (in memory it is the same as a corpus that
 * many times larger, and the page cache keeps disk out of the figure) until the target number of
 * events, hunted with a Sigma rule set on every core, with the peak heap. In the same run, the
 * reader alone on one pass of the corpus on one thread, against libevtx's evtxexport on the same
 * files when it is installed.
 */
public final class LogsBenchmark {
  /** The figures. */
  public record Result(
      long events,
      int files,
      int passes,
      int rules,
      double huntSeconds,
      long peakHeapBytes,
      long detections,
      long passEvents,
      double readSeconds,
      double referenceSeconds) {

    public double huntEventsPerSecond() {
      return events / huntSeconds;
    }

    public double readEventsPerSecond() {
      return passEvents / readSeconds;
    }

    public double referenceEventsPerSecond() {
      return referenceSeconds > 0 ? passEvents / referenceSeconds : Double.NaN;
    }

    public String summary() {
      return String.format(
          Locale.ROOT,
          "logs_events=%d%nlogs_rules=%d%nlogs_hunt_seconds=%.1f%nlogs_events_per_second=%.0f%n"
              + "logs_peak_heap_mb=%d%nlogs_detections=%d%nlogs_read_events_per_second=%.0f%n"
              + "logs_evtxexport_events_per_second=%s%nlogs_read_ratio_vs_evtxexport=%s",
          events,
          rules,
          huntSeconds,
          huntEventsPerSecond(),
          peakHeapBytes >> 20,
          detections,
          readEventsPerSecond(),
          Double.isNaN(referenceEventsPerSecond())
              ? "n/a"
              : String.format(Locale.ROOT, "%.0f", referenceEventsPerSecond()),
          Double.isNaN(referenceEventsPerSecond())
              ? "n/a"
              : String.format(
                  Locale.ROOT, "%.1f", readEventsPerSecond() / referenceEventsPerSecond()));
    }
  }

  private final Path corpus;
  private final List<Path> rules;
  private final long targetEvents;
  private final int threads;
  private final int runs;

  public LogsBenchmark(Path corpus, List<Path> rules, long targetEvents, int threads, int runs) {
    this.corpus = corpus;
    this.rules = rules;
    this.targetEvents = targetEvents;
    this.threads = threads;
    this.runs = Math.max(1, runs);
  }

  public Result run(PrintStream out, Progress progress)
      throws IOException, InputException, InterruptedException {
    if (!Files.isDirectory(corpus)) {
      throw new InputException(corpus + ": no EVTX corpus (give --corpus DIR)");
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(corpus)) {
      files =
          s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".evtx")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new InputException(corpus + ": no .evtx files");
    }
    // Warm-up (the JIT needs a few passes over a corpus this small) and the per-pass count.
    long passEvents = readPass(files);
    for (int i = 0; i < 10; i++) {
      readPass(files);
    }
    long t0 = System.nanoTime();
    int readPasses = 10;
    for (int i = 0; i < readPasses; i++) {
      readPass(files);
    }
    double readSeconds = (System.nanoTime() - t0) / 1e9 / readPasses;
    out.printf(
        Locale.ROOT, "reader alone, one thread: %d events in %.2f s%n", passEvents, readSeconds);

    double refSeconds = reference(files);
    if (refSeconds > 0) {
      out.printf(Locale.ROOT, "evtxexport on the same files: %.2f s%n", refSeconds);
    } else {
      out.println("evtxexport not installed (Debian: libevtx-utils); no reference figure");
    }

    int passes = (int) Math.max(1, (targetEvents + passEvents - 1) / passEvents);
    List<Path> replicated = new ArrayList<>(files.size() * passes);
    for (int i = 0; i < passes; i++) {
      replicated.addAll(files);
    }
    HeapMeter heap = new HeapMeter();
    LogHunt.Settings settings = LogHunt.Settings.defaults().withRules(rules).withThreads(threads);
    List<Double> times = new ArrayList<>();
    long peak = 0;
    LogHunt.Result r = null;
    for (int run = 1; run <= runs; run++) {
      r = null; // let the previous run's detections go before measuring the heap again
      heap.reset();
      long t1 = System.nanoTime();
      r =
          LogHunt.run(
              replicated, settings, progress, DiagnosticSink.ignoring(), new Cancellation());
      double seconds = (System.nanoTime() - t1) / 1e9;
      peak = Math.max(peak, heap.peakBytes());
      times.add(seconds);
      out.printf(
          Locale.ROOT,
          "run %d: hunted %d events (%d passes over %d files) with %d rules on %d threads in %.1f s (%.0f events/s)%n",
          run,
          r.hunt().events(),
          passes,
          files.size(),
          r.rules().rules().size(),
          threads,
          seconds,
          r.hunt().events() / seconds);
    }
    List<Double> sorted = times.stream().sorted().toList();
    double huntSeconds = sorted.get(sorted.size() / 2);
    return new Result(
        r.hunt().events(),
        files.size(),
        passes,
        r.rules().rules().size(),
        huntSeconds,
        peak,
        r.detections().size() + r.hunt().droppedDetections(),
        passEvents,
        readSeconds,
        refSeconds);
  }

  /** Reads every record and flattens it to an event, as a hunt does before matching. */
  private static long readPass(List<Path> files) throws IOException {
    long[] n = {0};
    for (Path f : files) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
        EvtxReader.read(
            f.toString(),
            in,
            EvtxReader.Style.WINDOWS,
            r -> {
              if (EvtxEvents.toEvent(f.toString(), r).size() > 0) {
                n[0]++;
              }
            },
            p -> {});
      }
    }
    return n[0];
  }

  /** Seconds evtxexport takes to print every file as XML, or -1 when it is not installed. */
  private static double reference(List<Path> files) throws InterruptedException {
    long t0 = System.nanoTime();
    for (Path f : files) {
      try {
        Process p =
            new ProcessBuilder("evtxexport", "-f", "xml", f.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          return -1;
        }
      } catch (IOException notInstalled) {
        return -1;
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
