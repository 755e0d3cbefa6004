package dev.bulwark.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.eval.mail.MailSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mail suite on the shared phishing corpus (skipped when it is absent). */
class MailSuiteTest {
  @Test
  void learnedModelReaches97PercentF1WithAndWithoutEraHeaders() throws Exception {
    Path corpus = Path.of("../../shared/data/phishing").toAbsolutePath().normalize();
    assumeTrue(
        Files.isRegularFile(corpus.resolve("labels.csv")),
        "phishing corpus not present at " + corpus);
    Scorecard card = new MailSuite().run(new Suite.Options(corpus, Map.of()));
    double checks = card.categories().get(0).metrics().f1();
    double full = card.categories().get(1).metrics().f1();
    double stripped = card.categories().get(2).metrics().f1();
    // the acceptance bar: F1 of 0.97 or more, with and without the era headers
    assertThat(full).isGreaterThan(checks).isGreaterThanOrEqualTo(0.97);
    assertThat(stripped).isGreaterThan(checks).isGreaterThanOrEqualTo(0.97);
    // the checks alone, without training: the acceptance bar of 0.90 with the era headers
    // stripped, and floors at what they reach today with all headers (0.921, ham 4 of 300), so
    // that a change that costs recall or flags more honest mail fails here
    double checksStripped = card.categories().get(3).metrics().f1();
    assertThat(checks).isGreaterThanOrEqualTo(0.92);
    assertThat(checksStripped).isGreaterThanOrEqualTo(0.90);
    String ham = card.facts().get("ham flagged by the checks alone, era headers stripped");
    String[] share = ham.split(" ")[0].split("/");
    // at most 1 % of honest mail flagged
    assertThat(100 * Integer.parseInt(share[0])).isLessThanOrEqualTo(Integer.parseInt(share[1]));
  }
}
