package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark mail check} and {@code mail train} on messages written for the test. */
class MailCommandTest {
  @TempDir Path dir;

  private static String phish(int i) {
    return "Authentication-Results: mx.corp.example; spf=fail; dkim=none; dmarc=fail\n"
        + "From: \"Amazon Support\" <alert"
        + i
        + "@amaz0n-billing.top>\n"
        + "Reply-To: pay"
        + i
        + "@mail.ru\n"
        + "Subject: Action required: payment declined\n"
        + "Content-Type: text/html\n\n"
        + "<p>Your account will be suspended within 24 hours. Update your payment now:"
        + " <a href=\"http://198.51.100."
        + i
        + "/amazon/login\">https://www.amazon.com/account</a></p>\n";
  }

  private static String clean(int i) {
    return "Authentication-Results: mx.corp.example; spf=pass; dkim=pass; dmarc=pass\n"
        + "From: \"Build bot\" <ci@corp.example>\n"
        + "Subject: Nightly build "
        + i
        + " passed\n"
        + "Content-Type: text/plain\n\n"
        + "All 1,204 tests passed on build "
        + i
        + ". Logs: https://ci.corp.example/builds/"
        + i
        + "\n";
  }

  @Test
  void checksTrainsAndUsesTheLearnedModel() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    StringBuilder labels = new StringBuilder("file,label\n");
    for (int i = 1; i <= 6; i++) {
      Files.writeString(corpus.resolve("p" + i + ".eml"), phish(i));
      Files.writeString(corpus.resolve("c" + i + ".eml"), clean(i));
      labels
          .append("p")
          .append(i)
          .append(".eml,phishing\n")
          .append("c")
          .append(i)
          .append(".eml,ham\n");
    }
    Files.writeString(corpus.resolve("labels.csv"), labels);
    Path data = dir.resolve("data");

