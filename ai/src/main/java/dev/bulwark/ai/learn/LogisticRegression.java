package dev.bulwark.ai.learn;

import java.util.Arrays;

/**
 * Binary logistic regression with L2 regularisation, trained by full-batch gradient descent on
 * standardised features. Small and dependable for the few thousand labelled items a team has; its
 * probabilities are calibrated enough to rank by, and its weights can be read as reasons.
 */
public final class LogisticRegression {
  private final double[] mean;
  private final double[] scale;
  private final double[] weights;
  private double bias;

  private LogisticRegression(int d) {
    mean = new double[d];
    scale = new double[d];
    weights = new double[d];
  }

  /** Trains on rows {@code x} with labels {@code y} (true = positive). */
  public static LogisticRegression train(double[][] x, boolean[] y, double l2, int epochs) {
    int n = x.length;
    int d = x[0].length;
    LogisticRegression m = new LogisticRegression(d);
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (double[] row : x) {
        s += row[j];
      }
      m.mean[j] = s / n;
      double v = 0;
      for (double[] row : x) {
        v += (row[j] - m.mean[j]) * (row[j] - m.mean[j]);
      }
      m.scale[j] = Math.sqrt(v / n) + 1e-9;
    }
    double[][] z = new double[n][];
    for (int i = 0; i < n; i++) {
      z[i] = m.standardise(x[i]);
    }
    double rate = 0.5;
    double[] grad = new double[d];
    for (int epoch = 0; epoch < epochs; epoch++) {
      Arrays.fill(grad, 0);
      double gb = 0;
      for (int i = 0; i < n; i++) {
        double err = sigmoid(dot(m.weights, z[i]) + m.bias) - (y[i] ? 1 : 0);
        for (int j = 0; j < d; j++) {
          grad[j] += err * z[i][j];
        }
        gb += err;
      }
      for (int j = 0; j < d; j++) {
        m.weights[j] -= rate * (grad[j] / n + l2 * m.weights[j]);
      }
      m.bias -= rate * gb / n;
    }
    return m;
  }

  /** The model as plain numbers, to be kept in Bulwark's data directory. */
  public record Saved(double[] mean, double[] scale, double[] weights, double bias) {}

  public Saved save() {
    return new Saved(mean.clone(), scale.clone(), weights.clone(), bias);
  }

  public static LogisticRegression load(Saved s) {
    if (s.mean().length != s.scale().length || s.mean().length != s.weights().length) {
      throw new IllegalArgumentException("model file is inconsistent: feature counts differ");
    }
    LogisticRegression m = new LogisticRegression(s.mean().length);
    System.arraycopy(s.mean(), 0, m.mean, 0, s.mean().length);
    System.arraycopy(s.scale(), 0, m.scale, 0, s.scale().length);
    System.arraycopy(s.weights(), 0, m.weights, 0, s.weights().length);
    m.bias = s.bias();
    return m;
  }

  public int features() {
    return weights.length;
  }

  /** The probability that a row is positive. */
  public double probability(double[] row) {
    return sigmoid(dot(weights, standardise(row)) + bias);
  }

  /**
   * Each feature's pull on one row's log-odds, relative to an average row: positive pulls towards
   * the positive class. The reasons behind a single prediction.
   */
  public double[] contributions(double[] row) {
    double[] z = standardise(row);
    for (int j = 0; j < z.length; j++) {
      z[j] *= weights[j];
    }
    return z;
  }

  /** Weight of feature j on the standardised scale: its pull towards positive. */
  public double weight(int j) {
    return weights[j];
  }

  private double[] standardise(double[] row) {
    double[] z = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      z[j] = (row[j] - mean[j]) / scale[j];
    }
    return z;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
