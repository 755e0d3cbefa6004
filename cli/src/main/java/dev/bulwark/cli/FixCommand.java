package dev.bulwark.cli;

import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.cli.usecase.FixService;
import dev.bulwark.code.CodeAnalyzer;
import dev.bulwark.code.fix.FixEngine;
import dev.bulwark.code.fix.LlmProposals;
import dev.bulwark.code.fix.Patches;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fix;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.terminal.TerminalWriter;
import dev.bulwark.core.verify.ProposalLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bulwark fix PATH}: proposes a patch for each fixable code finding, verifies it (it parses,
 * compiles, the finding is gone, nothing new appears, and the tests pass when a test command is
 * given), prints the diffs, and with {@code --apply} writes the verified ones.
 */
@Command(
    name = "fix",
    mixinStandardHelpOptions = true,
    description = {
      "Propose and verify patches for code findings.",
      "Every patch is checked before it is called verified: it compiles, the finding is gone and",
      "no new finding appears. Only verified patches are ever applied.",
      "The class path is read from the POMs and the local Maven repository; nothing the project",
      "contains (mvnw, .mvn, plugins, tests) is run unless --test-cmd asks for it."
    })
final class FixCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "The project to fix.")
  Path path;

  @Option(
      names = "--rule",
      paramLabel = "ID",
      description = "Only findings of this rule (repeatable).")
  List<String> rules = new ArrayList<>();

  @Option(
      names = "--finding",
      paramLabel = "FINGERPRINT",
      description = "Only this finding (repeatable).")
  List<String> findings = new ArrayList<>();

  static final class Mode {
    @Option(names = "--diff", description = "Print the patches as diffs (the default).")
    boolean diff;

    @Option(names = "--apply", description = "Write the verified patches into the project.")
    boolean apply;
  }

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  @Option(
      names = "--llm",
      description =
          "Ask the configured LLM (bulwark.yaml llm: or BULWARK_LLM_*) where no template fits or verifies.")
  boolean llm;

  @Option(
      names = "--test-cmd",
      paramLabel = "CMD",
      description =
          "Opt-in: run CMD (e.g. 'mvn -q test') in a patched copy of the project and reject"
              + " patches that break its tests. This RUNS THE PROJECT'S OWN CODE — its build"
              + " plugins, .mvn settings, wrapper scripts and tests — so use it only on a project"
              + " you trust. Without it, fix never starts a process.")
  String testCommand;

  @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

  @picocli.CommandLine.Mixin CommonOptions.Config config;

  @picocli.CommandLine.Mixin CommonOptions.Threads threads;

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<ReportOutput> outputs = new ArrayList<>();

  @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

  @picocli.CommandLine.Mixin CommonOptions.ServerUpload upload;

  @Override
  public Integer call() throws Exception {
    dev.bulwark.core.files.InputPaths.requireReadableKind(path);
    if (!Files.isDirectory(path)) {
      throw new InputException(path + ": not a directory");
    }
    ReportOutput.prepare(outputs, List.of(path), outputPolicy);
    String token = upload.requested() ? upload.token() : null;
    Path root = path.toAbsolutePath().normalize();
    BulwarkConfig cfg = config.load(root);
    ConcurrentLinkedQueue<Diagnostic> diagnostics = new ConcurrentLinkedQueue<>();
    Optional<FixEngine.ProposalSource> proposals = Optional.empty();
    if (llm) {
      Configs.LlmSection llmConfig =
          Configs.llmSection(
              config.file(),
              cfg,
              System.getenv(),
              w -> spec.commandLine().getErr().println("bulwark: warning: " + w));
      Optional<LlmSettings> settings =
          LlmSettings.resolve(llmConfig.section(), System.getenv(), llmConfig.baseDir());
      if (settings.isPresent()) {
        proposals = Optional.of(new LlmProposals(settings.get().client(), diagnostics::add));
      } else {
        // the templates still fix what they can; the model would only have added to them
        spec.commandLine()
            .getErr()
            .println(
                "bulwark fix: --llm: no model is configured (llm.endpoint and llm.model in"
                    + " ~/.config/bulwark/config.yaml or a file given with --config, or"
                    + " BULWARK_LLM_ENDPOINT and BULWARK_LLM_MODEL); using the templates alone");
      }
    }
    // model proposals are kept for evaluation; deterministic templates need no record
    ProposalLog log = proposals.isPresent() ? ProposalLog.in(dataDir.dir()) : ProposalLog.memory();
    Instant started = Instant.now();
    if (testCommand != null && !testsPass(root, Map.of(), Map.of(), "none")) {
      // a failure with patches would say nothing about the patches: stop before proposing any
      throw new InputException(
          "the project's tests already fail without any patch ("
              + testCommand
              + "); make them pass, or correct --test-cmd, then run fix again. Nothing was"
              + " changed.");
    }
    FixService fixes = new FixService();
    FixService.Proposed proposed =
        fixes.propose(
            new FixService.Request(
                root, Set.copyOf(rules), Set.copyOf(findings), proposals, threads.value(), cfg),
            diagnostics::add,
            log);
    SourceTree tree = proposed.tree();
    FixEngine.Result result = proposed.result();
    if (proposals.isPresent()) {
      long fromModel = log.decisions().stream().filter(d -> d.source().startsWith("llm:")).count();
      long rejected = log.rejected().stream().filter(d -> d.source().startsWith("llm:")).count();
      spec.commandLine()
          .getErr()
          .printf(
              "bulwark fix: %d model proposal%s, %d rejected by verification (kept in %s)%n",
              fromModel,
              fromModel == 1 ? "" : "s",
              rejected,
              dataDir.dir().resolve(ProposalLog.FILE));
    }

    Map<String, String> accepted = new LinkedHashMap<>(result.patchedFiles());
    List<FixEngine.Outcome> outcomes = new ArrayList<>(result.outcomes());
    if (testCommand != null && !accepted.isEmpty()) {
      Set<String> broken = new HashSet<>(failingFiles(root, accepted, result.dependencies()));
      if (!broken.isEmpty()) {
        for (String b : broken) {
          accepted.remove(b);
        }
        outcomes = rejectIn(outcomes, broken);
      }
    }
    TerminalWriter out = new TerminalWriter(spec.commandLine().getOut());
    boolean showDiffs = !mode.apply || mode.diff;
    int verified = 0;
    int unverified = 0;
    int none = 0;
    for (FixEngine.Outcome o : outcomes) {
      String where =
          o.finding().primaryLocation() instanceof Location.File f && f.region() != null
              ? f.path() + ":" + f.region().startLine()
              : "";
      String status =
          o.fix().isEmpty()
              ? (o.status() == Fix.Status.VERIFIED ? "fixed" : "no fix")
              : o.fix().get().status().name().toLowerCase(java.util.Locale.ROOT);
      switch (status) {
        case "verified", "fixed" -> verified++;
        case "no fix" -> none++;
        default -> unverified++;
      }
      out.printf("%-10s %s  %s%n", status, o.finding().ruleId(), where);
      o.fix().ifPresent(fx -> out.printf("           %s%n", fx.description()));
      if (!o.reason().isBlank()) {
        out.printf("           %s%n", o.reason());
      }
      if (showDiffs && o.fix().isPresent() && o.fix().get().unifiedDiff() != null) {
        out.println(o.fix().get().unifiedDiff().stripTrailing());
      }
      out.println();
    }
    Set<String> written = Set.of();
    if (mode.apply && !accepted.isEmpty()) {
      Map<String, Set<Candidate.Dependency>> deps = new HashMap<>(result.dependencies());
      fixes.apply(root, accepted, deps);
      written = accepted.keySet();
    }
    // the summary counts what was written, not what was proposed
    int applied = 0;
    for (FixEngine.Outcome o : outcomes) {
      boolean ok =
          o.fix().isPresent()
              ? o.fix().get().status() == Fix.Status.VERIFIED
              : o.status() == Fix.Status.VERIFIED;
      if (ok
          && o.finding().primaryLocation() instanceof Location.File f
          && written.contains(f.path())) {
        applied++;
      }
    }
    out.printf(
        "%d finding%s: %d verified patch%s%s, %d unverified, %d without a fix%s%n",
        outcomes.size(),
        outcomes.size() == 1 ? "" : "s",
        verified,
        verified == 1 ? "" : "es",
        !mode.apply ? "" : applied == verified ? " applied" : " (" + applied + " applied)",
        unverified,
        none,
        result.stats().classpathResolved()
            ? ""
            : " (class path not resolved: library references were not compiled)");
    spec.commandLine()
        .getErr()
        .print(dev.bulwark.core.report.DiagnosticSummary.render(diagnostics));
    if (!outputs.isEmpty() || upload.requested()) {
      ScanReport report = report(root, started, tree, result, outcomes, diagnostics);
      ReportOutput.writeAll(spec, report, outputs);
      if (upload.requested()) {
        String name = upload.projectFor(path);
        byte[] json =
            dev.bulwark.core.report.JsonReportWriter.toJson(report)
                .toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var answer = Upload.sendFixes(upload.server, name, token, json);
        spec.commandLine()
            .getErr()
            .printf(
                "uploaded to %s (project %s): %d verified patch%s, %d for findings the server"
                    + " knows%n",
                upload.server,
                name,
                answer.path("stored").asInt(),
                answer.path("stored").asInt() == 1 ? "" : "es",
                answer.path("matched").asInt());
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Runs the tests with all accepted patches; when they fail, file by file, to find the culprits.
   */
  private Set<String> failingFiles(
      Path root, Map<String, String> accepted, Map<String, Set<Candidate.Dependency>> deps)
      throws Exception {
    if (testsPass(root, accepted, deps, "all")) {
      return Set.of();
    }
    Set<String> broken = new HashSet<>();
    for (Map.Entry<String, String> e : accepted.entrySet()) {
      if (!testsPass(root, Map.of(e.getKey(), e.getValue()), deps, e.getKey().replace('/', '_'))) {
        broken.add(e.getKey());
      }
    }
    return broken.isEmpty() ? accepted.keySet() : broken;
  }

  private boolean testsPass(
      Path root,
      Map<String, String> files,
      Map<String, Set<Candidate.Dependency>> deps,
      String label)
      throws Exception {
    Path copy = Patches.scratchCopy(root);
    try {
      Patches.write(copy, files, deps);
      Path log = Files.createTempFile("bulwark-fix-tests-" + label + "-", ".log");
      boolean ok = Patches.runTests(copy, testCommand, log, 30);
      spec.commandLine()
          .getErr()
          .println(
              "bulwark: tests "
                  + (label.equals("none")
                      ? "without patches"
                      : "with " + (label.equals("all") ? "all patches" : label))
                  + ": "
                  + (ok ? "passed" : "FAILED, see " + log));
      return ok;
    } finally {
      Patches.delete(copy);
    }
  }

  private static List<FixEngine.Outcome> rejectIn(
      List<FixEngine.Outcome> outcomes, Set<String> broken) {
    List<FixEngine.Outcome> out = new ArrayList<>();
    for (FixEngine.Outcome o : outcomes) {
      String p = o.finding().primaryLocation() instanceof Location.File f ? f.path() : "";
      if (broken.contains(p)
          && o.fix().isPresent()
          && o.fix().get().status() == Fix.Status.VERIFIED) {
        Fix f = o.fix().get();
        Fix rejected =
            new Fix(
                f.description(),
                f.changes(),
                f.unifiedDiff(),
                Fix.Status.REJECTED,
                f.provenance() + "; the project's tests fail with the patches to this file");
        out.add(
            new FixEngine.Outcome(
                o.finding(),
                Fix.Status.REJECTED,
                Optional.of(rejected),
                "rejected: the project's tests fail with the patches to this file"));
      } else {
        out.add(o);
      }
    }
    return out;
  }

  private static ScanReport report(
      Path root,
      Instant started,
      SourceTree tree,
      FixEngine.Result result,
      List<FixEngine.Outcome> outcomes,
      ConcurrentLinkedQueue<Diagnostic> diagnostics) {
    Map<String, Finding> byFingerprint = new LinkedHashMap<>();
    for (Finding f : result.findingsBefore()) {
      byFingerprint.put(f.fingerprint(), f);
    }
    for (FixEngine.Outcome o : outcomes) {
      byFingerprint.put(o.finding().fingerprint(), o.withFix());
    }
    CodeAnalyzer analyzer = new CodeAnalyzer();
    List<Finding> all = new ArrayList<>(byFingerprint.values());
    return ScanReport.ofSingleRun(
        root.toString(),
        List.of(root.toString()),
        started,
        tree.files().size(),
        tree.totalBytes(),
        analyzer.info().id(),
        analyzer.info().name(),
        analyzer.rules(),
        all,
        List.copyOf(diagnostics));
  }
}
