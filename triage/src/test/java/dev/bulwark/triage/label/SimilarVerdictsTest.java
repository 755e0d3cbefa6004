package dev.bulwark.triage.label;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimilarVerdictsTest {
  @TempDir Path dir;

  private static Label label(
      String fp, Verdict v, String rule, String title, String snippet, String note) {
    return new Label(
        fp,
        v,
        "high",
        note,
        "code",
        rule,
        title,
        title,
        "src/A.java",
        snippet,
        "alice",
        Instant.parse("2026-11-20T10:00:00Z"),
        "Bulwark test",
        "high",
        java.util.Map.of());
  }

  @Test
  void storeKeepsHistoryAndLatestVerdictWins() throws Exception {
    LabelStore store = new LabelStore(dir);
    store.add(List.of(label("a", Verdict.TP, "r", "t", "s", null)));
    store.add(
        List.of(
            label("a", Verdict.FP, "r", "t", "s", "fixture"),
            label("b", Verdict.WONT_FIX, "r", "t", "s", null)));
    assertThat(store.history()).hasSize(3);
    assertThat(store.current())
        .extracting(Label::fingerprint, Label::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", Verdict.FP),
            org.assertj.core.groups.Tuple.tuple("b", Verdict.WONT_FIX));
    java.nio.file.Files.writeString(
        dir.resolve("bad.jsonl"), "{\"fingerprint\":\"x\"}\nnot json\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LabelStore.read(dir.resolve("bad.jsonl")))
        .hasMessageContaining("bad.jsonl:1");
  }

  @Test
  void nearestPastVerdictsAreTheLookAlikes() {
    List<Label> past =
        List.of(
            label(
                "sql-1",
                Verdict.FP,
                "java-sqli",
                "SQL injection",
                "stmt.executeQuery(\"SELECT * FROM t WHERE id=\" + TEST_ID);",
                "constant from a test fixture"),
            label(
                "xss-1",
                Verdict.TP,
                "java-xss",
                "Cross-site scripting",
                "out.println(request.getParameter(\"q\"));",
                null),
            label(
                "key-1",
                Verdict.WONT_FIX,
                "aws-access-key",
                "AWS access key",
                "AWS_ACCESS_KEY_ID=AKIA...",
                "sandbox account"));
    SimilarVerdicts similar = new SimilarVerdicts(past, new Embeddings());
    var matches =
        similar.nearest(
            SimilarVerdicts.text(
                "java-sqli",
                "SQL injection",
                "Query built from a string",
                "conn.createStatement().executeQuery(\"select name from users where id = \" + id)"),
            2,
            0.3);
    assertThat(matches).isNotEmpty();
    assertThat(matches.get(0).label().fingerprint()).isEqualTo("sql-1");
    assertThat(matches.get(0).similarity()).isGreaterThan(0.5);
  }
}
