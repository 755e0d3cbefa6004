package dev.bulwark.triage.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team that calls secrets in documentation and test fixtures false positives, whatever their
 * severity, and real configuration values true: the ranker must learn that from verdicts alone.
 */
class TriageRankerTest {
  private static Embeddings embeddings;
  private static List<Label> labels;

  @BeforeAll
  static void setUp() {
    embeddings = new Embeddings();
    labels = new ArrayList<>();
    String[] services = {"billing", "catalog", "orders", "search", "auth", "mailer", "reports"};
    for (int i = 0; i < services.length; i++) {
      String s = services[i];
      labels.add(
          label(
              s + "-cfg",
              Verdict.TP,
              "medium",
              s + "/config/prod.properties",
              "db.password=Xq" + i + "…#1a2b",
              "4.6",
              "db.password"));
      labels.add(
          label(
              s + "-env",
              Verdict.TP,
              "high",
              s + "/.env",
              "API_TOKEN=k9" + i + "…#77aa",
              "5.1",
              "API_TOKEN"));
      labels.add(
          label(
              s + "-doc",
              Verdict.FP,
              "critical",
              s + "/docs/setup.md",
              "export API_TOKEN=your…#0000 # example value",
              "2.9",
              "API_TOKEN"));
      labels.add(
          label(
              s + "-test",
              Verdict.FP,
              "high",
              s + "/src/test/resources/fixture.properties",
              "db.password=test…#ffff",
              "3.0",
              "db.password"));
    }
    labels.add(
        label("accepted", Verdict.WONT_FIX, "low", "dev/compose.yml", "PW=dev…#1234", "3.2", "PW"));
  }

  static Label label(
      String fp,
      Verdict v,
      String severity,
      String path,
      String snippet,
      String entropy,
      String key) {
    return new Label(
        fp,
        v,
        severity,
        null,
        "secrets",
        "generic-secret",
        "Generic secret",
        "Generic secret is hard-coded.",
        path,
        snippet,
        "alice",
        Instant.parse("2026-11-20T10:00:00Z"),
        "Bulwark test",
        "medium",
        Map.of("entropy", entropy, "key", key));
  }

  private static TriageItem item(String path, String snippet, String severity, String entropy) {
    return new TriageItem(
        "new-" + path,
        "secrets",
        "generic-secret",
        severity,
        "medium",
        "Generic secret",
        "Generic secret is hard-coded.",
        path,
        snippet,
        Map.of("entropy", entropy, "key", "TOKEN"));
  }

  @Test
  void ranksRealValuesAboveDocumentationAndFixturesWhateverTheirSeverity() {
    TriageRanker ranker = TriageRanker.train(labels, embeddings);
    assertThat(ranker.size()).as("won't-fix is left out").isEqualTo(labels.size() - 1);

    List<TriageRanker.Ranked> ranked =
        ranker.rank(
            List.of(
                item(
                    "payments/docs/install.md",
                    "export API_TOKEN=your…#0000 # example",
                    "critical",
                    "2.8"),
                item("payments/config/prod.properties", "db.password=Zr4…#9c9c", "low", "4.7")),
            embeddings,
            2);

    assertThat(ranked.get(0).item().path()).isEqualTo("payments/config/prod.properties");
    assertThat(ranked.get(0).probability()).isGreaterThan(0.5);
    assertThat(ranked.get(1).probability()).isLessThan(0.5);
    assertThat(ranked.get(1).reasons()).isNotEmpty();
    assertThat(ranked.get(1).similar())
        .hasSize(2)
        .allSatisfy(n -> assertThat(n.positive()).isFalse());
    assertThat(ranked.get(1).ruleVerdicts()).isEqualTo(28);
  }

  @Test
  void aSavedRankerScoresExactlyAsTheTrainedOne(@TempDir Path dir) throws IOException {
    TriageRanker ranker = TriageRanker.train(labels, embeddings);
    Path file = dir.resolve(TriageRanker.FILE);
    ranker.save(file);
    TriageRanker loaded = TriageRanker.load(file);

    TriageItem probe = item("x/docs/a.md", "TOKEN=your…#0000", "high", "3.0");
    float[] v = embeddings.embed(probe.text());
    assertThat(loaded.probability(probe, v)).isEqualTo(ranker.probability(probe, v));
    assertThat(loaded.size()).isEqualTo(ranker.size());
  }

  @Test
  void refusesModelFilesOfAnotherFormat(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ranker.json");
    Files.writeString(file, "{\"format\":\"bulwark-triage-ranker-0\"}");
    assertThatThrownBy(() -> TriageRanker.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("retrain");
  }

  @Test
  void needsBothVerdictsToLearn() {
    List<Label> onlyTrue = labels.stream().filter(l -> l.verdict() == Verdict.TP).toList();
    assertThatThrownBy(() -> TriageRanker.train(onlyTrue, embeddings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("false-positive");
  }

  @Test
  void crossValidationBeatsSeverityWhenSeverityIsUninformative() {
    TriageEvaluation.Result r = TriageEvaluation.crossValidate(labels, embeddings, 4, 5, 7);
    assertThat(r.items()).isEqualTo(28);
    assertThat(r.ranker().rocAuc()).isGreaterThan(0.9);
    assertThat(r.severity().rocAuc()).isLessThan(0.7);
    assertThat(r.rankerWins()).isTrue();
  }
}
