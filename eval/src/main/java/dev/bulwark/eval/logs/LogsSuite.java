package dev.bulwark.eval.logs;

import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Severity;
import dev.bulwark.eval.Home;
import dev.bulwark.eval.Metrics;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.Suite;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.logs.hunt.Attack;
import dev.bulwark.logs.hunt.Detection;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.Regression;
import dev.bulwark.logs.sigma.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Log hunting measured on a corpus of attack recordings laid out by ATT&CK tactic (one folder per
 * tactic, EVTX files inside) and on Sigma's regression data:
 *
 * <ul>
 *   <li>detection coverage: share of files with at least one detection of medium level or worse;
 *   <li>tactic match: share of files in a tactic folder with a detection tagged with that tactic
 *       (Defense Evasion also accepts stealth and defense impairment, its ATT&CK v18 successors);
 *   <li>regression pass rate: share of regression cases where the rule fires at least the expected
 *       number of times, on the EVTX file and on its JSON rendering.
 * </ul>
 *
 * The score is the mean of the three, in percent.
 */
public final class LogsSuite implements Suite {
  public static final String RULES = "rules";
  public static final String REGRESSION = "regression";

  /**
   * Hunt with the default rule set instead of SigmaHQ's folders: Bulwark's pack, plus the SigmaHQ
   * release installed in this data directory when there is one (value: the directory, or empty).
   */
  public static final String DEFAULT_RULES = "default-rules";

  @Override
  public String name() {
    return "logs";
  }

  @Override
  public String description() {
    return "Sigma hunting: detection coverage and tactic match on attack recordings, regression pass rate";
  }

  @Override
  public Path defaultCorpus() {
    return Home.dir().resolve("../shared/data/evtx/EVTX-ATTACK-SAMPLES").normalize();
  }

  @Override
  public String corpusLayout() {
    return "a directory of EVTX recordings in folders named by ATT&CK tactic (as in"
        + " EVTX-ATTACK-SAMPLES), with the Sigma rules from --rules";
  }

  private static Path sigmaRoot() {
    return Home.dir().resolve("../shared/data/sigma").normalize();
  }

  /** SigmaHQ's rule folders in ../shared/data/sigma, those present. */
  public static List<Path> sharedRules() {
    List<Path> rules = new ArrayList<>();
    for (String d : List.of("rules", "rules-emerging-threats", "rules-threat-hunting")) {
      Path p = sigmaRoot().resolve(d);
      if (Files.isDirectory(p)) {
        rules.add(p);
      }
    }
    return rules;
  }

