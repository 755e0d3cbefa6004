package dev.bulwark.triage.rank;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Cross-validates the ranker on a set of verdicts against the order a defender gets without it:
 * severity, then confidence. Folds are stratified by verdict; each fold's items are ranked by a
 * ranker that never saw them, and both orders are measured on the same held-out items.
 */
public final class TriageEvaluation {
  private TriageEvaluation() {}

  /** One ordering's figures: pooled ROC AUC, mean precision@k over folds, calibration. */
  public record Scores(double rocAuc, double precisionAtK, double brier, double calibrationError) {}

  public record Result(
      int items, int positives, int folds, int k, long seed, Scores ranker, Scores severity) {

    public boolean rankerWins() {
      return ranker.rocAuc() > severity.rocAuc()
          && ranker.precisionAtK() >= severity.precisionAtK();
    }
  }

  /** The score of severity ordering: severity first, confidence breaking ties. */
  public static double severityScore(TriageItem item) {
    return item.severityRank() * 3 + item.confidenceRank();
  }

  /** Every usable verdict with its fold and the probability a ranker trained without it gave. */
  public record OutOfFold(List<TriageRanker.Example> examples, int[] fold, double[] probability) {}

  public static OutOfFold outOfFold(
      List<Label> labels, Embeddings embeddings, int folds, long seed) {
    List<Label> usable = TriageRanker.trainable(labels);
    List<TriageItem> items = usable.stream().map(TriageItem::of).toList();
    List<float[]> vectors = embeddings.embedAll(items.stream().map(TriageItem::text).toList());
    List<TriageRanker.Example> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      all.add(
          new TriageRanker.Example(
              items.get(i),
              vectors.get(i),
              usable.get(i).verdict() == Verdict.TP,
              usable.get(i).note()));
    }
    int[] fold = stratifiedFolds(all, folds, seed);
    double[] p = new double[all.size()];
    for (int f = 0; f < folds; f++) {
      List<TriageRanker.Example> train = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (fold[i] != f) {
          train.add(all.get(i));
        }
      }
      TriageRanker ranker = TriageRanker.train(train);
      for (int i = 0; i < all.size(); i++) {
        if (fold[i] == f) {
          p[i] = ranker.probability(all.get(i).item(), all.get(i).vector());
        }
      }
    }
    return new OutOfFold(all, fold, p);
  }

  public static Result crossValidate(
      List<Label> labels, Embeddings embeddings, int folds, int k, long seed) {
    OutOfFold oof = outOfFold(labels, embeddings, folds, seed);
    int n = oof.examples().size();
    double[] rankerScore = oof.probability();
    double[] severityScore = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      severityScore[i] = severityScore(oof.examples().get(i).item());
      y[i] = oof.examples().get(i).positive();
    }
    double rankerPrecision = 0;
    double severityPrecision = 0;
    for (int f = 0; f < folds; f++) {
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (oof.fold()[i] == f) {
          test.add(i);
        }
      }
      double[] rs = new double[test.size()];
      double[] ss = new double[test.size()];
      boolean[] ty = new boolean[test.size()];
      for (int t = 0; t < test.size(); t++) {
        rs[t] = rankerScore[test.get(t)];
        ss[t] = severityScore[test.get(t)];
        ty[t] = y[test.get(t)];
      }
      rankerPrecision += RankingMetrics.precisionAt(k, rs, ty);
      severityPrecision += RankingMetrics.precisionAt(k, ss, ty);
    }
    int positives = 0;
    for (boolean b : y) {
      positives += b ? 1 : 0;
    }
    Scores ranker =
        new Scores(
            RankingMetrics.rocAuc(rankerScore, y),
            rankerPrecision / folds,
            RankingMetrics.brier(rankerScore, y),
            RankingMetrics.calibrationError(rankerScore, y));
    Scores severity =
        new Scores(
            RankingMetrics.rocAuc(severityScore, y),
            severityPrecision / folds,
            Double.NaN,
            Double.NaN);
    return new Result(n, positives, folds, k, seed, ranker, severity);
  }

  private static int[] stratifiedFolds(List<TriageRanker.Example> all, int folds, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds");
    }
    List<Integer> pos = new ArrayList<>();
    List<Integer> neg = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      (all.get(i).positive() ? pos : neg).add(i);
    }
    if (pos.size() < folds || neg.size() < folds) {
      throw new IllegalArgumentException(
          "need at least "
              + folds
              + " true-positive and "
              + folds
              + " false-positive verdicts for "
              + folds
              + "-fold cross-validation, have "
              + pos.size()
              + " and "
              + neg.size());
    }
    Random r = new Random(seed);
    Collections.shuffle(pos, r);
    Collections.shuffle(neg, r);
    int[] fold = new int[all.size()];
    for (int i = 0; i < pos.size(); i++) {
      fold[pos.get(i)] = i % folds;
    }
    for (int i = 0; i < neg.size(); i++) {
      fold[neg.get(i)] = i % folds;
    }
    return fold;
  }
}
