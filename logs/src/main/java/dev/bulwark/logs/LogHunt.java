package dev.bulwark.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.FileTimeBudget;
import dev.bulwark.core.analysis.Parallel;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.event.LogReader;
import dev.bulwark.logs.feed.SigmaReleases;
import dev.bulwark.logs.hunt.Detection;
import dev.bulwark.logs.hunt.Findings;
import dev.bulwark.logs.hunt.Hunter;
import dev.bulwark.logs.hunt.Incident;
import dev.bulwark.logs.hunt.Incidents;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleSet;
import dev.bulwark.logs.sigma.SigmaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A hunt from start to end: load rules and pipelines, read every log file (two files at a time on
 * two cores), match, correlate, group into incidents.
 */
public final class LogHunt {

  /** Everything a hunt can be told; {@link #fromConfig} reads bulwark.yaml's logs and assets. */
  public record Settings(
      List<Path> rulePaths,
      List<Path> pipelines,
      Map<String, List<String>> placeholders,
      Hunter.Options hunter,
      Incidents.Options incidents,
      int threads,
      RuleChoice choice) {

    /** The keys the {@code logs:} section may hold. */
    public static final ConfigShape KEYS =
        ConfigShape.keys(
                "rules",
                "pipelines",
                "min-level",
                "window",
                "include-test",
                "experimental-min-level",
                "allow-backtracking-regex")
            .with("placeholders", ConfigShape.free());

    /** The {@code assets:} section: a list of hosts, or a mapping holding one under hosts. */
    public static final ConfigShape ASSETS =
        ConfigShape.keys()
            .with("hosts", ConfigShape.listOf(ConfigShape.keys("host", "criticality")))
            .orListOf(ConfigShape.keys("host", "criticality"));

    public static Settings defaults() {
      return new Settings(
          List.of(),
          List.of(),
          Map.of(),
          Hunter.Options.defaults(),
          Incidents.Options.defaults(),
          Math.max(1, Runtime.getRuntime().availableProcessors()),
          RuleChoice.defaults());
    }

    public Settings withChoice(RuleChoice c) {
      return new Settings(rulePaths, pipelines, placeholders, hunter, incidents, threads, c);
    }

    public Settings withRules(List<Path> paths) {
      return new Settings(paths, pipelines, placeholders, hunter, incidents, threads, choice);
    }

    public Settings withPipelines(List<Path> paths) {
      return new Settings(rulePaths, paths, placeholders, hunter, incidents, threads, choice);
    }

    public Settings withHunter(Hunter.Options h) {
      return new Settings(rulePaths, pipelines, placeholders, h, incidents, threads, choice);
    }

    public Settings withIncidents(Incidents.Options i) {
      return new Settings(rulePaths, pipelines, placeholders, hunter, i, threads, choice);
    }

    public Settings withThreads(int n) {
      return new Settings(rulePaths, pipelines, placeholders, hunter, incidents, n, choice);
    }

    /**
     * Reads {@code logs: {rules: [DIR…], pipelines: [FILE…], placeholders: {name: [v…]}, min-level:
     * L, window: 30m}} and {@code assets: [{host: PATTERN, criticality: C}]}; relative paths are
     * resolved against {@code base}.
     */
    public static Settings fromConfig(JsonNode logs, JsonNode assets, Path base)
        throws InputException {
      Settings s = defaults();
      List<Path> rules = new ArrayList<>();
      logs.path("rules").forEach(n -> rules.add(base.resolve(n.asText())));
      List<Path> pipes = new ArrayList<>();
      logs.path("pipelines").forEach(n -> pipes.add(base.resolve(n.asText())));
      Map<String, List<String>> ph = new LinkedHashMap<>();
      logs.path("placeholders")
          .properties()
          .forEach(e -> {
            List<String> vs = new ArrayList<>();
            if (e.getValue().isArray()) {
              e.getValue().forEach(v -> vs.add(v.asText()));
            } else {
              vs.add(e.getValue().asText());
            }
            ph.put(e.getKey(), vs);
          });
      Severity min = Severity.INFO;
      if (logs.hasNonNull("min-level")) {
        try {
          min = Severity.parse(logs.get("min-level").asText());
        } catch (IllegalArgumentException e) {
          throw new InputException("logs.min-level: " + e.getMessage());
        }
      }
      Duration window = Incidents.Options.defaults().window();
      if (logs.hasNonNull("window")) {
        window = duration("logs.window", logs.get("window").asText());
      }
      Map<String, String> crit = new LinkedHashMap<>();
      for (JsonNode a : assets.isArray() ? assets : assets.path("hosts")) {
        if (a.hasNonNull("host") && a.hasNonNull("criticality")) {
          crit.put(a.get("host").asText(), a.get("criticality").asText());
        }
      }
      return new Settings(
          rules,
          pipes,
          ph,
          new Hunter.Options(min, null, null, s.hunter.maxPerRule()),
          new Incidents.Options(window, crit),
          s.threads,
          new RuleChoice(
              null, logs.path("allow-backtracking-regex").asBoolean(false), statusPolicy(logs)));
    }
  }

