package dev.bulwark.cli;

import dev.bulwark.cli.usecase.HuntService;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.terminal.TerminalWriter;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.logs.event.Times;
import dev.bulwark.logs.feed.SigmaReleases;
import dev.bulwark.logs.hunt.Findings;
import dev.bulwark.logs.hunt.Hunter;
import dev.bulwark.logs.hunt.Incident;
import dev.bulwark.logs.hunt.Incidents;
import dev.bulwark.logs.hunt.Timeline;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleSet;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark logs}: hunt in logs with Sigma rules, and inspect rule sets. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Triage incidents from logs: EVTX, JSON lines, syslog, CSV; Sigma rules.",
    subcommands = {LogsCommand.Hunt.class, LogsCommand.Rules.class})
final class LogsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options shared by hunt and rules. */
  static final class RuleOptions {
    @Option(
        names = "--rules",
        paramLabel = "PATH",
        description =
            "Sigma rule file or directory (repeatable). Default: logs.rules in bulwark.yaml, else"
                + " Bulwark's built-in pack.")
    List<Path> rules = new ArrayList<>();

    @Option(
        names = "--pipeline",
        paramLabel = "FILE",
        description = "Extra log source and field mapping pipeline (YAML, repeatable).")
    List<Path> pipelines = new ArrayList<>();

    @picocli.CommandLine.Mixin CommonOptions.Config config;

    /** Where the installed SigmaHQ release and the parsed-rule cache are. */
    @picocli.CommandLine.Mixin CommonOptions.DataDirectory data;

    @Option(
        names = "--allow-backtracking-regex",
        description =
            "Run |re patterns that need backtracking (back-references, look-around) under a step"
                + " budget instead of refusing them. Only for rules you trust.")
    boolean backtracking;

    LogHunt.Settings settings(Path scanned) throws InputException {
      LogHunt.Settings s =
          new HuntService().settings(config.load(scanned), rules, pipelines, data.dir());
      LogHunt.RuleChoice c = s.choice();
      if (backtracking) {
        c = c.withBacktrackingRegex(true);
      }
      return s.withChoice(c);
    }
  }

  @Command(
      name = "hunt",
      mixinStandardHelpOptions = true,
      description = {
        "Hunt through logs with Sigma rules and group detections into incidents.",
        "Rules and correlations run over log files and directories (also .gz and .zip); a",
        "timeline can be written."
      })
  static final class Hunt implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files or directories.")
    List<Path> paths;

    @picocli.CommandLine.Mixin RuleOptions ruleOptions;

    @Option(
        names = "--min-level",
        paramLabel = "LEVEL",
        converter = Converters.SeverityConverter.class,
        description = "Report rules of this level or worse: info, low, medium, high, critical.")
    Severity minLevel;

    @Option(
        names = "--since",
        paramLabel = "TIME",
        description = "Ignore events before TIME (ISO-8601).")
    String since;

    @Option(
        names = "--until",
        paramLabel = "TIME",
        description = "Ignore events after TIME (ISO-8601).")
    String until;

    @Option(
        names = "--window",
        paramLabel = "SPAN",
        description = "How close detections must be to join an incident (default 30m).")
    String window;

    @Option(
        names = "--timeline",
        paramLabel = "FILE",
        description =
            "Write the timeline and incidents to FILE (.csv, .json or .html; repeatable).")
    List<Path> timelines = new ArrayList<>();

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<ReportOutput> outputs = new ArrayList<>();

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Option(
        names = "--fail-on",
        paramLabel = "LEVEL",
        converter = Converters.SeverityConverter.class,
        description = "Exit with status 1 when a detection is at this level or worse.")
    Severity failOn;

    @picocli.CommandLine.Mixin CommonOptions.Threads threads;

    @Option(names = "--no-progress", description = "Never draw a progress bar.")
    boolean noProgress;

    @picocli.CommandLine.Mixin CommonOptions.ServerUpload upload;

    @picocli.CommandLine.Mixin CommonOptions.FileBudget fileBudget;

    @Override
    public Integer call() throws Exception {
      String token = upload.requested() ? upload.token() : null;
      ReportOutput.prepare(outputs, paths, outputPolicy);
      Map<Path, dev.bulwark.core.files.OutputFile> timelineOut = new java.util.LinkedHashMap<>();
      for (Path t : timelines) {
        try {
          Timeline.formatFor(t.getFileName().toString());
        } catch (IllegalArgumentException e) {
          throw new InputException(e.getMessage());
        }
        timelineOut.put(t, outputPolicy.check(t, paths));
      }
      LogHunt.Settings s = ruleOptions.settings(paths.get(0));
      Hunter.Options h = s.hunter();
      s =
          s.withHunter(
              new Hunter.Options(
                  minLevel != null ? minLevel : h.minLevel(),
                  time("--since", since),
                  time("--until", until),
                  h.maxPerRule()));
      if (window != null) {
        s =
            s.withIncidents(
                new Incidents.Options(
                    LogHunt.duration("--window", window), s.incidents().assetCriticality()));
      }
      if (threads.given()) {
        s = s.withThreads(threads.value());
      }
      List<Diagnostic> diagnostics = Collections.synchronizedList(new ArrayList<>());
      Instant started = Instant.now();
      LogHunt.Result r;
      try (Terminals.ProgressScope progress = Terminals.progress(noProgress)) {
        r =
            new HuntService()
                .hunt(
                    paths,
                    s,
                    progress.progress(),
                    diagnostics::add,
                    new Cancellation(),
                    fileBudget.value());
      }
      for (Path t : timelines) {
        String fmt = Timeline.formatFor(t.getFileName().toString());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        switch (fmt) {
          case "csv" -> Timeline.writeCsv(r.detections(), r.incidents(), buf);
          case "json" -> Timeline.writeJson(r.detections(), r.incidents(), buf);
          default -> Timeline.writeHtml(r.detections(), r.incidents(), buf);
        }
        timelineOut.get(t).writeString(buf.toString(StandardCharsets.UTF_8));
        spec.commandLine().getErr().println("bulwark: wrote " + t);
      }
      ScanReport report = report(r, started, diagnostics, LogHunt.root(paths.get(0)));
      ReportOutput.writeAll(spec, report, outputs, false);
      if (upload.requested()) {
        // the incidents go as the hunt made them, so the console shows the same score and story
        com.fasterxml.jackson.databind.node.ObjectNode json =
            dev.bulwark.core.report.JsonReportWriter.toJson(report);
        json.set("incidents", Timeline.incidentsJson(r.incidents()));
        String name = upload.projectFor(paths.get(0));
        var answer =
            Upload.send(
                upload.server, name, token, json.toString().getBytes(StandardCharsets.UTF_8));
        spec.commandLine()
            .getErr()
            .printf(
                "uploaded to %s (project %s, scan %d): %d detections, %d incidents%n",
                upload.server,
                name,
                answer.path("scanId").asLong(),
                answer.path("findings").asInt(),
                r.incidents().size());
      }
      if (!ReportOutput.anyOnStdout(outputs)) {
        printHunt(r, diagnostics, new TerminalWriter(spec.commandLine().getOut()));
      }
      Severity threshold = failOn;
      return threshold != null && report.hasFindingsAtLeast(threshold)
          ? ExitCodes.FINDINGS
          : ExitCodes.OK;
    }

    private static Instant time(String option, String text) throws InputException {
      if (text == null) {
        return null;
      }
      String t = text.length() == 10 ? text + "T00:00:00Z" : text;
      Instant i = Times.parse(t);
      if (i == null) {
        throw new InputException(
            option + ": not a time: " + text + " (use e.g. 2026-03-01T12:00:00Z)");
      }
      return i;
    }

    /** The hunt as a report whose log files are named from {@code root}, the hunted directory. */
    static ScanReport report(
        LogHunt.Result r, Instant started, List<Diagnostic> diagnostics, Path root) {
      return ScanReport.ofSingleRun(
          root.toAbsolutePath().normalize().toString(),
          List.of(),
          started,
          (int) r.read().files(),
          r.read().bytes(),
          "logs",
          "Log hunting",
          Findings.descriptors(r.detections()),
          r.findings(),
          List.copyOf(diagnostics));
    }
  }

  /**
   * The hunt on a terminal. Host names, users, command lines and rule titles come from the logs and
   * rules, so everything goes through the terminal writer.
   */
  static void printHunt(LogHunt.Result r, List<Diagnostic> diagnostics, TerminalWriter out) {
    out.printf(
        "Read %,d events from %,d files (%,d routed to rules) in %.1f s; %,d rules loaded.%n",
        r.hunt().events(),
        r.read().files(),
        r.hunt().routedEvents(),
        r.elapsed().toMillis() / 1000.0,
        r.rules().rules().size());
    Timeline.Summary s = Timeline.summary(r.detections());
    out.printf("Detections: %d", r.detections().size());
    StringBuilder levels = new StringBuilder();
    s.byLevel()
        .forEach((k, v) -> {
          if (v > 0) {
            levels.append(levels.isEmpty() ? " (" : ", ").append(v).append(' ').append(k);
          }
        });
    out.printf("%s%n", levels.isEmpty() ? "" : levels + ")");
    if (r.hunt().droppedDetections() > 0) {
      out.printf(
          "  (%,d further matches were counted but not kept: over 10,000 for one rule or 100,000 in"
              + " all; raise --min-level or tune those rules)%n",
          r.hunt().droppedDetections());
    }
    if (r.hunt().droppedCorrelationInputs() > 0) {
      out.printf(
          "  (%,d matches of correlated rules were counted but not kept for correlations: over the"
              + " memory budget; correlations saw the ones before them)%n",
          r.hunt().droppedCorrelationInputs());
    }
    if (!s.byHost().isEmpty()) {
      out.printf("Hosts: %s%n", top(s.byHost(), 8));
    }
    if (!s.byTechnique().isEmpty()) {
      out.printf("Techniques: %s%n", top(s.byTechnique(), 10));
    }
    out.println();
    int shown = 0;
    for (Incident i : r.incidents()) {
      if (shown++ == 10) {
        out.printf("… %d more incidents (use --timeline FILE.html)%n", r.incidents().size() - 10);
        break;
      }
      out.printf("%s  score %d  %s%n", i.id(), i.score(), i.title());
      for (String line : i.narrative().split("\n")) {
        out.printf("  %s%n", line);
      }
      out.println();
    }
    // warnings count too: an EVTX file whose records could not be read reads as "0 events"
    out.print(dev.bulwark.core.report.DiagnosticSummary.render(diagnostics));
    List<String> problems = new ArrayList<>();
    Map<RuleSet.ProblemKind, Long> kinds = new TreeMap<>();
    r.rules().problems().forEach(p -> kinds.merge(p.kind(), 1L, Long::sum));
    kinds.forEach((k, v) ->
        problems.add(v + " " + k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
    if (!problems.isEmpty()) {
      out.printf("Rules not in use: %s (see bulwark logs rules)%n", String.join(", ", problems));
    }
    if (r.rules().filteredByStatus() > 0) {
      out.printf(
          "%,d downloaded rules left out by status (logs.include-test,"
              + " logs.experimental-min-level)%n",
          r.rules().filteredByStatus());
    }
    String attribution = Findings.attribution(r.detections());
    if (attribution != null) {
      out.printf("%s%n", attribution);
    }
  }

  private static String top(Map<String, Long> m, int n) {
    List<String> out = new ArrayList<>();
    m.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .forEach(e -> out.add(e.getKey() + " " + e.getValue()));
    return String.join(", ", out) + (m.size() > n ? ", …" : "");
  }

  @Command(
      name = "rules",
      mixinStandardHelpOptions = true,
      description = {
        "Load a rule set and list what cannot run, and why.",
        "update installs SigmaHQ's rule release next to Bulwark's pack; status shows what is",
        "installed."
      },
      subcommands = {LogsCommand.RulesUpdate.class, LogsCommand.RulesStatus.class})
  static final class Rules implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin RuleOptions ruleOptions;

    @Option(names = "--all", description = "List every problem, not only counts per reason.")
    boolean all;

    @Override
    public Integer call() throws Exception {
      LogHunt.Settings s = ruleOptions.settings(Path.of("."));
      Logsources ls = LogHunt.logsources(s);
      RuleSet set = LogHunt.loadRules(s, ls);
      TerminalWriter out = new TerminalWriter(spec.commandLine().getOut());
      out.printf(
          "%d rule documents: %d detection rules, %d correlations, %d filters loaded; %d problems.%n",
          set.documents(),
          set.rules().size(),
          set.correlations().size(),
          set.filterCount(),
          set.problems().size());
      if (set.filteredByStatus() > 0) {
        out.printf("%d downloaded rules left out by status.%n", set.filteredByStatus());
      }
      Map<String, List<RuleSet.Problem>> byReason = new TreeMap<>();
      for (RuleSet.Problem p : set.problems()) {
        String reason =
            p.kind()
                + ": "
                + p.message()
                    .replaceAll("'[^']*'", "'…'")
                    .replaceAll("%[^%]*%", "%…%")
                    .replaceAll("logs\\.placeholders\\.\\S+", "logs.placeholders.…");
        byReason.computeIfAbsent(all ? p.kind() + "" : reason, k -> new ArrayList<>()).add(p);
      }
      for (Map.Entry<String, List<RuleSet.Problem>> e : byReason.entrySet()) {
        if (all) {
          for (RuleSet.Problem p : e.getValue()) {
            out.printf("%s  %s  %s%n", p.kind(), p.path(), p.message());
          }
        } else {
          out.printf("%5d  %s%n", e.getValue().size(), e.getKey());
        }
      }
      return ExitCodes.OK;
    }
  }

  /** Options of the rule release commands. */
  static final class ReleaseOptions {
    @picocli.CommandLine.Mixin CommonOptions.DataDirectory data;

    SigmaReleases releases() {
      return new SigmaReleases(data.dir());
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Download, verify and install SigmaHQ's rule release.",
        "The archive is verified (size, archive limits, every rule parses) and installed beside",
        "the previous one; a failed update changes nothing. The",
        "default rule set is then Bulwark's pack plus this release (--rules still replaces it).",
        "Sigma rules are shared under the Detection Rule License 1.1; alerts keep each author."
      })
  static final class RulesUpdate implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin ReleaseOptions release;

    @Option(
        names = "--url",
        paramLabel = "URL",
        description =
            "Release archive to download (default: SigmaHQ's latest sigma_all_rules.zip).")
    java.net.URI url;

    @Option(
        names = "--from",
        paramLabel = "FILE",
        description = "Install a release archive downloaded beforehand (for offline sites).")
    Path from;

    @Override
    public Integer call() throws Exception {
      if (url != null && from != null) {
        throw new InputException("give --url or --from, not both");
      }
      SigmaReleases releases = release.releases();
      SigmaReleases.Release r;
      if (from != null) {
        r = releases.installFrom(from);
      } else {
        URI u = url != null ? url : SigmaReleases.DEFAULT_URL;
        if (!u.getScheme().equals("https") && !u.getScheme().equals("http")) {
          throw new InputException("--url must be http or https, got " + u);
        }
        r = releases.update(u);
      }
      TerminalWriter out = new TerminalWriter(spec.commandLine().getOut());
      out.printf(
          "installed SigmaHQ rules %s: %,d rule files, %,d rules loaded, %,d not runnable (see"
              + " bulwark logs rules) into %s%n",
          r.version(), r.ruleFiles(), r.rulesLoaded(), r.rulesNotRunnable(), r.dir());
      out.printf(
          "The rules are shared under the Detection Rule License 1.1"
              + " (https://github.com/SigmaHQ/Detection-Rule-License); alerts keep each rule's"
              + " author.%n");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show which SigmaHQ rule release is installed and in use.")
  static final class RulesStatus implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin ReleaseOptions release;

    @Override
    public Integer call() throws Exception {
      SigmaReleases releases = release.releases();
      TerminalWriter out = new TerminalWriter(spec.commandLine().getOut());
      java.util.Optional<SigmaReleases.Release> current = releases.current();
      if (current.isEmpty()) {
        out.printf(
            "no SigmaHQ release installed: hunts use Bulwark's pack alone (bulwark logs rules"
                + " update, or --from FILE offline)%n");
        return ExitCodes.OK;
      }
      for (SigmaReleases.Release r : releases.installed()) {
        boolean inUse = r.version().equals(current.get().version());
        out.printf(
            "%s %s  %,d rule files, %,d rules loaded, installed %s from %s (sha256 %s)%n",
            inUse ? "*" : " ",
            r.version(),
            r.ruleFiles(),
            r.rulesLoaded(),
            r.installed(),
            r.source(),
            r.sha256().substring(0, 16));
      }
      return ExitCodes.OK;
    }
  }
}
