package dev.bulwark.ai.learn;

import java.util.Arrays;

/**
 * Binary logistic regression with L2 regularisation, trained by full-batch gradient descent on
 * standardised features. Small and dependable for the few thousand labelled items a team has; its
 * probabilities are calibrated enough to rank by, and its weights can be read as reasons.
 *
 * <p>Beside its dense features a model may take a sparse block (TF-IDF terms), used as given and
 * multiplied by a fixed scale: the scale sets how strongly the shared L2 penalty holds the block's
 * many weights back relative to the few dense ones.
 */
public final class LogisticRegression {
  private final double[] mean;
  private final double[] scale;
  private final double[] weights;
  private final double[] sparseWeights;
  private final double sparseScale;
  private double bias;

  private LogisticRegression(int d, int sparse, double sparseScale) {
    mean = new double[d];
    scale = new double[d];
    weights = new double[d];
    sparseWeights = new double[sparse];
    this.sparseScale = sparseScale;
  }

  /** How to train. {@code balanced} weighs each class as much as the other in the loss. */
  public record Options(double l2, int epochs, boolean balanced, double sparseScale) {
    public static Options of(double l2, int epochs) {
      return new Options(l2, epochs, false, 1);
    }
  }

  /** Trains on rows {@code x} with labels {@code y} (true = positive). */
  public static LogisticRegression train(double[][] x, boolean[] y, double l2, int epochs) {
    return train(x, null, 0, y, Options.of(l2, epochs));
  }

  /**
   * Trains on dense rows and, when {@code sparse} is not null, a sparse block of {@code
   * sparseColumns} columns per row.
   */
  public static LogisticRegression train(
      double[][] x, Sparse[] sparse, int sparseColumns, boolean[] y, Options o) {
    int n = x.length;
    int d = x[0].length;
    int s = sparse == null ? 0 : sparseColumns;
    LogisticRegression m = new LogisticRegression(d, s, o.sparseScale());
    for (int j = 0; j < d; j++) {
      double sum = 0;
      for (double[] row : x) {
        sum += row[j];
      }
      m.mean[j] = sum / n;
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
    double[] sampleWeight = new double[n];
    int positives = 0;
    for (boolean b : y) {
      positives += b ? 1 : 0;
    }
    for (int i = 0; i < n; i++) {
      sampleWeight[i] =
          !o.balanced() || positives == 0 || positives == n
              ? 1
              : n / (2.0 * (y[i] ? positives : n - positives));
    }
    // a scaled sparse block raises the loss's curvature; a shorter step keeps descent stable
    double rate = s == 0 ? 0.5 : 0.5 / (1 + o.sparseScale() * o.sparseScale() / 100);
    double[] grad = new double[d];
    double[] sparseGrad = new double[s];
    for (int epoch = 0; epoch < o.epochs(); epoch++) {
      Arrays.fill(grad, 0);
      Arrays.fill(sparseGrad, 0);
      double gb = 0;
      for (int i = 0; i < n; i++) {
        Sparse t = s == 0 ? Sparse.EMPTY : sparse[i];
        double err =
            (sigmoid(dot(m.weights, z[i]) + m.sparseDot(t) + m.bias) - (y[i] ? 1 : 0))
                * sampleWeight[i];
        for (int j = 0; j < d; j++) {
          grad[j] += err * z[i][j];
        }
        for (int k = 0; k < t.index().length; k++) {
          sparseGrad[t.index()[k]] += err * t.value()[k] * o.sparseScale();
        }
        gb += err;
      }
      for (int j = 0; j < d; j++) {
        m.weights[j] -= rate * (grad[j] / n + o.l2() * m.weights[j]);
      }
      for (int j = 0; j < s; j++) {
        m.sparseWeights[j] -= rate * (sparseGrad[j] / n + o.l2() * m.sparseWeights[j]);
      }
      m.bias -= rate * gb / n;
    }
    return m;
  }

  /** The model as plain numbers, to be kept in Bulwark's data directory. */
  public record Saved(
      double[] mean,
      double[] scale,
      double[] weights,
      double bias,
      double[] sparseWeights,
      double sparseScale) {
    public Saved(double[] mean, double[] scale, double[] weights, double bias) {
      this(mean, scale, weights, bias, new double[0], 1);
    }
  }

  public Saved save() {
    return new Saved(
        mean.clone(), scale.clone(), weights.clone(), bias, sparseWeights.clone(), sparseScale);
  }

  public static LogisticRegression load(Saved s) {
    if (s.mean().length != s.scale().length || s.mean().length != s.weights().length) {
      throw new IllegalArgumentException("model file is inconsistent: feature counts differ");
    }
    double[] sparse = s.sparseWeights() == null ? new double[0] : s.sparseWeights();
    LogisticRegression m =
        new LogisticRegression(
            s.mean().length, sparse.length, s.sparseScale() == 0 ? 1 : s.sparseScale());
    System.arraycopy(s.mean(), 0, m.mean, 0, s.mean().length);
    System.arraycopy(s.scale(), 0, m.scale, 0, s.scale().length);
    System.arraycopy(s.weights(), 0, m.weights, 0, s.weights().length);
    System.arraycopy(sparse, 0, m.sparseWeights, 0, sparse.length);
    m.bias = s.bias();
    return m;
  }

  public int features() {
    return weights.length;
  }

  /** Columns of the sparse block (0 when the model has none). */
  public int sparseFeatures() {
    return sparseWeights.length;
  }

  /** The probability that a row is positive. */
  public double probability(double[] row) {
    return probability(row, Sparse.EMPTY);
  }

  /** The probability that a row with its sparse block is positive. */
  public double probability(double[] row, Sparse sparse) {
    return sigmoid(dot(weights, standardise(row)) + sparseDot(sparse) + bias);
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

  /** Each present sparse column's pull on the log-odds, in the order of {@code sparse.index()}. */
  public double[] sparseContributions(Sparse sparse) {
    double[] out = new double[sparse.index().length];
    for (int k = 0; k < out.length; k++) {
      int j = sparse.index()[k];
      out[k] = j < sparseWeights.length ? sparseWeights[j] * sparse.value()[k] * sparseScale : 0;
    }
    return out;
  }

  /** Weight of feature j on the standardised scale: its pull towards positive. */
  public double weight(int j) {
    return weights[j];
  }

  private double sparseDot(Sparse t) {
    double sum = 0;
    for (int k = 0; k < t.index().length; k++) {
      int j = t.index()[k];
      if (j < sparseWeights.length) {
        sum += sparseWeights[j] * t.value()[k];
      }
    }
    return sum * sparseScale;
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
