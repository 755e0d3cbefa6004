package dev.bulwark.triage.rank;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well scores order positives before negatives. Ties are treated fairly, never broken in the
 * scorer's favour: a tie counts half in ROC AUC, and precision@k takes the expected share of
 * positives from a tied block that straddles the cut.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /** Area under the ROC curve (Mann–Whitney U with average ranks for ties); NaN if one class. */
  public static double rocAuc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double[] rank = new double[n];
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        rank[order[t]] = avg;
      }
      i = j + 1;
    }
    long pos = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (positive[i]) {
        pos++;
        sum += rank[i];
      }
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (sum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Share of positives among the k highest scores (k capped at the item count). */
  public static double precisionAt(int k, double[] scores, boolean[] positive) {
    int n = scores.length;
    k = Math.min(k, n);
    if (k == 0) {
      return Double.NaN;
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double cut = sorted[n - k];
    double above = 0;
    int aboveCount = 0;
    double tiedPositive = 0;
    int tied = 0;
    for (int i = 0; i < n; i++) {
      if (scores[i] > cut) {
        aboveCount++;
        above += positive[i] ? 1 : 0;
      } else if (scores[i] == cut) {
        tied++;
        tiedPositive += positive[i] ? 1 : 0;
      }
    }
    return (above + (k - aboveCount) * tiedPositive / tied) / k;
  }

  /** Mean squared error of probabilities against outcomes; lower is better. */
  public static double brier(double[] p, boolean[] positive) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double d = p[i] - (positive[i] ? 1 : 0);
      s += d * d;
    }
    return s / p.length;
  }

  /**
   * Expected calibration error over ten equal-width bins: how far, on average, the predicted
   * probability is from the observed rate of positives at that probability.
   */
  public static double calibrationError(double[] p, boolean[] positive) {
    int bins = 10;
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    int[] count = new int[bins];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min(bins - 1, (int) (p[i] * bins));
      sumP[b] += p[i];
      sumY[b] += positive[i] ? 1 : 0;
      count[b]++;
    }
    double e = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        e += Math.abs(sumP[b] - sumY[b]) / p.length;
      }
    }
    return e;
  }
}
