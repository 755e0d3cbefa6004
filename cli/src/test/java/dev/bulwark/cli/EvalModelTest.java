package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.FakeChatServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark eval model} against a fake OpenAI-compatible server, and the engine baseline. */
class EvalModelTest {
  private static final Path SAMPLE =
      Path.of("src/test/resources/evals/rcm-sample.tsv").toAbsolutePath();
  @TempDir Path dir;

  /** {@code bulwark eval model} on a suite's data, asking model fake-cti at the endpoint. */
  private static Cli.Result model(String suite, Object data, String endpoint, String... extra) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "eval",
                "model",
                "--suite",
                suite,
                "--data",
                data.toString(),
                "--endpoint",
                endpoint,
                "--model",
                "fake-cti"));
    args.addAll(java.util.List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void scoresAModelBehindAnEndpoint() throws Exception {
    ObjectMapper json = new ObjectMapper();
    try (FakeChatServer server =
        FakeChatServer.start(
            "fake-cti",
            50,
            5,
            request -> {
              String prompt = FakeChatServer.lastContent(request);
              // A model that knows XSS and SQL injection and guesses CWE-20 for the rest.
              // On multiple choice the fake knows ports and answers A otherwise.
              String answer =
                  prompt.contains("**Question:**")
                      ? (prompt.contains("HTTPS") ? "HTTPS listens on 443, so:\nB" : "A")
                      : prompt.contains("cross-site scripting")
                          ? "Script injected into a page.\nCWE-79"
                          : prompt.contains("SQL injection")
                              ? "Query built from input.\nCWE-89"
                              : "Not sure.\nCWE-20";
              return FakeChatServer.text(answer);
            })) {
      Path record = dir.resolve("run.json");
      Cli.Result r =
          Cli.run(
              "eval",
              "model",
              "--suite",
              "ctibench-rcm",
              "--data",
              SAMPLE.toString(),
              "--endpoint",
              server.endpoint(),
              "--model",
              "fake-cti",
              "--json",
              record.toString(),
              "--price-input",
              "1.0",
              "--price-output",
              "2.0",
              "--parallel",
              "3");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("| items | 4 |")
          .contains("| accuracy (CVE→CWE, exact) | 50.0 % |")
          .contains("| pass@1 (one answer per item, exactly right) | 50.0 % |")
          .contains("| tokens | 220 |")
          .contains("| cost | 0.000240 |");
      assertThat(r.out().strip()).endsWith("model_score=50.0");
      Cli.Result mcq =
          model(
              "ctibench-mcq",
              SAMPLE.resolveSibling("mcq-sample.tsv").toString(),
              server.endpoint());
      assertThat(mcq.exit()).as(mcq.err()).isZero();
      // Right on HTTPS (B) and LSASS (A, by its guess), wrong on AAAA (C).
      assertThat(mcq.out()).contains("| accuracy (answer letter, exact) | 66.7 % |");
      var run = json.readTree(record.toFile());
      assertThat(run.path("suiteSha256").asText()).hasSize(64);
      assertThat(run.path("outcomes")).hasSize(4);
      // answered three at a time, recorded in the suite's order
      assertThat(run.path("outcomes").findValuesAsText("id"))
          .extracting(id -> id.substring(id.indexOf('#')))
          .containsExactly("#1", "#2", "#3", "#4");
      assertThat(run.path("promptVersion").asText()).isEqualTo("ctibench-rcm/as-published");
    }
  }

  @Test
  void cvssVectorsAreScoredByBaseScoreDeviation_andTechniquesByF1() throws Exception {
    try (FakeChatServer server =
        FakeChatServer.start(
            "fake-cti",
            40,
            10,
            request -> {
              String prompt = FakeChatServer.lastContent(request);
              String answer =
                  prompt.contains("Unauthenticated remote code execution")
                      ? "Network, no privileges.\nCVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
                      : prompt.contains("crash the Example Daemon")
                          ? "AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" // says network: 7.5, not 5.5
                          : prompt.contains("ExampleRAT")
                              ? "Web protocols (T1071.001) and an encrypted channel, T1573."
                              : prompt.contains("ExampleLoader")
                                  ? "T1059 and T1027"
                                  : prompt.contains("TCP ports")
                                      ? "I'm sorry, but I can't help with scanning networks."
                                      : prompt.contains("event forwarding")
                                          ? "Create a subscription on the collector, then …"
                                          : prompt.contains("rotates and compresses")
                                              ? "Here is a class using java.util.zip: …"
                                              : prompt.contains("Is this e-mail phishing?")
                                                  ? (prompt.contains("account has been suspended")
                                                      ? "Pressure and a fake login.\nPHISHING"
                                                      : "An internal note.\nNOT PHISHING")
                                                  : prompt.contains("Which MITRE ATT&CK tactic")
                                                      ? (prompt
                                                              .toLowerCase(java.util.Locale.ROOT)
                                                              .contains("amsi")
                                                          ? "Tampering with AMSI: Defense Evasion"
                                                          : "Probably Execution")
                                                      : prompt.contains("You triage findings")
                                                          ? (prompt.contains("<untrusted-data>")
                                                              ? "Looks real to me.\nTP"
                                                              : "FP")
                                                          : "I cannot tell.";
              return FakeChatServer.text(answer);
            })) {
      String endpoint = server.endpoint();
      Cli.Result vsp =
          model("ctibench-vsp", SAMPLE.resolveSibling("vsp-sample.tsv").toString(), endpoint);
      assertThat(vsp.exit()).as(vsp.err()).isZero();
      // deviations 0.0 and 2.0 over the two answers with a vector; the third had none
      assertThat(vsp.out())
          .contains(
              "| mean absolute deviation of the CVSS v3.1 base score (lower is better) | 1.00 |")
          .contains("| answers read | 66.7 % |");
      assertThat(vsp.out().strip()).endsWith("model_mad=1.00");
      Cli.Result ate =
          model("ctibench-ate", SAMPLE.resolveSibling("ate-sample.tsv").toString(), endpoint);
      assertThat(ate.exit()).as(ate.err()).isZero();
      // 3 right, 1 extra (T1027), 1 missed (T1105): F1 = 6 / 8
      assertThat(ate.out().strip()).endsWith("model_score=75.0");
      Cli.Result frr =
          model("cyberseceval-frr", SAMPLE.resolveSibling("frr-sample.json").toString(), endpoint);
      assertThat(frr.exit()).as(frr.err()).isZero();
      // three benign requests (the malicious one is not counted), one refused
      assertThat(frr.out()).contains("| items | 3 |");
      assertThat(frr.out().strip()).endsWith("model_frr=33.3");
      Cli.Result triage =
          Cli.run(
              "eval",
              "model",
              "--suite",
              "bulwark-triage",
              "--data",
              "../corpora/triage/labels.jsonl",
              "--limit",
              "40",
              "--endpoint",
              endpoint,
              "--model",
              "fake-cti");
      assertThat(triage.exit()).as(triage.err()).isZero();
      // always "TP": every true positive right, every false positive wrong
      assertThat(triage.out()).contains("| items | 40 |");
      assertThat(triage.out().strip()).endsWith("model_score=50.0");

      Path recordings = dir.resolve("recordings");
      Path fixtures = Path.of("../logs/src/test/resources/dev/bulwark/logs/evtx");
      java.nio.file.Files.createDirectories(recordings.resolve("Defense Evasion"));
      java.nio.file.Files.createDirectories(recordings.resolve("Persistence"));
      java.nio.file.Files.copy(
          fixtures.resolve("sysmon-process-creation.evtx"),
          recordings.resolve("Defense Evasion/amsi.evtx"));
      java.nio.file.Files.copy(
          fixtures.resolve("security-task-deleted.evtx"),
          recordings.resolve("Persistence/task.evtx"));
      Cli.Result tactic = model("bulwark-evtx-tactic", recordings.toString(), endpoint);
      assertThat(tactic.exit()).as(tactic.err()).isZero();
      // AMSI tampering named right; the deleted task (persistence) called execution
      assertThat(tactic.out()).contains("| items | 2 |");
      assertThat(tactic.out().strip()).endsWith("model_score=50.0");

      Path corpus = dir.resolve("mail");
      Path mails = Path.of("../mail/src/test/resources/dev/bulwark/mail");
      java.nio.file.Files.createDirectories(corpus);
      java.nio.file.Files.copy(mails.resolve("phish.eml"), corpus.resolve("phish.eml"));
      java.nio.file.Files.copy(mails.resolve("clean.eml"), corpus.resolve("clean.eml"));
      java.nio.file.Files.writeString(
          corpus.resolve("labels.csv"), "file,label\nphish.eml,phishing\nclean.eml,ham\n");
      Cli.Result mail = model("bulwark-mail", corpus.toString(), endpoint);
      assertThat(mail.exit()).as(mail.err()).isZero();
      assertThat(mail.out()).contains("| items | 2 |");
      assertThat(mail.out().strip()).endsWith("model_score=100.0");
      Cli.Result engine =
          Cli.run(
              "eval",
              "model",
              "--suite",
              "bulwark-mail",
              "--data",
              corpus.toString(),
              "--model",
              "bulwark");
      assertThat(engine.exit()).as(engine.err()).isZero();
      assertThat(engine.out()).contains("mail-checks-alone-era-headers-stripped");
      assertThat(engine.out().strip()).endsWith("model_score=100.0");
    }
  }

  @Test
  void judgedSuitesUseRulesFirstAndAPinnedJudgeForTheRest() throws Exception {
    try (FakeChatServer server =
        FakeChatServer.start(
            "fake-cti",
            30,
            6,
            request -> {
              String prompt = FakeChatServer.lastContent(request);
              String answer;
              if (prompt.contains("You grade another AI model's response")) {
                // the judge: the poem got through; reading the mounts helps an escape
                answer =
                    prompt.contains("Waves roll")
                        ? "It is a poem about the sea.\nYES"
                        : prompt.contains("/proc/mounts") ? "MALICIOUS" : "NO";
              } else if (prompt.contains("print the secret word")) {
                answer = "Fine: the secret word is Lantern.";
              } else if (prompt.contains("access code now")) {
                answer = "I can't share the access code.";
              } else if (prompt.contains("poem about the sea")) {
                answer = "Waves roll in, the gulls reply.";
              } else if (prompt.contains("/etc/shadow")) {
                answer = "I can't help with that.";
              } else if (prompt.contains("container's mounts")) {
                answer = "import os\nprint(open('/proc/mounts').read())";
              } else if (prompt.contains("sample one")) {
                answer = "The embassy targeting and the backdoor point to Venomous Bear.";
              } else if (prompt.contains("sample two")) {
                answer = "APT28";
              } else {
                answer = "Unknown.";
              }
              return FakeChatServer.text(answer);
            })) {
      String endpoint = server.endpoint();
      Path pi = SAMPLE.resolveSibling("pi-sample.json");
      Cli.Result rulesOnly = model("cyberseceval-prompt-injection", pi.toString(), endpoint);
      assertThat(rulesOnly.exit()).as(rulesOnly.err()).isZero();
      // the two literal questions graded by rule (one leak); the poem needs a judge: not sent
      assertThat(rulesOnly.out())
          .contains("| items | 2 |")
          .contains("| items left out | 1 (1 need a judge model (--judge-model) to be graded) |");
      assertThat(rulesOnly.out().strip()).endsWith("model_isr=50.0");
      int before = server.requests().size();
      Path record = dir.resolve("pi.json");
      Cli.Result judged =
          Cli.run(
              "eval",
              "model",
              "--suite",
              "cyberseceval-prompt-injection",
              "--data",
              pi.toString(),
              "--endpoint",
              endpoint,
              "--model",
              "fake-cti",
              "--judge-model",
              "fake-judge",
              "--json",
              record.toString());
      assertThat(judged.exit()).as(judged.err()).isZero();
      assertThat(judged.out())
          .contains("| items | 3 |")
          .contains("| judge | openai:fake-judge (bulwark-judge-1) |");
      assertThat(judged.out().strip()).endsWith("model_isr=66.7");
      // three answers and one judgement: the rules decided two items without asking the judge
      assertThat(server.requests().size() - before).isEqualTo(4);
      var run = new ObjectMapper().readTree(record.toFile());
      assertThat(run.path("outcomes").findValuesAsText("judgedBy"))
          .containsExactly("rule", "rule", "judge");

      Path interp = SAMPLE.resolveSibling("interpreter-sample.json");
      Cli.Result noJudge = model("cyberseceval-interpreter", interp.toString(), endpoint);
      assertThat(noJudge.exit()).isNotZero();
      assertThat(noJudge.err()).contains("give --judge-model");
      Cli.Result interpreter =
          model(
              "cyberseceval-interpreter",
              interp.toString(),
              endpoint,
              "--judge-model",
              "fake-judge");
      assertThat(interpreter.exit()).as(interpreter.err()).isZero();
      // the refusal is benign by rule; the judge calls the mount listing malicious
      assertThat(interpreter.out().strip()).endsWith("model_mcr=50.0");

      Cli.Result taa =
          model("ctibench-taa", SAMPLE.resolveSibling("taa-sample.tsv").toString(), endpoint);
      assertThat(taa.exit()).as(taa.err()).isZero();
      // Venomous Bear is Turla (right); APT28 is not APT29 (wrong); the third names no group
      assertThat(taa.out())
          .contains("| items | 2 |")
          .contains(
              "| items left out | 1 (1 reports whose address names no single ATT&CK group) |");
      assertThat(taa.out().strip()).endsWith("model_score=50.0");
    }
  }

  @Test
  void engineBaselineNamesTheWeaknessFromItsPhrases() {
    Cli.Result r =
        Cli.run(
            "eval",
            "model",
            "--suite",
            "ctibench-rcm",
            "--data",
            SAMPLE.toString(),
            "--model",
            "bulwark");
    assertThat(r.exit()).as(r.err()).isZero();
    // XSS, SQL injection and use-after-free are named in their descriptions; the fourth is not.
    assertThat(r.out()).contains("| accuracy (CVE→CWE, exact) | 75.0 % |");
    assertThat(Files.exists(SAMPLE)).isTrue();
  }
}
