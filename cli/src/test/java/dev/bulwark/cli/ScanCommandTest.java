package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO = Path.of("../examples/webshop").toAbsolutePath().normalize();
  @TempDir Path dir;

  @Test
  void demo_sarifReport_isSchemaValid_andHasThePlantedSecrets() throws Exception {
    Path out = dir.resolve("out.sarif");
    Cli.Result r =
        Cli.run(
            "scan", DEMO.toString(), "--format", "sarif", "-o", out.toString(), "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode sarif = JSON.readTree(out.toFile());
    assertThat(Schemas.sarifErrors(sarif)).isEmpty();
    JsonNode results = sarif.path("runs").get(0).path("results");
    assertThat(results.size()).isGreaterThanOrEqualTo(8);
    assertThat(results.findValuesAsText("ruleId"))
        .contains("stripe-secret-key", "aws-secret-access-key", "private-key-openssh");
    // The terminal summary still goes to stdout when every report went to a file.
    assertThat(r.out()).contains("findings");
    assertThat(r.err()).contains("wrote sarif report");
  }

  @Test
  void history_withTheSecretsAnalyzer_scansTheCommits_andWithoutOneIsRefused() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    // assembled here so the test source itself holds no key-shaped literal
    String key = "sk_" + "live_" + "51Hq8TgK2mZxYvQ3pLr7NwBdXe9U";
    try (org.eclipse.jgit.api.Git git =
        org.eclipse.jgit.api.Git.init()
            .setDirectory(repo.toFile())
            .setInitialBranch("main")
            .call()) {
      Files.writeString(repo.resolve("pay.properties"), "stripe.key=" + key + "\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("pay").setAuthor("Dana", "d@corp.invalid").setSign(false).call();
      Files.writeString(repo.resolve("pay.properties"), "stripe.key=${STRIPE_KEY}\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("env").setAuthor("Dana", "d@corp.invalid").setSign(false).call();
    }
    Path out = dir.resolve("h.json");
    Cli.Result r =
        Cli.run(
            "scan",
            repo.toString(),
            "--history",
            "--analyzer",
            "secrets",
            "--format",
            "json",
            "-o",
            out.toString(),
            "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode findings = JSON.readTree(out.toFile()).path("findings");
    // the key is gone from HEAD, so only the history analyzer can have found it
    assertThat(findings.findValuesAsText("ruleId")).contains("stripe-secret-key");

    Cli.Result code = Cli.run("scan", repo.toString(), "--history", "--analyzer", "code");
    assertThat(code.exit()).isEqualTo(2);
    assertThat(code.err()).contains("--history scans git history for secrets");

    Path plain = Files.createDirectories(dir.resolve("plain"));
    Cli.Result noGit = Cli.run("scan", plain.toString(), "--history", "--no-progress");
    assertThat(noGit.exit()).isEqualTo(2);
    assertThat(noGit.err()).contains("is not inside one");
  }

  @Test
  void failOn_setsExitStatusOne_onlyAtOrAboveTheThreshold() {
    assertThat(Cli.run("scan", DEMO.toString(), "--fail-on", "critical", "--no-progress").exit())
        .isEqualTo(1);
    Path clean = dir;
    assertThat(Cli.run("scan", clean.toString(), "--fail-on", "info", "--no-progress").exit())
        .isZero();
  }

  @Test
  void usageAndInputErrors_exitWithTwo() {
    Cli.Result missing = Cli.run("scan", dir.resolve("absent").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("absent");
    assertThat(Cli.run("scan", dir.toString(), "--format", "pdf").exit()).isEqualTo(2);
    assertThat(Cli.run("scan", dir.toString(), "--fail-on", "urgent").exit()).isEqualTo(2);
    assertThat(Cli.run("scan", dir.toString(), "--format", "json", "--format", "sarif").err())
        .contains("only one --format");
    assertThat(Cli.run("scan", dir.toString(), "--analyzer", "nope").exit()).isEqualTo(2);
    assertThat(Cli.run("frobnicate").exit()).isEqualTo(2);
  }

  @Test
  void badConfig_isAnInputErrorNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("bulwark.yaml"), "exclude: [unclosed\n");
    Cli.Result r = Cli.run("scan", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("bulwark.yaml").contains("invalid YAML");
  }

  @Test
  void baseline_fromAnEarlierJsonReport_hidesKnownFindings() throws Exception {
    Path project = dir.resolve("p");
    Files.createDirectories(project);
    Files.writeString(project.resolve("app.env"), "DB_PASSWORD=Sunflower-Orbit-77\n");
    Path base = dir.resolve("base.json");
    assertThat(
            Cli.run("scan", project.toString(), "--format", "json", "-o", base.toString()).exit())
        .isZero();
    Files.writeString(
        project.resolve("app.env"),
        "# moved down\nDB_PASSWORD=Sunflower-Orbit-77\nAPI_TOKEN=Zq8vN2mK5pL9xR3tW7yB\n");
    Path after = dir.resolve("after.json");
    Cli.run(
        "scan",
        project.toString(),
        "--baseline",
        base.toString(),
        "--format",
        "json",
        "-o",
        after.toString());
    JsonNode report = JSON.readTree(after.toFile());
    assertThat(report.path("findings")).hasSize(1);
    assertThat(report.path("scan").path("baseline").path("matched").asInt()).isEqualTo(1);
    assertThat(Schemas.reportErrors(report)).isEmpty();
  }

  @Test
  void everyFormat_canBeWrittenToAFile() throws Exception {
    for (String f : new String[] {"json", "sarif", "markdown", "html", "terminal"}) {
      Path out = dir.resolve("r." + f);
      assertThat(Cli.run("scan", DEMO.toString(), "--format", f, "-o", out.toString()).exit())
          .isZero();
      assertThat(Files.size(out)).isPositive();
    }
  }

  @Test
  void rulesCommand_listsAnalyzersAndRules() {
    Cli.Result r = Cli.run("rules", "--analyzer", "secrets");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("github-pat", "private-key-rsa", "CWE-798");
  }
}
