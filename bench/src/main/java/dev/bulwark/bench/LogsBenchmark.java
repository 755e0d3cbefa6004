package dev.bulwark.bench;

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
      double coldReadSeconds,
      double readSeconds,
      double referenceSeconds,
      Processes processes) {

    public double huntEventsPerSecond() {
      return events / huntSeconds;
    }

    public double readEventsPerSecond() {
      return passEvents / readSeconds;
    }

    public double coldReadEventsPerSecond() {
      return passEvents / coldReadSeconds;
    }

    public double referenceEventsPerSecond() {
      return referenceSeconds > 0 ? passEvents / referenceSeconds : Double.NaN;
    }

    /**
     * The figures. Ratios against evtxexport come only from whole processes measured in this run:
     * the in-process reader figures leave out JVM start-up and are not comparable to a process.
     */
    public String summary() {
      String s =
          String.format(
              Locale.ROOT,
              "logs_events=%d%nlogs_rules=%d%nlogs_hunt_seconds=%.1f%nlogs_events_per_second=%.0f%n"
                  + "logs_peak_heap_mb=%d%nlogs_detections=%d%n"
                  + "logs_inprocess_read_events_per_second=%.0f%n"
                  + "logs_inprocess_read_cold_events_per_second=%.0f%n"
                  + "logs_evtxexport_events_per_second=%s",
              events,
              rules,
              huntSeconds,
              huntEventsPerSecond(),
              peakHeapBytes >> 20,
              detections,
              readEventsPerSecond(),
              coldReadEventsPerSecond(),
              Double.isNaN(referenceEventsPerSecond())
                  ? "n/a"
                  : String.format(Locale.ROOT, "%.0f", referenceEventsPerSecond()));
      return processes == null ? s : s + System.lineSeparator() + processes.summary();
    }
  }

  /** One workload run as whole processes on both sides: cold (first run) and warm (median). */
  public record Workload(
      String name,
      WholeProcess.Figures bulwarkCold,
      WholeProcess.Figures bulwarkSecond,
      WholeProcess.Figures bulwarkWarm,
      WholeProcess.Figures peerCold,
      WholeProcess.Figures peerWarm) {

    String summary() {
      StringBuilder b = new StringBuilder();
      String nl = System.lineSeparator();
      b.append(line("bulwark_cold", bulwarkCold)).append(nl);
      b.append(line("bulwark_second", bulwarkSecond)).append(nl);
      b.append(line("bulwark_warm", bulwarkWarm));
      if (peerWarm != null) {
        b.append(nl).append(line("evtxexport_cold", peerCold)).append(nl);
        b.append(line("evtxexport_warm", peerWarm)).append(nl);
        b.append(
            String.format(
                Locale.ROOT,
                "logs_process_%s_cpu_ratio_vs_evtxexport_warm=%.2f",
                name,
                bulwarkWarm.cpuSeconds() / Math.max(0.005, peerWarm.cpuSeconds())));
      }
      return b.toString();
    }

    private String line(String side, WholeProcess.Figures f) {
      return String.format(
          Locale.ROOT,
          "logs_process_%s_%s_cpu_s=%.3f%nlogs_process_%s_%s_peak_rss_mb=%d",
          name,
          side,
          f.cpuSeconds(),
          name,
          side,
          f.peakRssKb() >> 10);
    }
  }

  /** The whole-process comparisons: one file, and the corpus once. */
  public record Processes(Workload oneFile, Workload corpus) {
    String summary() {
      return oneFile.summary() + System.lineSeparator() + corpus.summary();
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
    // The first pass is the cold figure (class loading and interpretation included, as a user
    // meets it); ten more warm the JIT up before the warm figure is taken.
    long tCold = System.nanoTime();
    long passEvents = readPass(files);
    double coldReadSeconds = (System.nanoTime() - tCold) / 1e9;
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
        Locale.ROOT,
        "in-process reader alone (parse and flatten, no output, no JVM start-up), one thread: %d"
            + " events in %.2f s cold, %.2f s warm%n",
        passEvents,
        coldReadSeconds,
        readSeconds);

    double refSeconds = reference(files);
    if (refSeconds > 0) {
      out.printf(
          Locale.ROOT,
          "evtxexport on the same files (one process per file, parse + XML output): %.2f s wall%n",
          refSeconds);
    } else {
      out.println("evtxexport not installed (Debian: libevtx-utils); no reference figure");
    }
    Processes processes = wholeProcesses(files, out);

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
        coldReadSeconds,
        readSeconds,
        refSeconds,
        processes);
  }

  /**
   * Bulwark and evtxexport as the processes a user starts, on the same files: {@code bulwark logs
   * hunt} through the launcher (JVM start-up, parsing, the Sigma rules, the report) against
   * evtxexport (parsing and XML output, one process per file as it takes one file). Cold is the
   * first run, with an empty data directory so the rule cache is built (and, on JDK 25 and later,
   * the launcher records the classes the hunt loads); the second run builds the class cache from
   * that record, and is reported on its own; warm is the median of three more, run in turn with the
   * peer's.
   */
  private Processes wholeProcesses(List<Path> files, PrintStream out)
      throws IOException, InterruptedException {
    Path launcher = dev.bulwark.eval.Home.dir().resolve("bulwark");
    if (!WholeProcess.available() || !Files.isExecutable(launcher)) {
      out.println(
          "whole processes: not measured (needs "
              + WholeProcess.GNU_TIME
              + " from Debian's time package and the bulwark launcher)");
      return null;
    }
    List<Path> bySize = new ArrayList<>(files);
    bySize.sort(java.util.Comparator.comparingLong(LogsBenchmark::size));
    Path median = bySize.get(bySize.size() / 2);
    Workload one = workload("one_file", List.of(median), out);
    Workload all = workload("corpus", files, out);
    return new Processes(one, all);
  }

  private Workload workload(String name, List<Path> inputs, PrintStream out)
      throws IOException, InterruptedException {
    Path launcher = dev.bulwark.eval.Home.dir().resolve("bulwark");
    Path dataDir = Files.createTempDirectory("bulwark-bench-data-");
    try {
      List<String> hunt = new ArrayList<>(List.of(launcher.toString(), "logs", "hunt"));
      for (Path r : rules) {
        hunt.add("--rules");
        hunt.add(r.toString());
      }
      hunt.add("--no-progress");
      inputs.forEach(p -> hunt.add(p.toString()));
      java.util.Map<String, String> env = java.util.Map.of("BULWARK_DATA_DIR", dataDir.toString());
      boolean peer = WholeProcess.onPath("evtxexport");
      // evtxexport on one small file costs less than GNU time's 10 ms resolution, so its runs
      // repeat the files until they take a measurable time, and the figure is per pass
      int repeat = inputs.size() >= 20 ? 1 : 20;
      List<String> export =
          new ArrayList<>(
              List.of(
                  "sh",
                  "-c",
                  "n=$1; shift; i=0; while [ $i -lt $n ]; do for f; do evtxexport -f xml \"$f\";"
                      + " done; i=$((i+1)); done",
                  "sh",
                  Integer.toString(repeat)));
      inputs.forEach(p -> export.add(p.toString()));

      WholeProcess.Figures bulwarkCold = checked(WholeProcess.run(hunt, env), hunt);
      WholeProcess.Figures peerCold =
          peer ? WholeProcess.run(export, java.util.Map.of()).perPass(repeat) : null;
      WholeProcess.Figures bulwarkSecond = checked(WholeProcess.run(hunt, env), hunt);
      List<WholeProcess.Figures> bulwarkRuns = new ArrayList<>();
      List<WholeProcess.Figures> peerRuns = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        bulwarkRuns.add(checked(WholeProcess.run(hunt, env), hunt));
        if (peer) {
          peerRuns.add(WholeProcess.run(export, java.util.Map.of()).perPass(repeat));
        }
      }
      Workload w =
          new Workload(
              name,
              bulwarkCold,
              bulwarkSecond,
              WholeProcess.median(bulwarkRuns),
              peerCold,
              peer ? WholeProcess.median(peerRuns) : null);
      String what =
          inputs.size() == 1
              ? "one file ("
                  + inputs.get(0).getFileName()
                  + ", "
                  + size(inputs.get(0)) / 1024
                  + " KB)"
              : inputs.size() + " files";
      out.printf(
          Locale.ROOT,
          "whole processes, %s: bulwark logs hunt (launcher, JVM start-up, parse, %s, report)"
              + " cold %s, second run %s, warm %s%n",
          what,
          rules.isEmpty() ? "the built-in rules" : "the rules given",
          w.bulwarkCold().describe(),
          w.bulwarkSecond().describe(),
          w.bulwarkWarm().describe());
      if (peer) {
        out.printf(
            Locale.ROOT,
            "  evtxexport -f xml (parse and XML output, no rules; one process per file%s) cold %s,"
                + " warm %s; Bulwark uses %.2fx its CPU (warm)%n",
            repeat > 1 ? "; " + repeat + " passes per run, figures per pass" : "",
            w.peerCold().describe(),
            w.peerWarm().describe(),
            w.bulwarkWarm().cpuSeconds() / Math.max(0.005, w.peerWarm().cpuSeconds()));
      }
      return w;
    } finally {
      deleteTree(dataDir);
    }
  }

  /** A hunt that failed is not a figure: exit 0 (nothing found) and 1 (detections) are results. */
  private static WholeProcess.Figures checked(WholeProcess.Figures f, List<String> command)
      throws IOException {
    if (f.exit() > 1) {
      throw new IOException("exit status " + f.exit() + " from " + String.join(" ", command));
    }
    return f;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
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
