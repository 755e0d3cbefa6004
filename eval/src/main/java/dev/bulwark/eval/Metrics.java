package dev.bulwark.eval;

/**
 * A confusion matrix and the rates derived from it. Rates with an empty denominator are reported as
 * NaN rather than a flattering 1.0.
 */
public record Metrics(int tp, int fp, int fn, int tn) {
  public Metrics {
    if (tp < 0 || fp < 0 || fn < 0 || tn < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative: " + tp + "/" + fp + "/" + fn + "/" + tn);
    }
  }

  public static Metrics empty() {
    return new Metrics(0, 0, 0, 0);
  }

  public Metrics plus(Metrics o) {
    return new Metrics(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
  }

  public double precision() {
    return ratio(tp, tp + fp);
  }

  /** Recall, also called true-positive rate. */
  public double recall() {
    return ratio(tp, tp + fn);
  }

  public double falsePositiveRate() {
    return ratio(fp, fp + tn);
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 || Double.isNaN(p) || Double.isNaN(r) ? 0 : 2 * p * r / (p + r);
  }

  public int positives() {
    return tp + fn;
  }

  public int negatives() {
    return fp + tn;
  }

  private static double ratio(int num, int den) {
    return den == 0 ? Double.NaN : (double) num / den;
  }
}
