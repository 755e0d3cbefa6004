package dev.bulwark.bench;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.yara.YaraScan;
import dev.bulwark.yara.engine.CompiledRules;
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

  public record Result(
      long corpusBytes, int corpusFiles, Run bulwark, Run yara, double compileSeconds) {
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
      sb.append(String.format(Locale.ROOT, "yara_bulwark_compile_s=%.2f%n", compileSeconds));
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

    private String line(String who, Run r) {
      return String.format(
          Locale.ROOT,
          "yara_%s_wall_s=%.2f%nyara_%s_cpu_s=%.2f%nyara_%s_mb_per_s=%.1f%nyara_%s_peak_rss_mb=%d%n",
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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> bulwark =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                String.valueOf(threads),
                corpus.toString()));
    rules.forEach(r -> bulwark.add(r.toString()));
    Run b = timed(bulwark);
    double compile = Double.NaN;
    for (String line : b.output().split("\n")) {
      if (line.startsWith("compile_s=")) {
        compile = Double.parseDouble(line.substring(10));
      }
    }
    log.print(
        b.output()
            .lines()
            .filter(l -> !l.startsWith("TIME"))
            .map(l -> "bulwark: " + l + "\n")
            .reduce("", String::concat));
    Run y = null;
    if (Files.isExecutable(Path.of("/usr/bin/yara"))) {
      List<String> cmd =
          new ArrayList<>(
              List.of("/usr/bin/yara", "-w", "-r", "-c", "-p", String.valueOf(threads)));
      rules.forEach(r -> cmd.add(r.toString()));
      cmd.add(corpus.toString());
      y = timed(cmd);
    }
    return new Result(built[0], (int) built[1], b, y, compile);
  }

  /** The Bulwark side as its own process: compile the rules, scan the corpus, count matches. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      int threads = Integer.parseInt(args[0]);
      Path corpus = Path.of(args[1]);
      List<Path> rules = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        rules.add(Path.of(args[i]));
      }
      long t0 = System.nanoTime();
      CompiledRules compiled = CompiledRules.compile(rules, Set.of());
      double compile = (System.nanoTime() - t0) / 1e9;
      YaraScan.Result r =
          YaraScan.run(List.of(corpus), compiled, Map.of(), DiagnosticSink.ignoring(), threads);
      System.out.printf(
          Locale.ROOT,
          "compile_s=%.2f%nrules=%d%nfiles=%d%nmatches=%d%n",
          compile,
          compiled.ruleCount(),
          r.files(),
          r.matches().size());
    }
  }
}
