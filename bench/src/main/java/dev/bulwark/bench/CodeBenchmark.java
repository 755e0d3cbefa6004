package dev.bulwark.bench;

import dev.bulwark.code.CodeAnalyzer;
import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
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
 * Measures Java analysis speed: replicates a suite's sources (each copy under its own package, so
 * the copies are separate classes, not duplicates) until the tree holds the requested number of
 * lines, then times full analyses of it.
 */
public final class CodeBenchmark {

  /** The figures of a benchmark run. */
  public record Result(
      long lines,
      int files,
      List<Double> seconds,
      long peakHeapBytes,
      long maxHeapBytes,
      int findings) {
    public double best() {
      return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    public String summary() {
      double cold = seconds.isEmpty() ? 0 : seconds.get(0);
      return String.format(
          Locale.ROOT,
          "code_lines=%d%ncode_files=%d%ncode_seconds_cold=%.1f%ncode_seconds_best=%.1f%n"
              + "code_peak_heap_mb=%d%ncode_max_heap_mb=%d%ncode_lines_per_s=%.0f",
          lines,
          files,
          cold,
          best(),
          peakHeapBytes >> 20,
          maxHeapBytes >> 20,
          lines / Math.max(0.001, best()));
    }
  }

  private final Path suite;
  private final Path dir;
  private final long targetLines;
  private final int threads;

  public CodeBenchmark(Path suite, Path dir, long targetLines, int threads) {
    if (targetLines < 1) {
      throw new IllegalArgumentException("lines must be positive, got " + targetLines);
    }
    this.suite = suite;
    this.dir = dir;
    this.targetLines = targetLines;
    this.threads = threads;
  }

  /**
   * Java analysis beside SpotBugs + Find Security Bugs as whole processes on the replicated tree
   * (compiled for SpotBugs with the suite's dependencies from the local repository).
   */
  public String runBesideSpotBugs(
      int runs,
      dev.bulwark.core.maven.LocalRepository repository,
      String spotbugsVersion,
      String findSecBugsVersion,
      PrintStream out)
      throws IOException, InterruptedException, InputException {
    ensureTree(out);
    long lines = 0;
    try (Stream<Path> s = Files.walk(dir.resolve("tree"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".java")).toList()) {
        try (Stream<String> l = Files.lines(p, StandardCharsets.UTF_8)) {
          lines += l.count();
        }
      }
    }
    Path pom = suite.resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      throw new InputException(suite + ": no pom.xml naming the suite's dependencies");
    }
    return new SpotBugsPeer(repository, spotbugsVersion, findSecBugsVersion)
        .run(pom, dir.resolve("tree"), lines, dir, runs, out)
        .summary();
  }

  public Result run(int runs, PrintStream out)
      throws IOException, InterruptedException, InputException {
    ensureTree(out);
    SourceTree tree =
        SourceTree.walk(
            List.of(dir.resolve("tree")),
            new WalkOptions(List.of(), List.of(), false, false),
            d -> {});
    long lines = 0;
    int javaFiles = 0;
    for (SourceFile f : tree.files()) {
      if (f.extension().equals("java")) {
        javaFiles++;
        try (Stream<String> s = Files.lines(f.path(), StandardCharsets.UTF_8)) {
          lines += s.count();
        }
      }
    }
    out.printf(Locale.ROOT, "tree: %d Java files, %d lines (%s)%n", javaFiles, lines, dir);
    List<Double> seconds = new ArrayList<>();
    long peak = 0;
    int findings = 0;
    HeapMeter heap = new HeapMeter();
    for (int i = 1; i <= runs; i++) {
      heap.reset();
      AtomicInteger count = new AtomicInteger();
      long t0 = System.nanoTime();
      try {
        new CodeAnalyzer()
            .analyze(
                ScanContext.standalone(tree, ScanOptions.defaults().withThreads(threads), d -> {}),
                f -> count.incrementAndGet());
      } catch (AnalysisException e) {
        throw new InputException("code analysis failed: " + e.getMessage(), e);
      }
      double s = (System.nanoTime() - t0) / 1e9;
      long runPeak = heap.peakBytes();
      peak = Math.max(peak, runPeak);
      seconds.add(s);
      findings = count.get();
      out.printf(
          Locale.ROOT,
          "run %d: %.1f s, %.0f lines/s, %d findings, peak heap %d MB%n",
          i,
          s,
          lines / s,
          findings,
          runPeak >> 20);
    }
    return new Result(lines, javaFiles, seconds, peak, Runtime.getRuntime().maxMemory(), findings);
  }

  private void ensureTree(PrintStream out) throws IOException, InputException {
    Path src = suite.resolve("src");
    if (!Files.isDirectory(src)) {
      throw new InputException(suite + ": no src/ directory to replicate");
    }
    List<Path> sources;
    try (Stream<Path> s = Files.walk(src)) {
      sources =
          s.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".properties"))
              .sorted()
              .toList();
    }
    long suiteLines = 0;
    long suiteBytes = 0;
    for (Path p : sources) {
      suiteBytes += Files.size(p);
      if (p.toString().endsWith(".java")) {
        try (Stream<String> s = Files.lines(p, StandardCharsets.UTF_8)) {
          suiteLines += s.count();
        }
      }
    }
    if (suiteLines == 0) {
      throw new InputException(suite + ": no Java sources to replicate");
    }
    int copies = (int) Math.max(1, (targetLines + suiteLines - 1) / suiteLines);
    java.util.Set<String> packages = new java.util.HashSet<>();
    for (Path p : sources) {
      if (p.toString().endsWith(".java")) {
        java.util.regex.Matcher m = PACKAGE.matcher(Files.readString(p, StandardCharsets.UTF_8));
        if (m.find()) {
          packages.add(m.group(1));
        }
      }
    }
    Path marker = dir.resolve("tree.properties");
    String expected =
        "suite="
            + suite.toAbsolutePath().normalize()
            + "\nbytes="
            + suiteBytes
            + "\ncopies="
            + copies
            + "\n";
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
    for (int k = 1; k <= copies; k++) {
      Path copy = tree.resolve("copy" + k);
      for (Path p : sources) {
        Path target = copy.resolve(src.relativize(p).toString());
        Files.createDirectories(target.getParent());
        String text = Files.readString(p, StandardCharsets.UTF_8);
        if (p.toString().endsWith(".java")) {
          text = renamePackages(text, packages, k);
        }
        Files.writeString(target, text, StandardCharsets.UTF_8);
      }
    }
    out.printf(Locale.ROOT, "replicated %s %d times (%d lines each)%n", suite, copies, suiteLines);
    Files.writeString(marker, expected, StandardCharsets.UTF_8);
  }

  private static final java.util.regex.Pattern PACKAGE =
      java.util.regex.Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  private static final java.util.regex.Pattern DECLARATION =
      java.util.regex.Pattern.compile(
          "(?m)^(package|import(?:\\s+static)?)\\s+([\\w.]+)(\\.\\*)?\\s*;");

  /**
   * Moves the suite's own packages (and imports of them) under a copy-specific name, so copies do
   * not collide; imports of libraries stay as they are.
   */
  static String renamePackages(String text, java.util.Set<String> packages, int copy) {
    java.util.regex.Matcher m = DECLARATION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(2);
      String pkg =
          m.group(1).equals("package") || m.group(3) != null
              ? name
              : name.substring(0, Math.max(0, name.lastIndexOf('.')));
      String replacement = m.group();
      for (String own : packages) {
        if (pkg.equals(own) || pkg.startsWith(own + ".")) {
          replacement =
              m.group()
                  .replaceFirst("\\b" + java.util.regex.Pattern.quote(own), own + ".copy" + copy);
          break;
        }
      }
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
