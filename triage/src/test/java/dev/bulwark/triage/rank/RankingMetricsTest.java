package dev.bulwark.triage.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static final boolean[] Y = {true, true, false, false};

  @Test
  void aucIsOneForAPerfectOrderZeroForTheReverseAndHalfForAllTies() {
    assertThat(RankingMetrics.rocAuc(new double[] {0.9, 0.8, 0.2, 0.1}, Y)).isEqualTo(1.0);
    assertThat(RankingMetrics.rocAuc(new double[] {0.1, 0.2, 0.8, 0.9}, Y)).isEqualTo(0.0);
    assertThat(RankingMetrics.rocAuc(new double[] {1, 1, 1, 1}, Y)).isEqualTo(0.5);
    // one positive above both negatives, the other tied with one of them: (2 + 1.5) / 4
    assertThat(RankingMetrics.rocAuc(new double[] {0.9, 0.5, 0.5, 0.1}, Y)).isEqualTo(0.875);
  }

  @Test
  void aucIsUndefinedWithOneClass() {
    assertThat(RankingMetrics.rocAuc(new double[] {0.1, 0.2}, new boolean[] {true, true})).isNaN();
  }

  @Test
  void precisionAtKTakesTheExpectedShareOfATieAcrossTheCut() {
    assertThat(RankingMetrics.precisionAt(2, new double[] {0.9, 0.8, 0.2, 0.1}, Y)).isEqualTo(1.0);
    // all tied: whichever two come first, half are positive on average
    assertThat(RankingMetrics.precisionAt(2, new double[] {1, 1, 1, 1}, Y)).isEqualTo(0.5);
    // first place is a positive; second place is a 1-in-2 draw from a tied pair (+, -)
    assertThat(RankingMetrics.precisionAt(2, new double[] {0.9, 0.5, 0.5, 0.1}, Y)).isEqualTo(0.75);
    assertThat(RankingMetrics.precisionAt(10, new double[] {0.9, 0.8, 0.2, 0.1}, Y)).isEqualTo(0.5);
  }

  @Test
  void brierAndCalibrationErrorAreZeroForCertainCorrectAnswers() {
    double[] p = {1, 1, 0, 0};
    assertThat(RankingMetrics.brier(p, Y)).isZero();
    assertThat(RankingMetrics.calibrationError(p, Y)).isZero();
    // always 0.5 on a balanced set is calibrated but uninformative
    double[] half = {0.5, 0.5, 0.5, 0.5};
    assertThat(RankingMetrics.brier(half, Y)).isEqualTo(0.25);
    assertThat(RankingMetrics.calibrationError(half, Y)).isCloseTo(0.0, within(1e-12));
  }
}
