package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark mail check} on messages shaped to make a reader stop early: each is judged (not
 * "unreadable", not "clean 0"), and what was not inspected is listed in the text, JSON and SARIF
 * reports.
 */
class MailEvasionReportTest {
  @TempDir Path dir;

  private static final String CONTENT =
      "Content-Type: text/html; charset=utf-8\n\n"
          + "<p>Your account will be suspended within 24 hours. Verify your password now:"
          + " <a href=\"https://bit.ly/3xYzAbc\">https://www.paypal.com/signin</a></p>\n";

  /** A phishing text part nested {@code depth} levels down, under a neutral sender. */
  private static String nested(String extraHeaders, int depth) {
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      open.append("Content-Type: multipart/mixed; boundary=\"l")
          .append(i)
          .append("x\"\n\n--l")
          .append(i)
          .append("x\n");
      close.insert(0, "--l" + i + "x--\n");
    }
    return extraHeaders
        + "From: \"Accounts\" <accounts@northwind-mail.example>\n"
        + "To: jane@corp.example\n"
        + "Subject: Your statement\n"
        + "MIME-Version: 1.0\n"
        + open
        + CONTENT
        + close;
  }

  @Test
  void evasiveShapes_areJudged_andWhatWasNotInspectedIsInTextJsonAndSarif() throws Exception {
    Path mail = Files.createDirectories(dir.resolve("mail"));
    Path deep = mail.resolve("deep.eml");
    Files.writeString(deep, nested("", 50));
    Path longHeader = mail.resolve("long-header.eml");
    Files.writeString(longHeader, nested("X-Pad: " + "a".repeat(200_000) + "\n", 0));
    StringBuilder junk = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      junk.append("X-Junk-").append(i).append(": filler\n");
    }
    Path manyHeaders = mail.resolve("many-headers.eml");
    Files.writeString(manyHeaders, nested(junk.toString(), 0));

    Cli.Result text =
        Cli.run(
            "mail",
            "check",
            deep.toString(),
            longHeader.toString(),
            manyHeaders.toString(),
            "--data-dir",
            dir.resolve("d").toString());
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out())
        .containsPattern("malicious +\\d+ +\\S*deep.eml")
        .containsPattern("malicious +\\d+ +\\S*long-header.eml")
        .containsPattern("malicious +\\d+ +\\S*many-headers.eml")
        .contains("MIME parts nested 50 levels deep")
        .contains(
            "header X-Pad of 200,007 bytes: the first 64 KiB were read, the rest not inspected")
        .contains("4,000 header fields")
        .doesNotContain("unreadable");

    Path json = dir.resolve("r.json");
    Path sarif = dir.resolve("r.sarif");
    Cli.Result reports =
        Cli.run(
            "mail",
            "check",
            mail.toString(),
            "--format",
            "json",
            "-o",
            json.toString(),
            "--format",
            "sarif",
            "-o",
            sarif.toString(),
            "--data-dir",
            dir.resolve("d").toString());
    assertThat(reports.exit()).as(reports.err()).isZero();
    ObjectMapper mapper = new ObjectMapper();
    JsonNode report = mapper.readTree(json.toFile());
    assertThat(report.path("findings")).hasSize(3);
    assertThat(report.path("diagnostics").toString())
        .contains("long-header.eml")
        .contains("header X-Pad of 200,007 bytes")
        .contains("many-headers.eml")
        .contains("4,000 header fields");
    JsonNode run = mapper.readTree(sarif.toFile()).path("runs").get(0);
    assertThat(run.path("results")).hasSize(3);
    assertThat(run.path("invocations").get(0).path("toolExecutionNotifications").toString())
        .contains("header X-Pad of 200,007 bytes")
        .contains("4,000 header fields");
  }
}