  @Override
  public Scorecard run(Options options) throws InputException, IOException, InterruptedException {
    Instant started = Instant.now();
    List<Path> rules = new ArrayList<>();
    String given = options.params().get(RULES);
    String defaults = options.params().get(DEFAULT_RULES);
    if (defaults != null) {
      // rules stays empty: LogHunt chooses the default set
    } else if (given != null) {
      for (String p : given.split(java.io.File.pathSeparator)) {
        rules.add(Path.of(p));
      }
    } else {
      rules.addAll(sharedRules());
    }
    if (rules.isEmpty() && defaults == null) {
      throw new InputException(
          "no Sigma rules: give --rules DIR (the default is ../shared/data/sigma/rules)");
    }
    LogHunt.Settings settings = LogHunt.Settings.defaults().withRules(rules);
    if (defaults != null && !defaults.isEmpty()) {
      settings = settings.withChoice(settings.choice().withDataDir(Path.of(defaults)));
    }
    LogHunt.Result hunt =
        LogHunt.run(
            List.of(options.corpus()),
            settings,
            Progress.none(),
            DiagnosticSink.ignoring(),
            new Cancellation());
    Map<String, List<Detection>> byFile = new HashMap<>();
    for (Detection d : hunt.detections()) {
      byFile
          .computeIfAbsent(
              Path.of(d.source()).toAbsolutePath().normalize().toString(), k -> new ArrayList<>())
          .add(d);
      for (Detection m : d.members()) {
        byFile
            .computeIfAbsent(
                Path.of(m.source()).toAbsolutePath().normalize().toString(), k -> new ArrayList<>())
            .add(d);
      }
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(options.corpus())) {
      files =
          s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".evtx"))
              .sorted()
              .toList();
    }
    int covered = 0;
    List<String> errors = new ArrayList<>();
    Map<String, int[]> tactic = new TreeMap<>();
    for (Path f : files) {
      List<Detection> ds =
          byFile.getOrDefault(f.toAbsolutePath().normalize().toString(), List.of());
      boolean hit = ds.stream().anyMatch(d -> d.severity().atLeast(Severity.MEDIUM));
      if (hit) {
        covered++;
      } else {
        errors.add("no detection of medium or worse: " + options.corpus().relativize(f));
      }
      Path rel = options.corpus().relativize(f);
      String folder = rel.getNameCount() > 1 ? rel.getName(0).toString() : null;
      String want = folder == null ? null : Attack.tactic(folder);
      if (want != null) {
        boolean match =
            ds.stream().flatMap(d -> d.tactics().stream()).anyMatch(t -> Attack.sameStage(t, want));
        int[] c = tactic.computeIfAbsent(folder, k -> new int[2]);
        c[match ? 0 : 1]++;
        if (!match) {
          errors.add("no detection tagged " + want + ": " + rel);
        }
      }
    }
    List<Scorecard.Category> cats = new ArrayList<>();
    int tacticTp = 0;
    int tacticTotal = 0;
    for (Map.Entry<String, int[]> e : tactic.entrySet()) {
      int tp = e.getValue()[0];
      int fn = e.getValue()[1];
      tacticTp += tp;
      tacticTotal += tp + fn;
      cats.add(
          new Scorecard.Category(
              "tactic: " + e.getKey(), new Metrics(tp, 0, fn, 0), (double) tp / (tp + fn)));
    }
    double coverage = files.isEmpty() ? Double.NaN : (double) covered / files.size();
    double tacticRate = tacticTotal == 0 ? Double.NaN : (double) tacticTp / tacticTotal;
    cats.add(
        0,
        new Scorecard.Category(
            "detection coverage", new Metrics(covered, 0, files.size() - covered, 0), coverage));

    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("files", Integer.toString(files.size()));
    facts.put("events", Long.toString(hunt.hunt().events()));
    facts.put("rule set", defaults == null ? rules.toString() : defaultRuleSet(defaults));
    facts.put("rules loaded", Integer.toString(hunt.rules().rules().size()));
    facts.put("rule documents", Integer.toString(hunt.rules().documents()));
    facts.put("detections", Integer.toString(hunt.detections().size()));
    facts.put("incidents", Integer.toString(hunt.incidents().size()));
    facts.put("detection coverage", pct(coverage));
    facts.put("tactic match", pct(tacticRate));

    double regression = Double.NaN;
    Path regDir =
        options.params().containsKey(REGRESSION)
            ? Path.of(options.params().get(REGRESSION))
            : sigmaRoot().resolve("regression_data");
    if (Files.isDirectory(regDir)) {
      Logsources ls = Logsources.builtIn();
      RuleSet all = LogHunt.loadRules(settings, ls);
      List<Regression.Case> cases = Regression.run(regDir, regDir.getParent(), all, ls);
      long pass = cases.stream().filter(Regression.Case::passed).count();
      regression = cases.isEmpty() ? Double.NaN : (double) pass / cases.size();
      cats.add(
          new Scorecard.Category(
              "regression",
              new Metrics((int) pass, 0, (int) (cases.size() - pass), 0),
              regression));
      facts.put("regression cases", Integer.toString(cases.size()));
      facts.put("regression pass rate", pct(regression));
      for (Regression.Case c : cases) {
        if (!c.passed()) {
          errors.add(
              "regression "
                  + c.ruleId()
                  + ": "
                  + (c.problem() != null
                      ? c.problem()
                      : "evtx "
                          + c.matchedEvtx()
                          + ", json "
                          + c.matchedJson()
                          + ", expected "
                          + c.expected()));
        }
      }
    } else {
      facts.put("regression", "skipped: " + regDir + " not found");
    }
    double score = mean(coverage, tacticRate, regression) * 100;
    return new Scorecard(
        name(),
        description(),
        name() + "_score",
        score,
        new Metrics(covered, 0, files.size() - covered, 0),
        cats,
        facts,
        Duration.between(started, Instant.now()),
        errors);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
  }

  private static double mean(double... xs) {
    double sum = 0;
    int n = 0;
    for (double x : xs) {
      if (!Double.isNaN(x)) {
        sum += x;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The default rule set as used: the pack, and the release only when one is installed. */
  private static String defaultRuleSet(String dataDir) throws IOException {
    if (!dataDir.isEmpty()) {
      java.util.Optional<dev.bulwark.logs.feed.SigmaReleases.Release> release =
          new dev.bulwark.logs.feed.SigmaReleases(Path.of(dataDir)).current();
      if (release.isPresent()) {
        return "default (Bulwark's pack + the SigmaHQ release installed in " + dataDir + ")";
      }
      return "default (Bulwark's pack; no SigmaHQ release installed in " + dataDir + ")";
    }
    return "default (Bulwark's pack)";
  }
}
