package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.Schemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels in, a redacted training set out: no secret of the secrets corpus survives. */
class DatasetCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CORPUS = Path.of("../corpora/secrets").toAbsolutePath().normalize();
  @TempDir Path dir;

  @Test
  void exportIsSchemaValidAndHoldsNoSecret() throws Exception {
    // Labels whose snippets are the corpus's raw lines: every planted secret, and the benign
    // look-alikes, with a personal e-mail address in the note.
    List<String> csv = Files.readAllLines(CORPUS.resolve("labels.csv"));
    StringBuilder labels = new StringBuilder();
    int n = 0;
    for (String row : csv.subList(1, csv.size())) {
      String[] c = row.split(",", 5);
      List<String> lines =
          Files.readAllLines(CORPUS.resolve("files").resolve(c[0]), StandardCharsets.UTF_8);
      String snippet = lines.get(Integer.parseInt(c[1]) - 1);
      var label = JSON.createObjectNode();
      label.put("fingerprint", "fp-" + n++);
      label.put("verdict", c[2].equals("secret") ? "TP" : "FP");
      label.put("severity", "high");
      label.put("note", "checked by jane.doe@example.org from 10.1.2.3");
      label.put("analyzer", "secrets");
      label.put("ruleId", c[3]);
      label.put("title", "Possible " + c[3] + " secret");
      label.put("message", "A value that looks like a " + c[3] + " credential");
      label.put("path", "/home/jdoe/src/" + c[0]);
      label.put("snippet", snippet);
      label.put("by", "jdoe");
      label.put("at", "2026-11-20T10:00:00Z");
      label.put("tool", "Bulwark test");
      labels.append(label).append('\n');
    }
    Path file = dir.resolve("labels.jsonl");
    Files.writeString(file, labels);
    Path data = dir.resolve("data");
    Cli.Result imported =
        Cli.run("label", "import", file.toString(), "--data-dir", data.toString());
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("imported " + n + " labels");

    Path out = dir.resolve("export");
    Cli.Result r =
        Cli.run("dataset", "export", "-o", out.toString(), "--data-dir", data.toString());
    assertThat(r.exit()).as(r.err()).isZero();

    List<String> records = Files.readAllLines(out.resolve("dataset.jsonl"));
    assertThat(records).hasSize(n);
    List<String> errors = new ArrayList<>();
    for (String line : records) {
      errors.addAll(
          Schemas.errorsAgainst(
              "/dev/bulwark/triage/dataset/bulwark-dataset-record-1.schema.json",
              JSON.readTree(line)));
    }
    assertThat(errors).isEmpty();
    JsonNode chat = JSON.readTree(Files.readAllLines(out.resolve("chat.jsonl")).get(0));
    assertThat(
            chat.path("messages")
                .get(2)
                .path("tool_calls")
                .get(0)
                .path("function")
                .path("name")
                .asText())
        .isEqualTo("record_verdict");
    String all =
        Files.readString(out.resolve("dataset.jsonl"))
            + Files.readString(out.resolve("chat.jsonl"));
    assertThat(all)
        .doesNotContain("jane.doe@example.org", "10.1.2.3", "/home/jdoe/")
        .contains("<redacted:email>");
    assertThat(Files.readString(out.resolve("DATASHEET.md")))
        .contains("| tp | 584 |")
        .contains("Label balance");

    // The secrets analyzer finds nothing in what was exported.
    Path report = dir.resolve("scan.json");
    Cli.Result scan =
        Cli.run(
            "scan",
            out.toString(),
            "--analyzer",
            "secrets",
            "--format",
            "json",
            "-o",
            report.toString(),
            "--no-progress");
    assertThat(scan.exit()).as(scan.err()).isZero();
    assertThat(JSON.readTree(report.toFile()).path("findings")).isEmpty();
  }

  @Test
  void labelsFindingsFromAReport() throws Exception {
    Path report = dir.resolve("r.json");
    Cli.Result scan =
        Cli.run(
            "scan",
            "../examples/webshop",
            "--analyzer",
            "secrets",
            "--format",
            "json",
            "-o",
            report.toString(),
            "--no-progress");
    assertThat(scan.exit()).as(scan.err()).isZero();
    JsonNode first = JSON.readTree(report.toFile()).path("findings").get(0);
    String fp = first.path("fingerprint").asText();
    Path data = dir.resolve("data");
    Cli.Result r =
        Cli.run(
            "label",
            fp,
            "--verdict",
            "wont-fix",
            "--note",
            "test key",
            "--report",
            report.toString(),
            "--data-dir",
            data.toString(),
            "--by",
            "alice");
    assertThat(r.exit()).as(r.err()).isZero();
    Cli.Result again =
        Cli.run(
            "label",
            fp,
            "--verdict",
            "tp",
            "--report",
            report.toString(),
            "--data-dir",
            data.toString());
    assertThat(again.exit()).isZero();
    Cli.Result list = Cli.run("label", "list", "--data-dir", data.toString());
    assertThat(list.out())
        .contains("tp")
        .contains(first.path("ruleId").asText())
        .contains("1 labelled findings");
    assertThat(Files.readAllLines(data.resolve("labels.jsonl")))
        .hasSize(2)
        .first()
        .asString()
        .contains("\"by\":\"alice\"");
    Cli.Result similar =
        Cli.run("label", "similar", "--report", report.toString(), "--data-dir", data.toString());
    assertThat(similar.exit()).as(similar.err()).isZero();
    assertThat(similar.out()).contains(fp).contains("1.00  tp");
    Cli.Result bad = Cli.run("label", "nope", "--verdict", "maybe", "--data-dir", data.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown verdict 'maybe'");
    Cli.Result missing =
        Cli.run(
            "label",
            "nope",
            "--verdict",
            "fp",
            "--report",
            report.toString(),
            "--data-dir",
            data.toString());
    assertThat(missing.err()).contains("no finding with fingerprint nope");
  }
}
