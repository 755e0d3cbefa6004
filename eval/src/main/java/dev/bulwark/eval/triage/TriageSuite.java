package dev.bulwark.eval.triage;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Label;
import dev.bulwark.eval.Home;
import dev.bulwark.eval.Metrics;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.Suite;
import dev.bulwark.triage.label.LabelStore;
import dev.bulwark.triage.rank.TriageEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Learned triage against severity order, on a set of verdicts ({@code labels.jsonl} in the corpus
 * directory, or any labels file): ROC AUC over all items and mean precision@k over folds, both
 * measured on items the ranker never saw (stratified k-fold cross-validation). Score: the ranker's
 * ROC AUC × 100.
 */
public final class TriageSuite implements Suite {
  /** Parameter: a labels file to evaluate instead of the corpus's. */
  public static final String LABELS = "labels";

  /** Parameter: rebuild the corpus's labels.jsonl from Bulwark's corpora first. */
  public static final String BUILD = "build";

  public static final String FOLDS = "folds";
  public static final String K = "k";
  public static final String SEED = "seed";

  @Override
  public String name() {
    return "triage";
  }

  @Override
  public String description() {
    return "Learned triage ranker vs severity order, cross-validated on defenders' verdicts";
  }

  @Override
  public Path defaultCorpus() {
    return Home.dir().resolve("corpora/triage");
  }

  @Override
  public Scorecard run(Options options) throws InputException, IOException, InterruptedException {
    Instant t0 = Instant.now();
    Path file =
        options.params().containsKey(LABELS)
            ? Path.of(options.params().get(LABELS))
            : options.corpus().resolve(LabelStore.FILE);
    if (options.params().containsKey(BUILD)) {
      List<Label> built = TriageLabels.build(Home.dir());
      TriageLabels.write(file, built);
      System.err.println("wrote " + built.size() + " verdicts to " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + ": no labels file (build one with --build-labels)");
    }
    List<Label> labels = LabelStore.read(file);
    int folds = intParam(options, FOLDS, 5);
    int k = intParam(options, K, 10);
    long seed = intParam(options, SEED, 42);
    TriageEvaluation.Result r;
    try {
      r = TriageEvaluation.crossValidate(labels, new Embeddings(), folds, k, seed);
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("labels", file.getFileName() + " (" + labels.size() + " verdicts)");
    facts.put(
        "scored",
        r.items()
            + " ("
            + r.positives()
            + " true, "
            + (r.items() - r.positives())
            + " false;"
            + " won't-fix left out)");
    facts.put("folds", r.folds() + " (stratified, seed " + r.seed() + ")");
    facts.put("ROC AUC ranker", f3(r.ranker().rocAuc()));
    facts.put("ROC AUC severity order", f3(r.severity().rocAuc()));
    facts.put("precision@" + r.k() + " ranker", pct(r.ranker().precisionAtK()));
    facts.put("precision@" + r.k() + " severity order", pct(r.severity().precisionAtK()));
    facts.put("Brier score ranker", f3(r.ranker().brier()));
    facts.put("calibration error ranker", f3(r.ranker().calibrationError()));
    facts.put("ranker beats severity order", r.rankerWins() ? "yes" : "no");
    List<String> errors = new ArrayList<>();
    if (!r.rankerWins()) {
      errors.add("the ranker does not beat severity order on these verdicts");
    }
    return new Scorecard(
        name(),
        description(),
        name() + "_score",
        100 * r.ranker().rocAuc(),
        new Metrics(0, 0, 0, 0),
        List.of(),
        facts,
        Duration.between(t0, Instant.now()),
        errors);
  }

  private static int intParam(Options o, String key, int dflt) throws InputException {
    String v = o.params().get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InputException("--" + key + " must be a whole number, got '" + v + "'", e);
    }
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * v);
  }
}
