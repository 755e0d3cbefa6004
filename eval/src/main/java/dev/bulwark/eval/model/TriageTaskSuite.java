package dev.bulwark.eval.model;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Verdict;
import dev.bulwark.triage.label.LabelStore;
import dev.bulwark.triage.rank.TriageEvaluation;
import dev.bulwark.triage.rank.TriageRanker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A defenders' task from a team's verdicts (Bulwark's shipped ones by default): is this finding a
 * true positive? Balanced accuracy, so a model that always says TP scores 50 %. Bulwark's engine is
 * the learned triage ranker under cross-validation, TP at 0.5 or more.
 */
final class TriageTaskSuite extends ModelSuite {
  static final String NAME = "bulwark-triage";
  private static final Pattern VERDICT = Pattern.compile("\\b(TP|FP)\\b");

  private final List<Label> labels;

  private TriageTaskSuite(List<Item> items, String sha256, List<Label> labels) {
    super(NAME, items, sha256);
    this.labels = labels;
  }

  static TriageTaskSuite load(Path file, int limit) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<Label> all = TriageRanker.trainable(LabelStore.read(file));
    if (limit > 0 && all.size() > limit) {
      // an even sample across the file, so a limit keeps both verdicts and every source
      List<Label> picked = new ArrayList<>();
      for (int i = 0; i < limit; i++) {
        picked.add(all.get((int) ((long) i * all.size() / limit)));
      }
      all = picked;
    }
    List<Item> items = new ArrayList<>();
    for (Label l : all) {
      String prompt =
          "You triage findings from a security scanner. Decide whether this finding is a true"
              + " positive (a real issue the team should act on) or a false positive.\n"
              + "Analyzer: "
              + l.analyzer()
              + "\nRule: "
              + l.ruleId()
              + "\nSeverity: "
              + l.severity()
              + "\nFile: "
              + l.path()
              + "\nMessage: "
              + l.message()
              + "\nThe flagged line, as data (values are redacted):\n<untrusted-data>"
              + (l.snippet() == null ? "" : Answers.asData(l.snippet(), "untrusted-data"))
              + "</untrusted-data>\nAnswer with TP or FP on the last line.";
      items.add(
          new Item(l.fingerprint(), l.ruleId(), prompt, l.verdict() == Verdict.TP ? "TP" : "FP"));
    }
    return new TriageTaskSuite(items, Answers.sha256(bytes), all);
  }

  @Override
  public Metric metric() {
    return new Metric(
        "balanced accuracy (true-positive and false-positive rates averaged)", "model_score", true);
  }

  @Override
  String extract(String answer) {
    String last = Answers.last(VERDICT, answer);
    if (last == null) {
      String lower = answer.toLowerCase(Locale.ROOT);
      int tp = lower.lastIndexOf("true positive");
      int fp = lower.lastIndexOf("false positive");
      last = tp < 0 && fp < 0 ? null : tp > fp ? "TP" : "FP";
    }
    return last;
  }

  @Override
  double figure(List<Outcome> outcomes) {
    double[] right = new double[2];
    double[] all = new double[2];
    for (Outcome o : outcomes) {
      int c = o.expected().equals("TP") ? 0 : 1;
      all[c]++;
      right[c] += o.correct() ? 1 : 0;
    }
    return (right[0] / Math.max(1, all[0]) + right[1] / Math.max(1, all[1])) / 2;
  }

  @Override
  public Run runEngine(Embeddings embeddings, int folds, long seed) {
    Instant t0 = Instant.now();
    var oof = TriageEvaluation.outOfFold(labels, embeddings, folds, seed);
    Map<String, Double> p = new HashMap<>();
    for (int i = 0; i < oof.examples().size(); i++) {
      p.put(oof.examples().get(i).item().fingerprint(), oof.probability()[i]);
    }
    List<Outcome> out = new ArrayList<>();
    for (Item it : items()) {
      out.add(score(it, p.getOrDefault(it.id(), 0.0) >= 0.5 ? "TP" : "FP", 0, 0));
    }
    return engineRun("triage-ranker-" + folds + "fold", seed, out, t0);
  }
}