  /**
   * How the rule set is chosen beyond its paths: the data directory (where SigmaHQ releases are
   * installed and parsed rules cached; null for neither), whether backtracking regular expressions
   * may run, and which statuses of a downloaded set run.
   */
  public record RuleChoice(Path dataDir, boolean backtrackingRegex, RuleSet.StatusPolicy statuses) {
    public static RuleChoice defaults() {
      return new RuleChoice(null, false, RuleSet.StatusPolicy.defaults());
    }

    public RuleChoice withDataDir(Path dir) {
      return new RuleChoice(dir, backtrackingRegex, statuses);
    }

    public RuleChoice withBacktrackingRegex(boolean allow) {
      return new RuleChoice(dataDir, allow, statuses);
    }
  }

  /**
   * {@code logs.include-test} (default true) and {@code logs.experimental-min-level} (default high;
   * {@code none} leaves experimental rules out).
   */
  private static RuleSet.StatusPolicy statusPolicy(JsonNode logs) throws InputException {
    RuleSet.StatusPolicy d = RuleSet.StatusPolicy.defaults();
    boolean test = logs.path("include-test").asBoolean(d.test());
    dev.bulwark.logs.sigma.Level min = d.experimentalMinLevel();
    if (logs.hasNonNull("experimental-min-level")) {
      String v = logs.get("experimental-min-level").asText();
      if (v.equalsIgnoreCase("none")) {
        min = null;
      } else {
        try {
          min = dev.bulwark.logs.sigma.Level.of(v);
        } catch (IllegalArgumentException e) {
          throw new InputException("logs.experimental-min-level: " + e.getMessage());
        }
      }
    }
    return new RuleSet.StatusPolicy(test, min);
  }

  /** A hunt's outcome. */
  public record Result(
      List<Detection> detections,
      List<Incident> incidents,
      RuleSet rules,
      LogReader.Stats read,
      Hunter.HuntResult hunt,
      Duration elapsed) {

    /**
     * The same hunt with each log file named from the hunted path it lies in ({@code
     * dc01/Security.evtx}), as reports show it: the hunting machine's absolute path means nothing
     * to a reader and would change every finding's fingerprint from one machine to the next.
     */
    public Result relativeTo(List<Path> inputs) {
      return withSources(source -> relativeSource(source, inputs));
    }

    /** The same hunt with each detection's log file renamed by {@code rename}. */
    public Result withSources(java.util.function.UnaryOperator<String> rename) {
      Map<Detection, Detection> done = new IdentityHashMap<>();
      List<Detection> ds = new ArrayList<>(detections.size());
      for (Detection d : detections) {
        ds.add(relative(d, rename, done));
      }
      List<Incident> is = new ArrayList<>(incidents.size());
      for (Incident i : incidents) {
        List<Detection> members = new ArrayList<>(i.detections().size());
        for (Detection d : i.detections()) {
          members.add(relative(d, rename, done));
        }
        is.add(
            new Incident(
                i.id(),
                i.title(),
                i.score(),
                i.first(),
                i.last(),
                i.hosts(),
                i.users(),
                i.tactics(),
                i.techniques(),
                members,
                i.scoreReasons(),
                i.narrative()));
      }
      return new Result(ds, is, rules, read, hunt, elapsed);
    }

    /** Detections as findings, each pointing at its incident. */
    public List<Finding> findings() {
      Map<Detection, Incident> of = new IdentityHashMap<>();
      incidents.forEach(i -> i.detections().forEach(d -> of.put(d, i)));
      List<Finding> out = new ArrayList<>();
      for (Detection d : detections) {
        out.add(Findings.of(d, of.get(d)));
      }
      return out;
    }
  }

  private LogHunt() {}

