package dev.bulwark.core.scan;

import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.Glob;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fingerprint;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.report.AnalyzerRun;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.report.ScanSummary;
import dev.bulwark.core.report.SuppressedFinding;
import dev.bulwark.core.report.ToolInfo;
import dev.bulwark.core.suppress.InlineSuppressions;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a scan: walks the files once, starts every applicable analyzer in parallel, and turns what
 * they report into one {@link ScanReport} — occurrences told apart, suppressions and the baseline
 * applied, findings in a stable order. A failing analyzer becomes a diagnostic; the others go on.
 */
public final class Scanner {
  private static final String SOURCE = "scan";

  private final List<Analyzer> analyzers;

  public Scanner(List<Analyzer> analyzers) {
    this.analyzers =
        analyzers.stream().sorted(Comparator.comparing(a -> a.info().phase())).toList();
  }

  public List<Analyzer> analyzers() {
    return analyzers;
  }

  public ScanReport scan(ScanRequest request, Progress progress, Cancellation cancellation)
      throws InputException, InterruptedException {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    ConcurrentLinkedQueue<Diagnostic> diagnostics = new ConcurrentLinkedQueue<>();
    DiagnosticSink diagSink = diagnostics::add;
    BulwarkConfig config = request.config();
    for (Analyzer a : analyzers) {
      String id = a.info().id();
      boolean wanted =
          (request.options().onlyAnalyzers().isEmpty()
                  || request.options().onlyAnalyzers().contains(id))
              && !config.disabledAnalyzers().contains(id);
      if (wanted) {
        a.checkConfig(config);
      }
    }
    WalkOptions cli = request.options().walk();
    WalkOptions walk = walkOptions(config, request.roots(), cli);
    SourceTree tree;
    Progress.Task listing = progress.start("listing files", -1, Progress.Unit.FILES);
    try {
      tree = SourceTree.walk(request.roots(), walk, diagSink);
    } catch (NoSuchFileException e) {
      throw new InputException(e.getFile() + ": no such file or directory", e);
    } catch (InputException e) {
      throw e;
    } catch (IOException e) {
      throw new InputException("cannot read " + request.roots() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    } finally {
      listing.close();
    }
    ScanOptions options = request.options().withWalk(walk);
    ScanContext ctx = new ScanContext(tree, config, options, progress, diagSink, cancellation);

    List<Analyzer> selected = new ArrayList<>();
    for (Analyzer a : analyzers) {
      String id = a.info().id();
      if (!options.onlyAnalyzers().isEmpty() && !options.onlyAnalyzers().contains(id)) {
        continue;
      }
      if (config.disabledAnalyzers().contains(id)) {
        continue;
      }
      if (a.appliesTo(ctx)) {
        selected.add(a);
      }
    }

    ConcurrentLinkedQueue<Finding> found = new ConcurrentLinkedQueue<>();
    Map<String, AnalyzerRun> runs = new LinkedHashMap<>();
    if (!selected.isEmpty()) {
      ExecutorService pool = Executors.newFixedThreadPool(selected.size());
      try {
        Map<Analyzer, Future<AnalyzerRun>> futures = new LinkedHashMap<>();
        for (Analyzer a : selected) {
          futures.put(a, pool.submit(() -> runOne(a, ctx, found, diagSink)));
        }
        for (Map.Entry<Analyzer, Future<AnalyzerRun>> e : futures.entrySet()) {
          try {
            runs.put(e.getKey().info().id(), e.getValue().get());
          } catch (ExecutionException ex) {
            // runOne catches everything it can; an Error is all that reaches here
            throw new IllegalStateException("analyzer " + e.getKey().info().id() + " crashed", ex);
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }

    List<RuleDescriptor> rules = new ArrayList<>();
    for (Analyzer a : selected) {
      rules.addAll(a.rules());
    }
    List<Finding> all = disambiguate(new ArrayList<>(found));
    List<Finding> kept = new ArrayList<>();
    List<SuppressedFinding> suppressed = new ArrayList<>();
    List<CompiledSuppression> configured = compile(config, configPrefix(config, request.roots()));
    // one streaming pass per file with findings, for all of them; nothing of the files is kept
    Map<Finding, InlineSuppressions.Verdict> inline =
        new InlineSuppressions(tree.baseDir())
            .checkAll(
                all.stream().filter(f -> suppressedByConfig(f, configured).isEmpty()).toList());
    int baselineMatched = 0;
    for (Finding f : all) {
      Optional<SuppressedFinding> byConfig = suppressedByConfig(f, configured);
      if (byConfig.isPresent()) {
        suppressed.add(byConfig.get());
        continue;
      }
      Optional<InlineSuppressions.Verdict> v = Optional.ofNullable(inline.get(f));
      if (v.isPresent() && v.get().suppressed()) {
        suppressed.add(
            new SuppressedFinding(f, SuppressedFinding.Kind.IN_SOURCE, v.get().reason()));
        continue;
      }
      if (v.isPresent() && v.get().problem() != null) {
        diagSink.report(
            Diagnostic.warning(
                SOURCE, f.primaryLocation().artifactPath().orElse(null), v.get().problem()));
      }
      if (request.baseline().isPresent() && request.baseline().get().contains(f.fingerprint())) {
        baselineMatched++;
        continue;
      }
      kept.add(f);
    }
    kept.sort(ORDER);
    suppressed.sort(Comparator.comparing(SuppressedFinding::finding, ORDER));
    List<Diagnostic> diags = new ArrayList<>(diagnostics);
    diags.sort(
        Comparator.comparing(Diagnostic::level)
            .thenComparing(d -> d.path() == null ? "" : d.path())
            .thenComparing(Diagnostic::message));
    requireSomethingRead(tree, diags);
    ScanSummary summary =
        new ScanSummary(
            tree.baseDir().toString(),
            request.roots().stream().map(Path::toString).toList(),
            started,
            Duration.ofNanos(System.nanoTime() - t0),
            tree.files().size(),
            tree.totalBytes(),
            List.copyOf(runs.values()),
            request.baseline().isPresent(),
            baselineMatched);
    return new ScanReport(ToolInfo.current(), summary, rules, kept, suppressed, diags);
  }

  /**
   * A scan whose every input failed to read has not looked at anything: that is an input error
   * (exit 2) naming why, not "No findings".
   */
  private static void requireSomethingRead(SourceTree tree, List<Diagnostic> diags)
      throws InputException {
    List<String> problems = new ArrayList<>();
    for (Path root : tree.roots()) {
      String where;
      boolean skipped = tree.unreadableRoots().contains(root);
      if (skipped) {
        where = root.toString();
      } else if (java.nio.file.Files.isDirectory(root)) {
        return;
      } else {
        where =
            tree.files().stream()
                .filter(f -> f.path().equals(root))
                .map(dev.bulwark.core.files.SourceFile::relativePath)
                .findFirst()
                .orElse(root.toString());
      }
      Optional<Diagnostic> error =
          diags.stream()
              .filter(d -> where.equals(d.path()))
              .filter(d -> d.level() == Diagnostic.Level.ERROR || skipped)
              .findFirst();
      if (error.isEmpty()) {
        return;
      }
      problems.add(where + ": " + error.get().message());
    }
    throw new InputException("nothing could be read: " + String.join("; ", problems));
  }

  private static AnalyzerRun runOne(
      Analyzer a, ScanContext ctx, ConcurrentLinkedQueue<Finding> out, DiagnosticSink diag) {
    long start = System.nanoTime();
    AtomicInteger count = new AtomicInteger();
    AnalyzerRun.Status status = AnalyzerRun.Status.COMPLETED;
    try {
      a.analyze(
          ctx,
          f -> {
            out.add(f);
            count.incrementAndGet();
          });
    } catch (CancellationException e) {
      status = AnalyzerRun.Status.CANCELLED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = AnalyzerRun.Status.CANCELLED;
    } catch (AnalysisException | RuntimeException e) {
      status = AnalyzerRun.Status.FAILED;
      diag.report(Diagnostic.error(a.info().id(), null, "analyzer failed: " + describe(e)));
    }
    return new AnalyzerRun(
        a.info().id(),
        a.info().name(),
        Duration.ofNanos(System.nanoTime() - start).toMillis(),
        count.get(),
        status);
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Order of findings in every report: worst first, then by place, then by rule. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(f -> f.primaryLocation().artifactPath().orElse(""))
          .thenComparingInt(Scanner::line)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::fingerprint);

  private static int line(Finding f) {
    Region r =
        switch (f.primaryLocation()) {
          case Location.File file -> file.region();
          case Location.GitBlob blob -> blob.region();
          default -> null;
        };
    return r == null ? 0 : r.startLine();
  }

  /**
   * Gives repeated occurrences of the same issue (same fingerprint) distinct, still stable ids: the
   * second occurrence in document order gets a hash of the first id and its ordinal.
   */
  static List<Finding> disambiguate(List<Finding> findings) {
    findings.sort(ORDER);
    Map<String, Integer> seen = new HashMap<>();
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      int n = seen.merge(f.fingerprint(), 1, Integer::sum);
      out.add(n == 1 ? f : f.withFingerprint(Fingerprint.of(f.ruleId(), f.fingerprint(), "#" + n)));
    }
    return out;
  }

  private record CompiledSuppression(String rule, Glob path, String reason) {}

  private static List<CompiledSuppression> compile(BulwarkConfig config, String prefix) {
    List<CompiledSuppression> out = new ArrayList<>();
    for (BulwarkConfig.SuppressionRule s : config.suppress()) {
      Glob.rebase(s.path(), prefix)
          .ifPresent(p -> out.add(new CompiledSuppression(s.rule(), Glob.compile(p), s.reason())));
    }
    return out;
  }

  /**
   * What a walk of {@code roots} selects: the configuration's include and exclude globs (written
   * relative to the directory of its bulwark.yaml, rebased onto the walk) followed by the command
   * line's. Every command that walks a project uses this, so {@code exclude:} holds everywhere.
   */
  public static WalkOptions walkOptions(BulwarkConfig config, List<Path> roots, WalkOptions cli) {
    String prefix = configPrefix(config, roots);
    List<String> include = new ArrayList<>(rebase(config.include(), prefix));
    include.addAll(cli.include());
    List<String> exclude = new ArrayList<>(rebase(config.exclude(), prefix));
    exclude.addAll(cli.exclude());
    return new WalkOptions(include, exclude, cli.honourIgnoreFiles(), cli.followLinks());
  }

  /** Where the scan base lies below the configuration's directory ("" when they coincide). */
  private static String configPrefix(BulwarkConfig config, List<Path> roots) {
    Path base = SourceTree.baseDirFor(roots);
    Path configDir = config.baseDir().toAbsolutePath().normalize();
    if (!base.startsWith(configDir)) {
      return "";
    }
    return configDir.relativize(base).toString().replace('\\', '/');
  }

  private static List<String> rebase(List<String> patterns, String prefix) {
    List<String> out = new ArrayList<>();
    for (String p : patterns) {
      Glob.rebase(p, prefix).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<SuppressedFinding> suppressedByConfig(
      Finding f, List<CompiledSuppression> rules) {
    String path = f.primaryLocation().artifactPath().orElse("");
    for (CompiledSuppression s : rules) {
      boolean ruleMatches = s.rule().equals("*") || s.rule().equals(f.ruleId());
      if (ruleMatches && s.path().matches(path, false)) {
        return Optional.of(new SuppressedFinding(f, SuppressedFinding.Kind.CONFIG, s.reason()));
      }
    }
    return Optional.empty();
  }
}
