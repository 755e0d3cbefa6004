package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageCommandTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void trainsFromVerdictsThenRanksAReportWithReasons(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path report = dir.resolve("report.json");
    Cli.Result scan =
        Cli.run(
            "scan",
            HOME.resolve("examples/webshop").toString(),
            "--analyzer",
            "secrets",
            "--analyzer",
            "code",
            "--format",
            "json",
            "-o",
            report.toString());
    assertThat(scan.err()).contains("wrote json report");

    Cli.Result none = Cli.run("triage", "rank", report.toString(), "--data-dir", data.toString());
    assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("no trained ranker");

    Cli.Result train =
        Cli.run(
            "triage",
            "train",
            "--labels",
            HOME.resolve("corpora/triage/labels.jsonl").toString(),
            "--data-dir",
            data.toString());
    assertThat(train.exit()).as(train.err()).isZero();
    assertThat(train.out()).contains("trained on").contains("won't-fix");
    assertThat(data.resolve("models/triage-ranker-v1.json")).isRegularFile();

    Path ranking = dir.resolve("ranking.json");
    Cli.Result rank =
        Cli.run(
            "triage",
            "rank",
            report.toString(),
            "--data-dir",
            data.toString(),
            "--json",
            ranking.toString());
    assertThat(rank.exit()).as(rank.err()).isZero();
    assertThat(rank.out()).startsWith("ranked by bulwark-triage-ranker-1");

    JsonNode out = JSON.readTree(ranking.toFile());
    assertThat(out.path("model").asText()).contains("bulwark-triage-ranker-1");
    List<Double> p = new ArrayList<>();
    for (JsonNode f : out.path("findings")) {
      p.add(f.path("probability").asDouble());
      assertThat(f.path("similar")).isNotEmpty();
    }
    assertThat(p).hasSize(15).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    // the demo's two false positives (an MD5 ETag, a test-fixture token) come last
    String md = Files.readString(ranking);
    JsonNode findings = out.path("findings");
    List<String> lastTwo =
        List.of(
            findings.get(13).path("fingerprint").asText(),
            findings.get(14).path("fingerprint").asText());
    JsonNode scanned = JSON.readTree(report.toFile()).path("findings");
    List<String> rules = new ArrayList<>();
    for (JsonNode f : scanned) {
      if (lastTwo.contains(f.path("fingerprint").asText())) {
        rules.add(f.path("ruleId").asText());
      }
    }
    assertThat(rules).as(md).containsExactlyInAnyOrder("java-weak-hash", "jwt");
  }
}
