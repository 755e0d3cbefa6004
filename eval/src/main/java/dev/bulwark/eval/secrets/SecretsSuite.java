package dev.bulwark.eval.secrets;

import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.text.Csv;
import dev.bulwark.eval.Home;
import dev.bulwark.eval.Metrics;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.Suite;
import dev.bulwark.secrets.SecretsAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Measures the secrets analyzer on a labeled corpus: {@code files/} holds realistic files and
 * {@code labels.csv} ({@code file,line,label,category,note}) marks each line that holds a secret
 * ({@code label=secret}, category = rule family) or a hard negative ({@code label=benign}, category
 * = kind of look-alike). A finding on a secret line is a true positive; on a benign line or on any
 * unlabeled line, a false positive. Score: F1 × 100.
 */
public final class SecretsSuite implements Suite {

  @Override
  public String name() {
    return "secrets";
  }

  @Override
  public String description() {
    return "Hard-coded secrets: precision and recall of the secrets analyzer on a labeled corpus of "
        + "real-format secrets in realistic files and hard negatives (placeholders, hashes, UUIDs, "
        + "base64 blobs, public keys, documentation examples).";
  }

  @Override
  public Path defaultCorpus() {
    return Home.dir().resolve("corpora/secrets");
  }

  private record Label(String file, int line, boolean secret, String category, String note) {}

  @Override
  public Scorecard run(Options options) throws InputException, IOException, InterruptedException {
    Path corpus = options.corpus();
    Path files = corpus.resolve("files");
    Path labelsFile = corpus.resolve("labels.csv");
    if (!Files.isDirectory(files) || !Files.isRegularFile(labelsFile)) {
      throw new InputException(corpus + ": not a secrets corpus (expected files/ and labels.csv)");
    }
    Map<String, Label> labels = new LinkedHashMap<>();
    for (Csv.Row row : Csv.read(labelsFile, 4)) {
      String label = row.get(2).toLowerCase(Locale.ROOT);
      if (!label.equals("secret") && !label.equals("benign")) {
        throw new InputException(
            labelsFile
                + ":"
                + row.line()
                + ": label must be secret or benign, got '"
                + label
                + "'");
      }
      int line;
      try {
        line = Integer.parseInt(row.get(1));
      } catch (NumberFormatException e) {
        throw new InputException(labelsFile + ":" + row.line() + ": line must be a number", e);
      }
      Label l = new Label(row.get(0), line, label.equals("secret"), row.get(3), row.get(4));
      if (labels.put(l.file() + ":" + l.line(), l) != null) {
        throw new InputException(
            labelsFile + ":" + row.line() + ": " + l.file() + ":" + l.line() + " is labeled twice");
      }
    }

    long start = System.nanoTime();
    ConcurrentLinkedQueue<Diagnostic> diagnostics = new ConcurrentLinkedQueue<>();
    SourceTree tree =
        SourceTree.walk(
            List.of(files), new WalkOptions(List.of(), List.of(), false, false), diagnostics::add);
    ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
    try {
      new SecretsAnalyzer()
          .analyze(
              ScanContext.standalone(tree, ScanOptions.defaults(), diagnostics::add),
              findings::add);
    } catch (AnalysisException e) {
      throw new InputException("secrets analyzer failed on " + corpus + ": " + e.getMessage(), e);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);

    Map<String, List<Finding>> byLine = new HashMap<>();
    for (Finding f : findings) {
      if (f.primaryLocation() instanceof Location.File loc && loc.region() != null) {
        byLine
            .computeIfAbsent(loc.path() + ":" + loc.region().startLine(), k -> new ArrayList<>())
            .add(f);
      }
    }
    Map<String, Metrics> categories = new TreeMap<>();
    Metrics overall = Metrics.empty();
    List<String> errors = new ArrayList<>();
    int familyMatches = 0;
    int familyChecked = 0;
    for (Label l : labels.values()) {
      List<Finding> hits = byLine.remove(l.file() + ":" + l.line());
      boolean hit = hits != null && !hits.isEmpty();
      Metrics m;
      if (l.secret()) {
        m = hit ? new Metrics(1, 0, 0, 0) : new Metrics(0, 0, 1, 0);
        if (!hit) {
          errors.add("missed " + l.file() + ":" + l.line() + " (" + l.category() + ") " + l.note());
        } else if (!l.category().equals("generic")) {
          familyChecked++;
          if (hits.stream().anyMatch(f -> l.category().equals(f.properties().get("category")))) {
            familyMatches++;
          }
        }
      } else {
        m = hit ? new Metrics(0, 1, 0, 0) : new Metrics(0, 0, 0, 1);
        if (hit) {
          errors.add(
              "false positive "
                  + l.file()
                  + ":"
                  + l.line()
                  + " ("
                  + l.category()
                  + ") by "
                  + hits.get(0).ruleId()
                  + " — "
                  + l.note());
        }
      }
      categories.merge((l.secret() ? "secret/" : "benign/") + l.category(), m, Metrics::plus);
      overall = overall.plus(m);
    }
    int unlabeled = 0;
    for (Map.Entry<String, List<Finding>> e : new TreeMap<>(byLine).entrySet()) {
      unlabeled++;
      overall = overall.plus(new Metrics(0, 1, 0, 0));
      errors.add("unlabeled hit " + e.getKey() + " by " + e.getValue().get(0).ruleId());
    }
    if (unlabeled > 0) {
      categories.put("unlabeled", new Metrics(0, unlabeled, 0, 0));
    }
    for (Diagnostic d : diagnostics) {
      if (d.level() != Diagnostic.Level.NOTE) {
        errors.add("diagnostic: " + d.display());
      }
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("files", Integer.toString(tree.files().size()));
    facts.put(
        "labeled secrets", Long.toString(labels.values().stream().filter(Label::secret).count()));
    facts.put(
        "labeled hard negatives",
        Long.toString(labels.values().stream().filter(l -> !l.secret()).count()));
    facts.put(
        "rule family agreement",
        familyChecked == 0
            ? "n/a"
            : String.format(
                Locale.ROOT,
                "%.1f%% (%d/%d)",
                100.0 * familyMatches / familyChecked,
                familyMatches,
                familyChecked));
    List<Scorecard.Category> cats = new ArrayList<>();
    categories.forEach((k, v) -> cats.add(new Scorecard.Category(k, v)));
    return new Scorecard(
        name(),
        description(),
        name() + "_score",
        overall.f1() * 100,
        overall,
        cats,
        facts,
        wall,
        errors);
  }
}
