package dev.bulwark.ai.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TfIdfTest {
  @Test
  void keepsTermsSeenInEnoughDocuments_withPairs_andRowsOfUnitLength() {
    List<String> docs =
        List.of(
            "Verify your account now",
            "verify your ACCOUNT today, a1b2c3",
            "Lunch on Friday?",
            "Your account statement");
    TfIdf t = TfIdf.fit(docs, 2, 100);
    // "your account" is in three documents, "verify your" in two; the one-off token is not kept
    assertThat(t.save().terms())
        .contains("account", "your", "verify", "your account", "verify your")
        .doesNotContain("a1b2c3", "lunch", "now");
    Sparse row = t.transform("Please verify your account");
    double norm = 0;
    for (double v : row.value()) {
      norm += v * v;
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(t.transform("nothing known here").index()).isEmpty();
    // the rarer term weighs more than the common one
    List<String> terms = t.save().terms();
    double[] idf = t.save().idf();
    assertThat(idf[terms.indexOf("verify")]).isGreaterThan(idf[terms.indexOf("your")]);
  }

  @Test
  void limitsTheVocabularyToTheMostFrequentTerms() {
    TfIdf t = TfIdf.fit(List.of("a1 a1 a1 b2 c3", "a1 b2 c3", "a1 b2"), 2, 2);
    // a1 five times; "a1 b2" and b2 three times each, the tie broken by the term
    assertThat(t.save().terms()).containsExactly("a1", "a1 b2");
  }
}