  /**
   * The directory a hunted path's log files are named from: the path itself when it is a directory,
   * else the directory holding the file.
   */
  public static Path root(Path input) {
    if (Files.isDirectory(input)) {
      return input;
    }
    Path parent = input.toAbsolutePath().normalize().getParent();
    return parent == null ? input : parent;
  }

  private static Detection relative(
      Detection d,
      java.util.function.UnaryOperator<String> rename,
      Map<Detection, Detection> done) {
    Detection seen = done.get(d);
    if (seen != null) {
      return seen;
    }
    List<Detection> members = new ArrayList<>(d.members().size());
    for (Detection m : d.members()) {
      members.add(relative(m, rename, done));
    }
    Detection r =
        new Detection(
            d.rule(),
            d.severity(),
            d.time(),
            d.source() == null ? null : rename.apply(d.source()),
            d.recordId(),
            d.host(),
            d.user(),
            d.channel(),
            d.eventId(),
            d.fields(),
            members,
            d.summary());
    done.put(d, r);
    return r;
  }

  /** A log file's name from the first hunted path it lies in; unchanged if it lies in none. */
  public static String relativeSource(String source, List<Path> inputs) {
    if (source == null) {
      return null;
    }
    String src = source.replace('\\', '/');
    for (Path input : inputs) {
      boolean dir = Files.isDirectory(input);
      for (Path p : List.of(input, input.toAbsolutePath().normalize())) {
        String base = p.toString().replace('\\', '/');
        if (dir) {
          String prefix = base.endsWith("/") ? base : base + "/";
          if (src.startsWith(prefix) && src.length() > prefix.length()) {
            return src.substring(prefix.length());
          }
        } else if (src.equals(base) || src.startsWith(base + "!")) {
          return input.getFileName() + src.substring(base.length());
        }
      }
    }
    return source;
  }

  /** Parses "30s", "5m", "1h", "2d". */
  public static Duration duration(String what, String text) throws InputException {
    try {
      return dev.bulwark.logs.sigma.Timespans.parse(text);
    } catch (SigmaException e) {
      throw new InputException(what + ": " + e.getMessage());
    }
  }

  /**
   * Loads the rules the settings name; when they name none, Bulwark's pack and the SigmaHQ release
   * installed in the data directory, if any ({@code bulwark logs rules update}).
   */
  public static RuleSet loadRules(Settings s, Logsources logsources) throws InputException {
    RuleChoice c = s.choice();
    RuleSet.Options options =
        new RuleSet.Options(
            s.placeholders(),
            c.backtrackingRegex(),
            c.dataDir() == null ? null : c.dataDir().resolve("cache").resolve("sigma"));
    try {
      if (!s.rulePaths().isEmpty()) {
        return RuleSet.load(s.rulePaths(), options, logsources);
      }
      java.util.Optional<SigmaReleases.Release> installed =
          c.dataDir() == null
              ? java.util.Optional.empty()
              : new SigmaReleases(c.dataDir()).current();
      if (installed.isPresent()) {
        SigmaReleases.Release r = installed.get();
        return RuleSet.builtInWithRelease(
            r.dir(), r.sha256() + "@" + r.installed(), c.statuses(), options, logsources);
      }
      return RuleSet.builtIn(options, logsources);
    } catch (IOException e) {
      throw new InputException(e.getMessage());
    }
  }

  public static Logsources logsources(Settings s) throws InputException {
    Logsources l = Logsources.builtIn();
    for (Path p : s.pipelines()) {
      try {
        l.withPipeline(p);
      } catch (IOException | SigmaException e) {
        throw new InputException("pipeline " + p + ": " + e.getMessage());
      }
    }
    return l;
  }

  /**
   * Whether a diagnostic's path speaks of a file: the file itself, an entry inside it ({@code
   * a.zip!/x.log}), or what a gzip file holds, which is named without its {@code .gz}.
   */
  private static boolean concerns(String diagnosticPath, Path file) {
    String f = file.toString();
    return diagnosticPath.startsWith(f)
        || (f.endsWith(".gz") && diagnosticPath.equals(f.substring(0, f.length() - 3)));
  }

  /**
   * Every input had problems and not one event came out: a damaged file, a bomb stopped at its
   * budget, a file of another kind. A hunt of such inputs has looked at nothing, which is an input
   * error (exit 2) naming the files, not "no detections"; within a scan, whose other analyzers did
   * read the files, it is the per-file diagnostics alone.
   */
  public static final class NothingReadable extends InputException {
    private static final long serialVersionUID = 1L;

