package dev.bulwark.eval.sast;

import dev.bulwark.code.CodeAnalyzer;
import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.core.text.Csv;
import dev.bulwark.eval.Home;
import dev.bulwark.eval.Metrics;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.Suite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Scores the Java code analyzer the way OWASP Benchmark scores tools: a suite of one servlet or
 * controller per test case plus an expected-results CSV ({@code # test name, category, real
 * vulnerability, cwe}). A case counts as flagged when a finding's file is the case's file and the
 * finding's CWE equals the case's CWE. Per category, score = TPR − FPR; the overall TPR, FPR and
 * score are plain averages over categories, so a tool that flags everything scores 0.
 */
public final class SastSuite implements Suite {
  /**
   * Parameter naming the expected-results CSV; default: {@code expectedresults*.csv} in the suite.
   */
  public static final String EXPECTED = "expected";

  @Override
  public String name() {
    return "sast";
  }

  @Override
  public String description() {
    return "Java code analysis scored like OWASP Benchmark: per category TPR − FPR over test cases "
        + "in servlets and controllers, averaged over categories.";
  }

  @Override
  public Path defaultCorpus() {
    return Home.dir().resolve("corpora/sast");
  }

  /** One row of the expected-results file. */
  public record Case(String name, String category, boolean vulnerable, int cwe) {}

