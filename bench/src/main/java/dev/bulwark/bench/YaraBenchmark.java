package dev.bulwark.bench;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.yara.YaraScan;
import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.engine.RulesCache;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * YARA scanning speed: a rule set over a mixed-file corpus, run by Bulwark's engine and by the
 * {@code yara} binary as whole processes on the same files with the same thread count, each
 * measured with {@code /usr/bin/time} (wall seconds, CPU seconds, peak RSS). The corpus is built
 * once by copying sample binaries, libraries and text until it reaches the asked size.
 */
public final class YaraBenchmark {
  /** What one whole process cost. */
  public record Run(double wallSeconds, double cpuSeconds, long peakRssKb, String output) {}

  /**
   * Figures of one run: the corpus, the Bulwark scan (rules read from the compiled-rules cache, as
   * every run after the first reads them) and the yara scan, and rule loading alone as whole
   * processes — Bulwark compiling, Bulwark reading its cache, yara compiling (scanning an empty
   * file) — each with its in-process seconds where the child reports them.
   */
  public record Result(
      long corpusBytes,
      int corpusFiles,
      Run bulwark,
      Run yara,
      Run compile,
      Run cacheLoad,
      Run yaraCompile,
      Map<String, String> compileFigures,
      Map<String, String> loadFigures) {
    double mbPerSecond(Run r) {
      return corpusBytes / 1e6 / r.wallSeconds();
    }

    public String summary() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "yara_corpus_mb=%.0f%nyara_corpus_files=%d%n",
              corpusBytes / 1e6,
              corpusFiles));
      sb.append(loading("bulwark_compile", compile, compileFigures));
      sb.append(loading("bulwark_cache_load", cacheLoad, loadFigures));
      sb.append("yara_bulwark_cache_bytes=").append(loadFigures.get("cache_bytes")).append('\n');
      if (yaraCompile != null) {
        sb.append(loading("libyara_compile", yaraCompile, Map.of()));
      }
      sb.append(line("bulwark", bulwark));
      if (yara != null) {
        sb.append(line("libyara", yara));
        sb.append(
            String.format(
                Locale.ROOT,
                "yara_throughput_ratio=%.2f%n",
                mbPerSecond(bulwark) / mbPerSecond(yara)));
      } else {
        sb.append("libyara: not installed (apt-get install yara)\n");
      }
      return sb.toString();
    }

    /** A rule-loading process: whole-process wall and CPU, and the in-process figures. */
    private static String loading(String who, Run r, Map<String, String> inside) {
      StringBuilder sb =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "yara_%s_process_wall_s=%.2f%nyara_%s_process_cpu_s=%.2f%n"
                      + "yara_%s_peak_rss_mb=%d%n",
                  who,
                  r.wallSeconds(),
                  who,
                  r.cpuSeconds(),
                  who,
                  r.peakRssKb() / 1024));
      for (String k : List.of("step_wall_s", "step_cpu_s", "step_thread_cpu_s")) {
        if (inside.containsKey(k)) {
          sb.append("yara_").append(who).append('_').append(k).append('=');
          sb.append(inside.get(k)).append('\n');
        }
      }
      return sb.toString();
    }

    private String line(String who, Run r) {
      return String.format(
          Locale.ROOT,
          "yara_%s_wall_s=%.2f%nyara_%s_cpu_s=%.2f%nyara_%s_mb_per_s=%.2f%nyara_%s_peak_rss_mb=%d%n",
          who,
          r.wallSeconds(),
          who,
          r.cpuSeconds(),
          who,
          mbPerSecond(r),
          who,
          r.peakRssKb() / 1024);
    }
  }

  private final List<Path> rules;
  private final List<Path> sources;
  private final Path corpus;
  private final long bytes;
  private final int threads;

  public YaraBenchmark(List<Path> rules, List<Path> sources, Path corpus, long bytes, int threads) {
    this.rules = rules;
    this.sources = sources;
    this.corpus = corpus;
    this.bytes = bytes;
    this.threads = threads;
  }

  /** Copies source files round-robin into {@code corpus} until it holds {@code bytes}. */
  static long[] build(List<Path> sources, Path corpus, long bytes) throws IOException {
    Path done = corpus.resolve(".complete-" + bytes);
    List<Path> files = new ArrayList<>();
    for (Path s : sources) {
      if (!Files.exists(s)) {
        continue;
      }
      try (Stream<Path> w = Files.walk(s)) {
        w.filter(p -> Files.isRegularFile(p) && !Files.isSymbolicLink(p))
            .filter(p -> {
              try {
                long n = Files.size(p);
                return n > 0 && n <= 16L * 1024 * 1024 && Files.isReadable(p);
              } catch (IOException e) {
                return false;
              }
            })
            .sorted()
            .forEach(files::add);
      }
    }
    if (files.isEmpty()) {
      throw new IOException("no corpus sources found in " + sources);
    }
    long total = 0;
    int count = 0;
    if (Files.exists(done)) {
      try (Stream<Path> w = Files.list(corpus)) {
        for (Path p : w.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
          total += Files.size(p);
          count++;
        }
      }
      return new long[] {total, count};
    }
    Files.createDirectories(corpus);
    for (int i = 0; total < bytes; i++) {
      Path src = files.get(i % files.size());
      Path dst = corpus.resolve(String.format(Locale.ROOT, "%06d-%s", i, src.getFileName()));
      try {
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        continue;
      }
      total += Files.size(dst);
      count++;
    }
    Files.writeString(done, "");
    return new long[] {total, count};
  }

  static Run timed(List<String> command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %e %U %S %M"));
    cmd.addAll(command);
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
    var out = new java.io.ByteArrayOutputStream();
    Thread drain =
        Thread.ofPlatform()
            .start(() -> {
              try {
                p.getInputStream().transferTo(out);
              } catch (IOException e) {
                // the process went away; what was read is kept
              }
            });
    String err =
        new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    drain.join();
    for (String line : err.split("\n")) {
      if (line.startsWith("TIME ")) {
        String[] f = line.split(" ");
        return new Run(
            Double.parseDouble(f[1]),
            Double.parseDouble(f[2]) + Double.parseDouble(f[3]),
            Long.parseLong(f[4]),
            out.toString(java.nio.charset.StandardCharsets.UTF_8) + err);
      }
    }
    throw new IOException("no timing from " + command + ": " + err);
  }

  public Result run(PrintStream log) throws IOException, InterruptedException {
    long[] built = build(sources, corpus, bytes);
    log.printf(Locale.ROOT, "corpus: %d files, %.0f MB in %s%n", built[1], built[0] / 1e6, corpus);
    // a cache of the benchmark's own, emptied first: the first load below writes it
    Path cache = corpus.resolveSibling("rules-cache");
    if (Files.isDirectory(cache)) {
      try (Stream<Path> w = Files.list(cache)) {
        for (Path p : w.toList()) {
          Files.delete(p);
        }
      }
    }
    Run compile = timed(child("compile", "-"));
    Run written = timed(child("compile", cache.toString()));
    Run load = timed(child("compile", cache.toString()));
    Map<String, String> compileFigures = figures(compile);
    Map<String, String> loadFigures = figures(load);
    if (!"LOADED".equals(loadFigures.get("status"))) {
      throw new IOException(
          "the compiled-rules cache was not read back: " + load.output() + written.output());
    }
    log.printf(
        Locale.ROOT,
        "rules: compiled in %.2f CPU-s (whole process), read from the cache in %.2f CPU-s%n",
        compile.cpuSeconds(),
        load.cpuSeconds());
    Run b = timed(child("scan", cache.toString()));
    log.print(
        b.output()
            .lines()
            .filter(l -> !l.startsWith("TIME"))
            .map(l -> "bulwark: " + l + "\n")
            .reduce("", String::concat));
    Run y = null;
    Run yc = null;
    if (Files.isExecutable(Path.of("/usr/bin/yara"))) {
      Path empty = corpus.resolveSibling("empty-file");
      Files.write(empty, new byte[0]);
      List<String> only = new ArrayList<>(List.of("/usr/bin/yara", "-w"));
      rules.forEach(r -> only.add(r.toString()));
      only.add(empty.toString());
      yc = timed(only);
      List<String> cmd =
          new ArrayList<>(
              List.of("/usr/bin/yara", "-w", "-r", "-c", "-p", String.valueOf(threads)));
      rules.forEach(r -> cmd.add(r.toString()));
      cmd.add(corpus.toString());
      y = timed(cmd);
    }
    return new Result(
        built[0], (int) built[1], b, y, compile, load, yc, compileFigures, loadFigures);
  }

  /** The child's command line: compile or scan, with a cache folder or "-" for none. */
  private List<String> child(String mode, String cache) {
    String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the launcher's memory and collector settings: a quarter of RAM capped at 2 GB, parallel GC
    long ram =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    long heapMb = Math.max(256, Math.min(2048, ram / 4 / (1024 * 1024)));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                jvm,
                "-XX:+UseParallelGC",
                "-Xmx" + heapMb + "m",
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                mode,
                cache,
                String.valueOf(threads),
                corpus.toString()));
    rules.forEach(r -> cmd.add(r.toString()));
    return cmd;
  }

  /** The {@code key=value} lines a child printed. */
  static Map<String, String> figures(Run r) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String line : r.output().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("TIME")) {
        out.put(line.substring(0, eq), line.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /**
   * The Bulwark side as its own process: load the rules (compiled, or through the cache), then in
   * scan mode scan the corpus and count matches.
   */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      String mode = args[0];
      String cache = args[1];
      int threads = Integer.parseInt(args[2]);
      Path corpus = Path.of(args[3]);
      List<Path> rules = new ArrayList<>();
      for (int i = 4; i < args.length; i++) {
        rules.add(Path.of(args[i]));
      }
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      var mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long w0 = System.nanoTime();
      long p0 = os.getProcessCpuTime();
      long t0 = mx.getCurrentThreadCpuTime();
      RulesCache.Load load =
          cache.equals("-")
              ? RulesCache.uncached(rules, Set.of())
              : RulesCache.in(Path.of(cache)).load(rules, Set.of());
      CompiledRules compiled = load.rules();
      System.out.printf(
          Locale.ROOT,
          "status=%s%ncache_bytes=%d%nrules=%d%nstep_wall_s=%.2f%nstep_cpu_s=%.2f%n"
              + "step_thread_cpu_s=%.2f%n",
          load.status(),
          load.bytes(),
          compiled.ruleCount(),
          (System.nanoTime() - w0) / 1e9,
          (os.getProcessCpuTime() - p0) / 1e9,
          (mx.getCurrentThreadCpuTime() - t0) / 1e9);
      if (mode.equals("scan")) {
        YaraScan.Result r =
            YaraScan.run(List.of(corpus), compiled, Map.of(), DiagnosticSink.ignoring(), threads);
        System.out.printf(Locale.ROOT, "files=%d%nmatches=%d%n", r.files(), r.matches().size());
      }
    }
  }
}
