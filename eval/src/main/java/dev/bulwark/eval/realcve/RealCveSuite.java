package dev.bulwark.eval.realcve;

import dev.bulwark.code.CodeAnalyzer;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.code.specs.Spec;
import dev.bulwark.code.specs.SpecInference;
import dev.bulwark.code.specs.SpecPack;
import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.maven.LocalRepository;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.core.text.Csv;
import dev.bulwark.eval.Home;
import dev.bulwark.eval.Metrics;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.Suite;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Real vulnerabilities in real projects, scored at method level as research scores them: each row
 * of {@code projects.csv} is a CVE in a project checked out at its vulnerable commit (a directory
 * named by the CVE), and {@code fix_method_lines.csv} lists the methods the fix changed with their
 * line ranges. A row is found when a finding of the row's CWE (or a child of it) has its location
 * or a step of its data flow inside one of those methods. Alert precision is the share of that
 * CWE's findings in the project that fall inside the fixed methods — a lower bound, since findings
 * elsewhere may be other real issues. Time and peak heap are measured per project.
 */
public final class RealCveSuite implements Suite {
  /** Parameter: comma-separated CVE ids (or row ids) to scan instead of every row. */
  public static final String ONLY = "only";

  /**
   * Parameter: "true" to infer each project's specifications first (bulwark code specs: its own
   * methods, and its direct dependencies' bytecode where the local Maven repository has the jars)
   * and scan with them as a rule pack.
   */
  public static final String SPECS = "specs";

  /** CWE ids that count for a row's CWE: the CWE itself and its children in the CWE tree. */
  private static final Map<Integer, Set<Integer>> CHILDREN =
      Map.of(
          22, Set.of(22, 23, 35, 36),
          79, Set.of(79, 80),
          89, Set.of(89, 564),
          611, Set.of(611, 776),
          502, Set.of(502),
          94, Set.of(94, 95, 917),
          78, Set.of(78, 88));

  @Override
  public String name() {
    return "realcve";
  }

  @Override
  public String description() {
    return "Java code analysis on real CVEs in real projects at their vulnerable commits: method-level"
        + " recall (a finding of the right CWE inside a method the fix changed) and alert precision"
        + " per CWE, with scan time and peak heap per project.";
  }

  @Override
  public Path defaultCorpus() {
    return Home.dir().resolve("../shared/data/realcve").normalize();
  }

  @Override
  public String corpusLayout() {
    return "projects.csv (id, repo, cve, cwe, …), fix_method_lines.csv (id, cve, file, class,"
        + " method, start_line, end_line) and one source tree per CVE, in a directory named by the"
        + " CVE";
  }

  /** One CVE: its project directory, CWE and the fixed methods' line ranges. */
  record Row(String id, String cve, String repo, int cwe, List<MethodLines> methods) {}

  /** A fixed method: file path inside the project and its lines. */
  record MethodLines(String file, int start, int end) {}

  /** What one project's scan gave for its row. */
  record Outcome(Row row, boolean found, int inside, int total, Duration time, long peakHeapMb) {}

  static List<Row> rows(Path corpus) throws InputException {
    Path projects = corpus.resolve("projects.csv");
    Path lines = corpus.resolve("fix_method_lines.csv");
    if (!Files.isRegularFile(projects) || !Files.isRegularFile(lines)) {
      throw new InputException(corpus + ": needs projects.csv and fix_method_lines.csv");
    }
    Map<String, List<MethodLines>> methods = new HashMap<>();
    List<Csv.Row> lineRows = Csv.read(lines, 7, true);
    for (Csv.Row r : lineRows) {
      List<String> f = r.fields();
      try {
        methods
            .computeIfAbsent(f.get(0), k -> new ArrayList<>())
            .add(
                new MethodLines(
                    f.get(2),
                    Integer.parseInt(f.get(5).strip()),
                    Integer.parseInt(f.get(6).strip())));
      } catch (NumberFormatException e) {
        throw new InputException(lines + ":" + r.line() + ": line numbers expected", e);
      }
    }
    List<Row> out = new ArrayList<>();
    for (Csv.Row r : Csv.read(projects, 4, true)) {
      List<String> f = r.fields();
      String cwe = f.get(3).strip();
      if (!cwe.matches("CWE-\\d+")) {
        throw new InputException(projects + ":" + r.line() + ": CWE-N expected, got '" + cwe + "'");
      }
      out.add(
          new Row(
              f.get(0).strip(),
              f.get(2).strip(),
              f.get(1).strip(),
              Integer.parseInt(cwe.substring(4)),
              methods.getOrDefault(f.get(0).strip(), List.of())));
    }
    if (out.isEmpty()) {
      throw new InputException(projects + ": no rows");
    }
    return out;
  }