    NothingReadable(String message) {
      super(message);
    }
  }

  public static Result run(
      List<Path> inputs,
      Settings s,
      Progress progress,
      DiagnosticSink diagnostics,
      Cancellation cancellation)
      throws InputException, InterruptedException {
    return run(inputs, s, progress, diagnostics, cancellation, FileTimeBudget.defaults());
  }

  /** As above, stopping work on any one file after {@code budget}. */
  public static Result run(
      List<Path> inputs,
      Settings s,
      Progress progress,
      DiagnosticSink diagnostics,
      Cancellation cancellation,
      FileTimeBudget budget)
      throws InputException, InterruptedException {
    Instant started = Instant.now();
    for (Path p : inputs) {
      if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new InputException(p + ": no such file or directory");
      }
      dev.bulwark.core.files.InputPaths.requireReadableKind(p);
    }
    Logsources logsources = logsources(s);
    RuleSet rules = loadRules(s, logsources);
    for (RuleSet.Problem p : rules.problems()) {
      // invalid rules, and patterns refused because they need backtracking, are the user's to fix
      if (p.kind() == RuleSet.ProblemKind.INVALID || p.message().contains("needs backtracking")) {
        diagnostics.report(
            Diagnostic.warning(
                "logs", p.path(), (p.title() == null ? "" : p.title() + ": ") + p.message()));
      }
    }
    if (!s.rulePaths().isEmpty()
        && rules.rules().isEmpty()
        && rules.correlations().isEmpty()
        && rules.filteredByStatus() == 0) {
      // every rule named was refused or invalid: the hunt would look for nothing, and its
      // "Detections: 0" would read as a clean log
      List<String> why =
          rules.problems().stream().limit(3).map(p -> p.path() + ": " + p.message()).toList();
      throw new InputException(
          "no rule could be loaded from "
              + s.rulePaths().stream().map(Path::toString).collect(Collectors.joining(", "))
              + (why.isEmpty() ? ": no Sigma rule found there" : ": " + String.join("; ", why)));
    }
    // which files had problems, so that a hunt that could read nothing says so
    java.util.Set<String> troubled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<String> firstProblems = java.util.Collections.synchronizedList(new ArrayList<>());
    DiagnosticSink sink =
        d -> {
          if (d.path() != null) {
            troubled.add(d.path());
            if (firstProblems.size() < 3) {
              firstProblems.add(d.path() + ": " + d.message());
            }
          }
          diagnostics.report(d);
        };
    List<Path> files;
    try {
      files = LogReader.expand(inputs, sink);
    } catch (IOException e) {
      throw new InputException("cannot list " + inputs + ": " + e.getMessage());
    }
    long total = 0;
    for (Path f : files) {
      try {
        total += Files.size(f);
      } catch (IOException e) {
        // reported when the file is read
      }
    }
    Hunter hunter = new Hunter(rules, logsources, s.hunter());
    LogReader reader = new LogReader(LogReader.Options.defaults(), sink);
    try (Progress.Task task = progress.start("hunting", total, Progress.Unit.BYTES)) {
      Parallel.forEach(
          files,
          s.threads(),
          cancellation,
          f -> {
            budget.run(
                "logs",
                f.toString(),
                sink,
                () ->
                    reader.read(
                        f,
                        e -> {
                          // every event is a checkpoint of the file's time budget
                          FileTimeBudget.check();
                          hunter.accept(e);
                        }));
            try {
              task.advance(Files.size(f));
            } catch (IOException e) {
              // size unknown: progress only
            }
          });
    }
    LogReader.Stats stats = reader.stats();
    if (stats.events() == 0
        && !files.isEmpty()
        && files.stream().allMatch(f -> troubled.stream().anyMatch(p -> concerns(p, f)))) {
      throw new NothingReadable(
          "nothing could be read from "
              + (files.size() == 1 ? files.get(0) : files.size() + " files")
              + ": "
              + String.join("; ", firstProblems));
    }
    Hunter.HuntResult hunt = hunter.finish();
    List<Incident> incidents = Incidents.build(hunt.detections(), hunt.hitsByRule(), s.incidents());
    return new Result(
        hunt.detections(),
        incidents,
        rules,
        reader.stats(),
        hunt,
        Duration.between(started, Instant.now()));
  }
}
