package dev.bulwark.cli;

import dev.bulwark.cli.usecase.ScanService;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.scan.ScanRequest;
import dev.bulwark.core.suppress.Baseline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark scan PATH…}: runs every applicable analyzer and writes the reports. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Scan files and directories with every analyzer that applies.",
      "",
      "Examples:",
      "  bulwark scan .",
      "  bulwark scan app --format sarif -o app.sarif --format html -o app.html",
      "  bulwark scan . --fail-on high --baseline previous.json",
      "  bulwark scan . --history        # also every commit of the git repository"
    })
final class ScanCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to scan.")
  List<Path> paths;

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<ReportOutput> outputs = new ArrayList<>();

  @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      converter = Converters.SeverityConverter.class,
      description =
          "Exit with status 1 when a finding is at least this severe (critical, high, medium, low, info).")
  Severity failOn;

  @Option(
      names = "--include",
      paramLabel = "GLOB",
      description = "Only scan paths matching a glob (repeatable).")
  List<String> include = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description = "Skip paths matching a glob (repeatable).")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--no-ignore", description = "Do not honour .gitignore and .bulwarkignore files.")
  boolean noIgnore;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Report only findings not in this earlier JSON or SARIF report.")
  Path baseline;

  @picocli.CommandLine.Mixin CommonOptions.Config config;

  @Option(
      names = "--history",
      description = "Also scan every commit of the enclosing git repository for secrets.")
  boolean history;

  @Option(
      names = "--analyzer",
      paramLabel = "ID",
      description = "Run only these analyzers (repeatable); see 'bulwark rules'.")
  List<String> analyzers = new ArrayList<>();

  @picocli.CommandLine.Mixin CommonOptions.Threads threads;

  @picocli.CommandLine.Mixin CommonOptions.FileBudget fileBudget;

  @Option(names = "--no-progress", description = "Never draw a progress bar.")
  boolean noProgress;

  @picocli.CommandLine.Mixin CommonOptions.ServerUpload upload;

  @Option(
      names = "--fixes",
      description =
          "With --upload: also propose and verify a patch for each code finding (as bulwark fix"
              + " does, running nothing from the project) and send the verified ones, so the"
              + " console shows each finding's fix.")
  boolean fixes;

  /**
   * The analyzers a scan runs. {@code --history} is git history for secrets, so with {@code
   * --analyzer secrets} it brings the history analyzer along; with a selection that has no secrets
   * analyzer it would silently do nothing, so that is refused.
   */
  static Set<String> historySelection(List<String> analyzers, boolean history)
      throws InputException {
    Set<String> only = new java.util.LinkedHashSet<>(analyzers);
    if (history && !only.isEmpty()) {
      if (only.contains("secrets")) {
        only.add("secrets-history");
      } else if (!only.contains("secrets-history")) {
        throw new InputException(
            "--history scans git history for secrets, and --analyzer "
                + String.join(", ", analyzers)
                + " runs no secrets analyzer; add --analyzer secrets");
      }
    }
    return Set.copyOf(only);
  }

  @Override
  public Integer call() throws Exception {
    ScanService scans = new ScanService(BuiltInAnalyzers.all());
    scans.requireKnown(analyzers);
    Set<String> only = historySelection(analyzers, history);
    if (history
        && java.nio.file.Files.exists(paths.get(0))
        && dev.bulwark.secrets.GitHistoryAnalyzer.gitDirAbove(paths.get(0)).isEmpty()) {
      throw new InputException(
          "--history scans the commits of a git repository, and "
              + paths.get(0)
              + " is not inside one");
    }
    ReportOutput.prepare(outputs, paths, outputPolicy);
    if (fixes && !upload.requested()) {
      throw new InputException("--fixes goes with --upload: it sends verified patches to a server");
    }
    if (fixes && !java.nio.file.Files.isDirectory(paths.get(0))) {
      throw new InputException("--fixes: " + paths.get(0) + " is not a project directory");
    }
    String token = upload.requested() ? upload.token() : null;
    BulwarkConfig cfg = config.load(paths.get(0));
    Optional<Baseline> base =
        baseline == null ? Optional.empty() : Optional.of(Baseline.load(baseline));
    ScanOptions options =
        ScanOptions.defaults()
            .withWalk(new WalkOptions(include, exclude, !noIgnore, true))
            .withHistory(history)
            .withThreads(threads.value())
            .withOnlyAnalyzers(only)
            .withFileTimeBudget(fileBudget.value());
    ScanRequest request = new ScanRequest(paths, options, cfg, base);
    Cancellation cancellation = new Cancellation();
    Thread hook = new Thread(cancellation::cancel, "bulwark-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    ScanReport report;
    try (Terminals.ProgressScope progress = Terminals.progress(noProgress)) {
      report = scans.scan(request, progress.progress(), cancellation);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
    ReportOutput.writeAll(spec, report, outputs);
    if (upload.requested()) {
      String name = upload.projectFor(paths.get(0));
      ScanReport sent = fixes ? withVerifiedFixes(report, paths.get(0), cfg) : report;
      byte[] json =
          dev.bulwark.core.report.JsonReportWriter.toJson(sent)
              .toString()
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      var answer = Upload.send(upload.server, name, token, json);
      spec.commandLine()
          .getErr()
          .printf(
              "uploaded to %s (project %s, scan %d): %d findings, %d new, %d reopened, %d fixed%s%n",
              upload.server,
              name,
              answer.path("scanId").asLong(),
              answer.path("findings").asInt(),
              answer.path("added").asInt(),
              answer.path("reopened").asInt(),
              answer.path("fixed").asInt(),
              answer.path("created").asBoolean(true) ? "" : " (already uploaded)");
    }
    Severity threshold = failOn != null ? failOn : cfg.failOnSeverity().orElse(null);
    return threshold != null && report.hasFindingsAtLeast(threshold)
        ? ExitCodes.FINDINGS
        : ExitCodes.OK;
  }

  /**
   * The report with a verified patch attached to each code finding that has one. The fix engine
   * runs over the first path as {@code bulwark fix} would — parse, compile, re-analyse, nothing of
   * the project executed — restricted to the scan's own code findings.
   */
  private ScanReport withVerifiedFixes(ScanReport report, Path root, BulwarkConfig cfg)
      throws Exception {
    java.util.Set<String> code = new java.util.HashSet<>();
    for (dev.bulwark.core.model.Finding f : report.findings()) {
      if (f.analyzer().equals("code")) {
        code.add(f.fingerprint());
      }
    }
    if (code.isEmpty()) {
      return report;
    }
    java.util.List<dev.bulwark.core.errors.Diagnostic> notes = new ArrayList<>();
    dev.bulwark.cli.usecase.FixService.Proposed proposed =
        new dev.bulwark.cli.usecase.FixService()
            .propose(
                new dev.bulwark.cli.usecase.FixService.Request(
                    root, java.util.Set.of(), code, Optional.empty(), threads.value(), cfg),
                notes::add,
                dev.bulwark.core.verify.ProposalLog.memory());
    java.util.Map<String, dev.bulwark.core.model.Fix> verified = new java.util.HashMap<>();
    for (var o : proposed.result().outcomes()) {
      o.fix()
          .filter(x -> x.status() == dev.bulwark.core.model.Fix.Status.VERIFIED)
          .ifPresent(x -> verified.put(o.finding().fingerprint(), x));
    }
    List<dev.bulwark.core.model.Finding> findings = new ArrayList<>();
    for (dev.bulwark.core.model.Finding f : report.findings()) {
      dev.bulwark.core.model.Fix x = verified.get(f.fingerprint());
      findings.add(x == null ? f : f.withFix(x));
    }
    spec.commandLine()
        .getErr()
        .printf(
            "bulwark scan: --fixes: %d of %d code finding%s with a verified patch%n",
            verified.size(), code.size(), code.size() == 1 ? "" : "s");
    java.util.List<dev.bulwark.core.errors.Diagnostic> diagnostics =
        new ArrayList<>(report.diagnostics());
    diagnostics.addAll(notes);
    return new ScanReport(
        report.tool(), report.scan(), report.rules(), findings, report.suppressed(), diagnostics);
  }
}
