package dev.bulwark.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Verdict;
import dev.bulwark.eval.triage.TriageLabels;
import dev.bulwark.eval.triage.TriageSuite;
import dev.bulwark.triage.label.LabelStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Learned triage on the shipped verdicts: the ranker must beat severity order. */
class TriageSuiteTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @Test
  void shippedVerdicts_rankerBeatsSeverityOrderOnRocAucAndPrecisionAt10() throws Exception {
    Scorecard card =
        new TriageSuite().run(new Suite.Options(HOME.resolve("corpora/triage"), Map.of()));
    String md = ScorecardWriter.markdown(card);
    assertThat(card.errors()).as(md).isEmpty();
    double rankerAuc = Double.parseDouble(card.facts().get("ROC AUC ranker"));
    double severityAuc = Double.parseDouble(card.facts().get("ROC AUC severity order"));
    assertThat(rankerAuc).as(md).isGreaterThan(severityAuc).isGreaterThan(0.9);
    assertThat(card.facts().get("ranker beats severity order")).isEqualTo("yes");
    assertThat(md).contains("precision@10 ranker").doesNotContain("true positives");
    assertThat(ScorecardWriter.headline(card)).matches("triage_score=\\d+\\.\\d");
  }

  @Test
  void shippedVerdicts_matchWhatTheCorporaAndAnalyzersGiveToday() throws Exception {
    Map<String, Verdict> shipped = new TreeMap<>();
    for (Label l : LabelStore.read(HOME.resolve("corpora/triage/labels.jsonl"))) {
      shipped.put(l.fingerprint(), l.verdict());
    }
    Map<String, Verdict> rebuilt = new TreeMap<>();
    for (Label l : TriageLabels.build(HOME)) {
      rebuilt.put(l.fingerprint(), l.verdict());
    }
    assertThat(rebuilt)
        .as("regenerate with: ./bulwark eval triage --build-labels")
        .isEqualTo(shipped);
    assertThat(shipped.values()).contains(Verdict.TP, Verdict.FP, Verdict.WONT_FIX);
  }
}