  @Override
  public Scorecard run(Options options) throws InputException, IOException, InterruptedException {
    Path corpus = options.corpus();
    List<Row> rows = rows(corpus);
    String only = options.params().get(ONLY);
    if (only != null && !only.isBlank()) {
      Set<String> wanted = new HashSet<>(Arrays.asList(only.split("\\s*,\\s*")));
      rows = rows.stream().filter(r -> wanted.contains(r.cve) || wanted.contains(r.id)).toList();
      if (rows.isEmpty()) {
        throw new InputException("--only " + only + ": no such CVE or row in " + corpus);
      }
    }
    long start = System.nanoTime();
    List<Outcome> outcomes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Row row : rows) {
      Path dir = corpus.resolve(row.cve);
      if (!Files.isDirectory(dir)) {
        errors.add("skipped: " + row.cve + " (" + dir + " missing)");
        continue;
      }
      Outcome o = scan(row, dir, "true".equals(options.params().get(SPECS)), errors);
      outcomes.add(o);
      if (!o.found) {
        errors.add(
            "missed: "
                + row.cve
                + " CWE-"
                + row.cwe
                + " in "
                + row.repo
                + " ("
                + o.total
                + " finding(s) of that CWE, none in a fixed method)");
      }
    }
    return scorecard(outcomes, errors, Duration.ofNanos(System.nanoTime() - start));
  }

  private Outcome scan(Row row, Path dir, boolean specs, List<String> notes)
      throws InputException, IOException, InterruptedException {
    ConcurrentLinkedQueue<Diagnostic> diagnostics = new ConcurrentLinkedQueue<>();
    BulwarkConfig config = BulwarkConfig.empty(dir);
    Path packDir = null;
    if (specs) {
      // inferred before the clock starts: the scan time stays comparable with a run without
      long s0 = System.nanoTime();
      SourceTree all = SourceTree.walk(List.of(dir), WalkOptions.defaults(), diagnostics::add);
      RulePacks.Loaded rules = RulePacks.builtIn();
      ProjectModel project =
          ProjectModel.load(
              all,
              rules.library(),
              ScanOptions.defaults().threads(),
              new Cancellation(),
              diagnostics::add);
      SpecInference.Result r =
          new SpecInference(project, rules, dir, LocalRepository.user(), diagnostics::add)
              .run(java.util.Optional.empty(), 0);
      packDir = Files.createTempDirectory("bulwark-realcve-specs");
      Files.writeString(packDir.resolve("specs.yaml"), SpecPack.yaml(row.cve, r.specs()));
      Files.writeString(packDir.resolve("bulwark.yaml"), "code:\n  packs: [specs.yaml]\n");
      config =
          ConfigLoader.load(
              packDir.resolve("bulwark.yaml"), Map.of("code", CodeAnalyzer.KEYS), w -> {});
      Map<Spec.Verdict, Long> byVerdict =
          r.specs().stream()
              .collect(
                  java.util.stream.Collectors.groupingBy(
                      Spec::verdict,
                      () -> new java.util.EnumMap<>(Spec.Verdict.class),
                      java.util.stream.Collectors.counting()));
      notes.add(
          String.format(
              Locale.ROOT,
              "specs: %s: %d verified, %d documented, %d unverified (sinks %d); %d jar(s) read,"
                  + " %d missing; %.1f s",
              row.cve,
              byVerdict.getOrDefault(Spec.Verdict.VERIFIED, 0L),
              byVerdict.getOrDefault(Spec.Verdict.DOCUMENTED, 0L),
              byVerdict.getOrDefault(Spec.Verdict.UNVERIFIED, 0L),
              r.specs().stream().filter(x -> x.kind() == Spec.Kind.SINK).count(),
              r.jars().size(),
              r.missing().size(),
              (System.nanoTime() - s0) / 1e9));
    }
    ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    System.gc(); // so the peak measured is this project's, not garbage of the one before
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long t0 = System.nanoTime();
    SourceTree tree = SourceTree.walk(List.of(dir), WalkOptions.defaults(), diagnostics::add);
    try {
      new CodeAnalyzer()
          .analyze(
              ScanContext.standalone(tree, config, ScanOptions.defaults(), diagnostics::add),
              findings::add);
    } catch (AnalysisException e) {
      // one project the analyzer cannot handle is a miss, not the end of the evaluation
      diagnostics.add(Diagnostic.warning("code", dir.toString(), e.getMessage()));
    }
    Duration time = Duration.ofNanos(System.nanoTime() - t0);
    if (packDir != null) {
      Files.deleteIfExists(packDir.resolve("specs.yaml"));
      Files.deleteIfExists(packDir.resolve("bulwark.yaml"));
      Files.deleteIfExists(packDir);
    }
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    Set<Integer> cwes = CHILDREN.getOrDefault(row.cwe, Set.of(row.cwe));
    int inside = 0;
    int total = 0;
    for (Finding f : findings) {
      if (f.taxa().stream()
          .noneMatch(t ->
              t.taxonomy() == TaxonomyRef.Taxonomy.CWE
                  && cwes.contains(Integer.parseInt(t.id())))) {
        continue;
      }
      total++;
      if (insideFixedMethod(f, row)) {
        inside++;
      }
    }
    return new Outcome(row, inside > 0, inside, total, time, peak);
  }

  /** Whether the finding's location or any step of its flows lies in one of the fixed methods. */
  static boolean insideFixedMethod(Finding f, Row row) {
    List<Location> places = new ArrayList<>();
    places.add(f.primaryLocation());
    for (CodeFlow flow : f.codeFlows()) {
      for (CodeFlow.Step s : flow.steps()) {
        places.add(s.location());
      }
    }
    for (Location l : places) {
      if (!(l instanceof Location.File file) || file.region() == null) {
        continue;
      }
      String path = file.path().replace('\\', '/');
      int line = file.region().startLine();
      for (MethodLines m : row.methods) {
        if ((path.equals(m.file) || path.endsWith("/" + m.file))
            && line >= m.start
            && line <= m.end) {
          return true;
        }
      }
    }
    return false;
  }

  private Scorecard scorecard(List<Outcome> outcomes, List<String> errors, Duration wall) {
    Map<Integer, int[]> perCwe = new TreeMap<>(); // rows, found, inside, total
    Map<String, String> facts = new LinkedHashMap<>();
    Metrics overall = Metrics.empty();
    List<Double> seconds = new ArrayList<>();
    int found = 0;
    int inside = 0;
    int total = 0;
    for (Outcome o : outcomes) {
      int[] c = perCwe.computeIfAbsent(o.row.cwe, k -> new int[4]);
      c[0]++;
      c[1] += o.found ? 1 : 0;
      c[2] += o.inside;
      c[3] += o.total;
      found += o.found ? 1 : 0;
      inside += o.inside;
      total += o.total;
      seconds.add(o.time.toMillis() / 1000.0);
      facts.put(
          "project " + o.row.cve,
          String.format(
              Locale.ROOT,
              "%s, CWE-%d: %s, %d/%d in fixed methods, %.1f s, peak heap %d MB",
              o.row.repo,
              o.row.cwe,
              o.found ? "found" : "missed",
              o.inside,
              o.total,
              o.time.toMillis() / 1000.0,
              o.peakHeapMb));
    }
    List<Scorecard.Category> categories = new ArrayList<>();
    for (Map.Entry<Integer, int[]> e : perCwe.entrySet()) {
      int[] c = e.getValue();
      Metrics m = new Metrics(c[1], 0, c[0] - c[1], 0);
      overall = overall.plus(m);
      categories.add(
          new Scorecard.Category("CWE-" + e.getKey(), m, c[0] == 0 ? 0 : (double) c[1] / c[0]));
      facts.put(
          "CWE-" + e.getKey(),
          "found " + c[1] + "/" + c[0] + ", alert precision " + c[2] + "/" + c[3]);
    }
    facts.put("found (method level)", found + "/" + outcomes.size());
    facts.put("alert precision", inside + "/" + total);
    if (!seconds.isEmpty()) {
      List<Double> sorted = seconds.stream().sorted().toList();
      double median =
          sorted.size() % 2 == 1
              ? sorted.get(sorted.size() / 2)
              : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
      facts.put(
          "scan time",
          String.format(
              Locale.ROOT, "median %.1f s, max %.1f s", median, sorted.get(sorted.size() - 1)));
    }
    return new Scorecard(
        name(),
        description(),
        "realcve_score",
        outcomes.isEmpty() ? 0 : 100.0 * found / outcomes.size(),
        overall,
        categories,
        facts,
        wall,
        errors);
  }
}
