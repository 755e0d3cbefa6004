package dev.bulwark.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.eval.secrets.SecretsSuite;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The acceptance bar of the secrets analyzer, measured on the shipped corpus. */
class SecretsSuiteTest {
  @Test
  void shippedCorpus_precisionAndRecallAtLeast95Percent() throws Exception {
    Path corpus = Path.of("../corpora/secrets").toAbsolutePath().normalize();
    Scorecard card = new SecretsSuite().run(new Suite.Options(corpus, Map.of()));
    assertThat(card.overall().positives()).isGreaterThanOrEqualTo(500);
    assertThat(card.overall().negatives()).isGreaterThanOrEqualTo(500);
    assertThat(card.overall().precision())
        .as(ScorecardWriter.markdown(card))
        .isGreaterThanOrEqualTo(0.95);
    assertThat(card.overall().recall())
        .as(ScorecardWriter.markdown(card))
        .isGreaterThanOrEqualTo(0.95);
    assertThat(ScorecardWriter.markdown(card).strip()).endsWith(ScorecardWriter.headline(card));
    assertThat(ScorecardWriter.headline(card)).matches("secrets_score=\\d+\\.\\d");
  }

  @Test
  void metrics_ratesAreUndefinedWithoutDenominators() {
    Metrics m = new Metrics(0, 0, 0, 5);
    assertThat(m.precision()).isNaN();
    assertThat(m.falsePositiveRate()).isZero();
    assertThat(new Metrics(9, 1, 1, 0).f1()).isEqualTo(0.9);
  }
}