  /** Reads an expected-results CSV; comment lines start with '#'. */
  public static List<Case> expected(Path csv) throws InputException, IOException {
    List<Case> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Csv.Row row : Csv.read(csv, 0, false)) {
      int n = row.line();
      List<String> f = row.fields();
      if (f.size() < 4) {
        throw new InputException(
            csv
                + ":"
                + n
                + ": expected 'name,category,true|false,cwe', got '"
                + String.join(",", f)
                + "'");
      }
      String real = f.get(2).toLowerCase(Locale.ROOT);
      if (!real.equals("true") && !real.equals("false")) {
        throw new InputException(
            csv + ":" + n + ": real vulnerability must be true or false, got '" + f.get(2) + "'");
      }
      int cwe;
      try {
        cwe = Integer.parseInt(f.get(3));
      } catch (NumberFormatException e) {
        throw new InputException(
            csv + ":" + n + ": CWE must be a number, got '" + f.get(3) + "'", e);
      }
      Case c = new Case(f.get(0), f.get(1), real.equals("true"), cwe);
      if (!names.add(c.name())) {
        throw new InputException(csv + ":" + n + ": test " + c.name() + " is listed twice");
      }
      out.add(c);
    }
    if (out.isEmpty()) {
      throw new InputException(csv + ": no test cases");
    }
    return out;
  }

  static Path defaultExpected(Path suite) throws InputException, IOException {
    try (Stream<Path> s = Files.list(suite)) {
      List<Path> csvs =
          s.filter(p -> p.getFileName().toString().matches("expectedresults.*\\.csv"))
              .sorted()
              .toList();
      if (csvs.isEmpty()) {
        throw new InputException(suite + ": no expectedresults*.csv (give one with --expected)");
      }
      return csvs.get(csvs.size() - 1);
    }
  }

  @Override
  public Scorecard run(Options options) throws InputException, IOException, InterruptedException {
    Path suite = options.corpus();
    if (!Files.isDirectory(suite)) {
      throw new InputException(suite + ": not a directory");
    }
    Path csv =
        options.params().containsKey(EXPECTED)
            ? Path.of(options.params().get(EXPECTED))
            : defaultExpected(suite);
    List<Case> cases = expected(csv);

    long start = System.nanoTime();
    ConcurrentLinkedQueue<Diagnostic> diagnostics = new ConcurrentLinkedQueue<>();
    SourceTree tree =
        SourceTree.walk(
            List.of(suite),
            new WalkOptions(List.of(), List.of("**/target/**"), false, false),
            diagnostics::add);
    ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
    try {
      new CodeAnalyzer()
          .analyze(
              ScanContext.standalone(tree, ScanOptions.defaults(), diagnostics::add),
              findings::add);
    } catch (AnalysisException e) {
      throw new InputException("code analyzer failed on " + suite + ": " + e.getMessage(), e);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);

    // test name -> CWEs reported in that test's file
    Map<String, Set<Integer>> flagged = new LinkedHashMap<>();
    for (Finding f : findings) {
      String path = f.primaryLocation().artifactPath().orElse("");
      String file = path.substring(path.lastIndexOf('/') + 1);
      if (!file.endsWith(".java")) {
        continue;
      }
      String test = file.substring(0, file.length() - ".java".length());
      for (TaxonomyRef t : f.taxa()) {
        if (t.taxonomy() == TaxonomyRef.Taxonomy.CWE) {
          flagged.computeIfAbsent(test, k -> new HashSet<>()).add(Integer.parseInt(t.id()));
        }
      }
    }

    Map<String, int[]> counts = new TreeMap<>(); // tp, fp, fn, tn
    List<String> errors = new ArrayList<>();
    for (Case c : cases) {
      boolean hit = flagged.getOrDefault(c.name(), Set.of()).contains(c.cwe());
      int[] k = counts.computeIfAbsent(c.category(), x -> new int[4]);
      if (c.vulnerable() && hit) {
        k[0]++;
      } else if (!c.vulnerable() && hit) {
        k[1]++;
        errors.add("false positive: " + c.name() + " (" + c.category() + ", CWE-" + c.cwe() + ")");
      } else if (c.vulnerable()) {
        k[2]++;
        errors.add("missed: " + c.name() + " (" + c.category() + ", CWE-" + c.cwe() + ")");
      } else {
        k[3]++;
      }
    }
    List<Scorecard.Category> categories = new ArrayList<>();
    Metrics overall = Metrics.empty();
    double tprSum = 0;
    double fprSum = 0;
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] k = e.getValue();
      Metrics m = new Metrics(k[0], k[1], k[2], k[3]);
      double tpr = rate(m.recall());
      double fpr = rate(m.falsePositiveRate());
      categories.add(new Scorecard.Category(e.getKey(), m, tpr - fpr));
      overall = overall.plus(m);
      tprSum += tpr;
      fprSum += fpr;
    }
    int n = categories.size();
    double avgTpr = tprSum / n;
    double avgFpr = fprSum / n;
    long lines = javaLines(tree);
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("test cases", Integer.toString(cases.size()));
    facts.put("categories", Integer.toString(n));
    facts.put("average TPR", pct(avgTpr));
    facts.put("average FPR", pct(avgFpr));
    facts.put("Java lines analysed", Long.toString(lines));
    facts.put(
        "lines per second",
        String.format(Locale.ROOT, "%.0f", lines / Math.max(0.001, wall.toNanos() / 1e9)));
    facts.put("expected results", csv.getFileName().toString());
    if (!diagnostics.isEmpty()) {
      facts.put("diagnostics", Integer.toString(diagnostics.size()));
    }
    return new Scorecard(
        name(),
        description(),
        "overall_score",
        (avgTpr - avgFpr) * 100,
        overall,
        categories,
        facts,
        wall,
        errors);
  }

  /**
   * An undefined rate (a category without true or without false cases) counts as 0, as OWASP's
   * scorer does.
   */
  private static double rate(double r) {
    return Double.isNaN(r) ? 0 : r;
  }

  private static long javaLines(SourceTree tree) throws IOException {
    long lines = 0;
    for (SourceFile f : tree.files()) {
      if (f.extension().equals("java")) {
        try (Stream<String> s = Files.lines(f.path(), StandardCharsets.UTF_8)) {
          lines += s.count();
        } catch (java.io.UncheckedIOException e) {
          // undecodable files count as empty; the analyzer reports them
        }
      }
    }
    return lines;
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }
}
