package dev.bulwark.eval.fix;

import dev.bulwark.code.CodeAnalyzer;
import dev.bulwark.code.fix.Classpaths;
import dev.bulwark.code.fix.CompileCheck;
import dev.bulwark.code.fix.FixEngine;
import dev.bulwark.code.fix.Patches;
import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fix;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.eval.Home;
import dev.bulwark.eval.Metrics;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.Suite;
import dev.bulwark.eval.sast.SastSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Measures {@code bulwark fix} on a suite in the OWASP Benchmark layout: the share of true findings
 * that get a verified patch, the share of proposed patches that compile, the findings the patches
 * introduce, and — after applying every verified patch to a copy — whether the tree still compiles
 * and how much of the suite is still detected (it should fall to about zero).
 */
public final class FixSuite implements Suite {

  @Override
  public String name() {
    return "fix";
  }

  @Override
  public String description() {
    return "Verified patches for code findings: share of true findings fixed, patches that compile, "
        + "new findings, and detection after applying every verified patch.";
  }

  @Override
  public Path defaultCorpus() {
    return Home.dir().resolve("corpora/sast");
  }

  @Override
  public Scorecard run(Options options) throws InputException, IOException, InterruptedException {
    Path suite = options.corpus().toAbsolutePath().normalize();
    Path csv =
        options.params().containsKey(SastSuite.EXPECTED)
            ? Path.of(options.params().get(SastSuite.EXPECTED))
            : expectedIn(suite);
    Map<String, SastSuite.Case> cases = new HashMap<>();
    for (SastSuite.Case c : SastSuite.expected(csv)) {
      cases.put(c.name(), c);
    }
    long start = System.nanoTime();
    ConcurrentLinkedQueue<Diagnostic> diagnostics = new ConcurrentLinkedQueue<>();
    SourceTree tree =
        SourceTree.walk(
            List.of(suite),
            new WalkOptions(List.of(), List.of("**/target/**"), false, false),
            diagnostics::add);
    FixEngine.Result result =
        new FixEngine(
                suite,
                tree,
                new FixEngine.Options(
                    Set.of(), Set.of(), Optional.empty(), ScanOptions.defaults().threads()),
                diagnostics::add)
            .run();

    // true findings: in a vulnerable case's file, with the case's CWE
    Map<String, Metrics> byCategory = new TreeMap<>();
    int trueFindings = 0;
    int trueVerified = 0;
    List<String> errors = new ArrayList<>();
    for (FixEngine.Outcome o : result.outcomes()) {
      SastSuite.Case c = caseOf(o.finding(), cases);
      if (c == null || !c.vulnerable() || !hasCwe(o.finding(), c.cwe())) {
        continue;
      }
      trueFindings++;
      boolean ok = o.status() == Fix.Status.VERIFIED;
      if (ok) {
        trueVerified++;
      } else {
        errors.add(
            "no verified patch: " + c.name() + " (" + o.finding().ruleId() + "): " + o.reason());
      }
      byCategory.merge(
          c.category(), ok ? new Metrics(1, 0, 0, 0) : new Metrics(0, 0, 1, 0), Metrics::plus);
    }
    long verifiedPatches =
        result.outcomes().stream()
            .filter(o -> o.fix().map(f -> f.status() == Fix.Status.VERIFIED).orElse(false))
            .count();

    // apply every verified patch to a copy, re-scan it and compile it whole
    Path copy = Patches.scratchCopy(suite);
    Set<String> before = new HashSet<>();
    result.findingsBefore().forEach(f -> before.add(f.fingerprint()));
    List<Finding> after = new ArrayList<>();
    int compileErrors;
    boolean classpathResolved;
    try {
      Patches.write(copy, result.patchedFiles(), result.dependencies());
      SourceTree patched =
          SourceTree.walk(
              List.of(copy),
              new WalkOptions(List.of(), List.of("**/target/**"), false, false),
              d -> {});
      try {
        new CodeAnalyzer()
            .analyze(ScanContext.standalone(patched, ScanOptions.defaults(), d -> {}), after::add);
      } catch (AnalysisException e) {
        throw new InputException("re-scan of the patched suite failed: " + e.getMessage(), e);
      }
      Optional<Classpaths.Classpath> cp =
          Classpaths.pomFor(copy, copy).map(p -> Classpaths.resolve(p, copy, d -> {}));
      classpathResolved = cp.map(Classpaths.Classpath::complete).orElse(false);
      compileErrors = compileAll(copy, cp.map(Classpaths.Classpath::entries).orElse(List.of()));
    } finally {
      Patches.delete(copy);
    }
    List<Finding> introduced =
        after.stream().filter(f -> !before.contains(f.fingerprint())).toList();
    for (Finding f : introduced) {
      errors.add(
          "new finding after patching: "
              + f.ruleId()
              + " at "
              + f.primaryLocation().artifactPath().orElse("?"));
    }
    Map<String, Set<Integer>> flagged = new HashMap<>();
    for (Finding f : after) {
      String test = testName(f);
      if (test != null) {
        for (TaxonomyRef t : f.taxa()) {
          if (t.taxonomy() == TaxonomyRef.Taxonomy.CWE) {
            flagged.computeIfAbsent(test, k -> new HashSet<>()).add(Integer.parseInt(t.id()));
          }
        }
      }
    }
    int vulnerable = 0;
    int stillDetected = 0;
    for (SastSuite.Case c : cases.values()) {
      if (c.vulnerable()) {
        vulnerable++;
        if (flagged.getOrDefault(c.name(), Set.of()).contains(c.cwe())) {
          stillDetected++;
        }
      }
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    double share = trueFindings == 0 ? 0 : (double) trueVerified / trueFindings;
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("true findings", Integer.toString(trueFindings));
    facts.put("true findings with a verified patch", trueVerified + " (" + pct(share) + ")");
    facts.put("verified patches (all findings)", Long.toString(verifiedPatches));
    facts.put(
        "proposed patches that compile",
        result.stats().candidatesCompiled()
            + " of "
            + result.stats().compileChecks()
            + " compiled ("
            + pct(
                result.stats().compileChecks() == 0
                    ? 0
                    : (double) result.stats().candidatesCompiled() / result.stats().compileChecks())
            + ")");
    facts.put(
        "new findings after applying every verified patch", Integer.toString(introduced.size()));
    facts.put(
        "detection after patching",
        stillDetected
            + " of "
            + vulnerable
            + " real vulnerabilities ("
            + pct(vulnerable == 0 ? 0 : (double) stillDetected / vulnerable)
            + ")");
    facts.put(
        "patched tree compiles", compileErrors == 0 ? "yes" : "no (" + compileErrors + " errors)");
    facts.put("class path resolved", classpathResolved ? "yes" : "no");
    List<Scorecard.Category> categories = new ArrayList<>();
    byCategory.forEach((k, m) -> categories.add(new Scorecard.Category(k, m)));
    Metrics overall =
        categories.stream().map(Scorecard.Category::metrics).reduce(Metrics.empty(), Metrics::plus);
    return new Scorecard(
        name(), description(), "fix_score", share * 100, overall, categories, facts, wall, errors);
  }

  private static Path expectedIn(Path suite) throws IOException, InputException {
    try (Stream<Path> s = Files.list(suite)) {
      return s.filter(p -> p.getFileName().toString().matches("expectedresults.*\\.csv"))
          .sorted()
          .reduce((a, b) -> b)
          .orElseThrow(() ->
              new InputException(suite + ": no expectedresults*.csv (give one with --expected)"));
    }
  }

  private static String testName(Finding f) {
    if (!(f.primaryLocation() instanceof Location.File loc)) {
      return null;
    }
    String file = loc.path().substring(loc.path().lastIndexOf('/') + 1);
    return file.endsWith(".java") ? file.substring(0, file.length() - 5) : null;
  }

  private static SastSuite.Case caseOf(Finding f, Map<String, SastSuite.Case> cases) {
    String t = testName(f);
    return t == null ? null : cases.get(t);
  }

  private static boolean hasCwe(Finding f, int cwe) {
    return f.taxa().stream()
        .anyMatch(
            t -> t.taxonomy() == TaxonomyRef.Taxonomy.CWE && t.id().equals(Integer.toString(cwe)));
  }

  /** Compiles every Java file of the tree at once; returns the number of errors. */
  private static int compileAll(Path dir, List<Path> classpath) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    return CompileCheck.compileTree(files, classpath);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }
}
