package dev.bulwark.ai.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
  @Test
  void separatesTwoClassesAndReadsWeights() {
    Random r = new Random(7);
    int n = 400;
    double[][] x = new double[n][3];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2 == 0;
      x[i][0] = (y[i] ? 2 : -2) + r.nextGaussian(); // informative
      x[i][1] = r.nextGaussian(); // noise
      x[i][2] = 1000 + r.nextGaussian(); // constant-ish, large scale
    }
    LogisticRegression m = LogisticRegression.train(x, y, 1e-3, 300);
    int correct = 0;
    for (int i = 0; i < n; i++) {
      if ((m.probability(x[i]) >= 0.5) == y[i]) {
        correct++;
      }
    }
    assertThat(correct).isGreaterThan(370);
    assertThat(Math.abs(m.weight(0))).isGreaterThan(5 * Math.abs(m.weight(1)));
    assertThat(m.probability(new double[] {4, 0, 1000})).isGreaterThan(0.95);
  }

  @Test
  void learnsFromASparseBlockWhenTheDenseFeaturesSayNothing_andSavesIt() {
    Random r = new Random(3);
    int n = 200;
    double[][] x = new double[n][1];
    Sparse[] words = new Sparse[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 4 == 0; // unbalanced: one in four
      x[i][0] = r.nextGaussian();
      words[i] = new Sparse(new int[] {y[i] ? 0 : 1, 2}, new double[] {0.8, 0.6});
    }
    LogisticRegression m =
        LogisticRegression.train(
            x, words, 3, y, new LogisticRegression.Options(0.01, 300, true, 5));
    assertThat(m.sparseFeatures()).isEqualTo(3);
    assertThat(m.probability(new double[] {0}, words[0])).isGreaterThan(0.8);
    assertThat(m.probability(new double[] {0}, words[1])).isLessThan(0.2);
    LogisticRegression back = LogisticRegression.load(m.save());
    assertThat(back.probability(new double[] {0}, words[0]))
        .isEqualTo(m.probability(new double[] {0}, words[0]));
    // a model saved before sparse blocks existed still loads
    LogisticRegression old =
        LogisticRegression.load(
            new LogisticRegression.Saved(new double[] {0}, new double[] {1}, new double[] {2}, 0));
    assertThat(old.sparseFeatures()).isZero();
    assertThat(old.probability(new double[] {1})).isGreaterThan(0.8);
  }
}