    Cli.Result before =
        Cli.run(
            "mail",
            "check",
            corpus.resolve("p1.eml").toString(),
            "--data-dir",
            data.toString(),
            "--fail-on",
            "medium");
    assertThat(before.exit()).isEqualTo(1);
    assertThat(before.out())
        .startsWith("malicious")
        .contains("[header:Reply-To]")
        .contains("[url:http://198.51.100.1/amazon/login]")
        .doesNotContain("learned model");
    Cli.Result ok =
        Cli.run(
            "mail",
            "check",
            corpus.resolve("c1.eml").toString(),
            "--data-dir",
            data.toString(),
            "--fail-on",
            "medium");
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).startsWith("clean");

    Cli.Result train =
        Cli.run("mail", "train", "--corpus", corpus.toString(), "--data-dir", data.toString());
    assertThat(train.exit()).as(train.err()).isZero();
    assertThat(train.out()).contains("trained on 12 messages (6 phishing)");
    assertThat(data.resolve("mail-model.json")).exists();

    Cli.Result after =
        Cli.run(
            "mail", "check", corpus.resolve("p2.eml").toString(), "--data-dir", data.toString());
    assertThat(after.out())
        .contains("the learned model (trained on 12 messages)")
        // and says what weighed most, in words
        .containsPattern("phishing, most of all for [^\\n]*(the words \"|check|meaning|link)");
    Cli.Result cleanAfter =
        Cli.run(
            "mail", "check", corpus.resolve("c2.eml").toString(), "--data-dir", data.toString());
    assertThat(cleanAfter.out()).startsWith("clean").doesNotContain("learned model");
  }

  @Test
  void checksEveryMessageOfAnMbox_andReportsItsIndex() throws Exception {
    Path inbox = dir.resolve("inbox.mbox");
    Files.writeString(
        inbox,
        "From ci@corp.example Mon Nov 23 10:00:00 2026\n"
            + clean(1)
            + "\nFrom alert@amaz0n-billing.top Mon Nov 23 10:05:00 2026\n"
            + phish(2)
            + "\nFrom ci@corp.example Mon Nov 23 10:10:00 2026\n"
            + clean(3));
    Cli.Result r =
        Cli.run("mail", "check", inbox.toString(), "--data-dir", dir.resolve("d").toString());
    assertThat(r.out())
        .containsPattern("clean +\\d+ +\\S*inbox.mbox #0")
        .containsPattern("malicious +\\d+ +\\S*inbox.mbox #1")
        .containsPattern("clean +\\d+ +\\S*inbox.mbox #2");
    Path sarif = dir.resolve("r.sarif");
    Cli.run(
        "mail",
        "check",
        inbox.toString(),
        "--format",
        "sarif",
        "-o",
        sarif.toString(),
        "--data-dir",
        dir.resolve("d").toString());
    assertThat(Files.readString(sarif)).contains("inbox.mbox");
  }

  @Test
  void rules_listEveryCheckWithPointsAndWeight() {
    Cli.Result r = Cli.run("mail", "rules");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern("(?m)^dmarc-fail +3 +primary +authentication +")
        .containsPattern("(?m)^no-link-to-sender +1 +supporting +links +")
        .contains("checks. Suspicious from 4 points");
  }

  @Test
  void indicatorsOfSuspiciousMailAreWrittenAsJsonAndStix() throws Exception {
    Path phish = dir.resolve("phish.eml");
    Files.writeString(phish, phish(7));
    Path ham = dir.resolve("ham.eml");
    Files.writeString(ham, clean(7));
    Path json = dir.resolve("iocs.json");
    Path stix = dir.resolve("iocs.stix.json");
    Cli.Result r =
        Cli.run(
            "mail",
            "check",
            phish.toString(),
            ham.toString(),
            "--indicators",
            json.toString(),
            "--stix",
            stix.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var doc = mapper.readTree(json.toFile());
    assertThat(doc.path("format").asText()).isEqualTo("bulwark-mail-indicators-1");
    // only the phish gives indicators; the clean message none
    assertThat(doc.path("messages")).hasSize(1);
    var m = doc.path("messages").get(0);
    java.util.List<String> fields = new java.util.ArrayList<>();
    m.fieldNames().forEachRemaining(fields::add);
    // exactly the documented fields (docs/mail-indicators.md)
    assertThat(fields)
        .containsExactly(
            "source", "index", "verdict", "score", "urls", "hosts", "ips", "emails", "files");
    assertThat(m.path("urls").get(0).asText()).isEqualTo("http://198.51.100.7/amazon/login");
    assertThat(m.path("ips").get(0).asText()).isEqualTo("198.51.100.7");
    java.util.List<String> emails = new java.util.ArrayList<>();
    m.path("emails").forEach(e -> emails.add(e.asText()));
    assertThat(emails).contains("alert7@amaz0n-billing.top", "pay7@mail.ru");

    var bundle = mapper.readTree(stix.toFile());
    assertThat(bundle.path("type").asText()).isEqualTo("bundle");
    assertThat(bundle.path("id").asText()).matches("bundle--[0-9a-f-]{36}");
    var objects = bundle.path("objects");
    assertThat(objects.get(0).path("type").asText()).isEqualTo("identity");
    java.util.List<String> patterns = new java.util.ArrayList<>();
    for (var o : objects) {
      if (o.path("type").asText().equals("indicator")) {
        assertThat(o.path("spec_version").asText()).isEqualTo("2.1");
        assertThat(o.path("id").asText()).matches("indicator--[0-9a-f-]{36}");
        assertThat(o.path("pattern_type").asText()).isEqualTo("stix");
        assertThat(o.path("valid_from").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(o.path("created_by_ref").asText()).isEqualTo(objects.get(0).path("id").asText());
        assertThat(o.path("indicator_types").get(0).asText()).isEqualTo("malicious-activity");
        patterns.add(o.path("pattern").asText());
      }
    }
    assertThat(patterns)
        .contains(
            "[url:value = 'http://198.51.100.7/amazon/login']",
            "[ipv4-addr:value = '198.51.100.7']",
            "[email-addr:value = 'pay7@mail.ru']");
  }

  /**
   * A genuine newsletter the checks alone find suspicious: its links go through a URL shortener and
   * show another address than they lead to.
   */
  private static String newsletter(int i) {
    return "From: Example News <news@news.example.org>\n"
        + "Subject: Weekly digest "
        + i
        + "\nContent-Type: text/html\n\n"
        + "<p>This week: <a href=\"https://bit.ly/digest"
        + i
        + "\">https://news.example.org/article/"
        + i
        + "</a></p>\n";
  }

  @Test
  void theTeamsVerdictsOnMailFindingsRetrainTheModel() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    for (int i = 1; i <= 4; i++) {
      Files.writeString(inbox.resolve("p" + i + ".eml"), phish(i));
      Files.writeString(inbox.resolve("n" + i + ".eml"), newsletter(i));
    }
    Path report = dir.resolve("report.json");
    Cli.Result check =
        Cli.run("mail", "check", inbox.toString(), "--format", "json", "-o", report.toString());
    assertThat(check.exit()).as(check.err()).isZero();
    var findings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
    java.util.List<String> real = new java.util.ArrayList<>();
    java.util.List<String> wrong = new java.util.ArrayList<>();
    for (var f : findings.path("findings")) {
      String where = f.toString();
      (where.contains("/p") ? real : wrong).add(f.path("fingerprint").asText());
    }
    assertThat(real).hasSize(4);
    assertThat(wrong).as("the newsletters are flagged by the checks alone").hasSize(4);
    Path data = dir.resolve("team");
    for (var verdict : java.util.Map.of("tp", real, "fp", wrong).entrySet()) {
      java.util.List<String> args =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "label",
                  "--verdict",
                  verdict.getKey(),
                  "--report",
                  report.toString(),
                  "--data-dir",
                  data.toString()));
      args.addAll(verdict.getValue());
      Cli.Result label = Cli.run(args.toArray(String[]::new));
      assertThat(label.exit()).as(label.err()).isZero();
    }
    Cli.Result train = Cli.run("mail", "train", "--team-labels", "--data-dir", data.toString());
    assertThat(train.exit()).as(train.err()).isZero();
    assertThat(train.out())
        .contains("trained on 8 messages (4 phishing; 8 from the team's verdicts)");
    assertThat(data.resolve("mail-model.json")).exists();
  }
}
