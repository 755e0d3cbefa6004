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
}
