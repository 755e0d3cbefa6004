package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.ServerConfig;
import dev.bulwark.store.FindingStore;
import dev.bulwark.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark scan --upload against a real server on 127.0.0.1 with a real H2 store. */
class UploadTest {
  private static final Path DEMO = Path.of("../examples/webshop").toAbsolutePath().normalize();

  @Test
  void aScanUploadsItsReport_andTheServerTracksItsFindings(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Store store = Store.openDefault(dir.resolve("data"));
        BulwarkServer server =
            new BulwarkServer(
                    store,
                    ServerConfig.defaults().withPort(0),
                    new PrintStream(log, true, StandardCharsets.UTF_8))
                .start()) {
      // the first-run token is never logged and only rotates itself: CI gets an ordinary token
      assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("bwk_");
      var accounts = new dev.bulwark.store.Accounts(store);
      Path token = dir.resolve("token");
      Files.writeString(
          token, accounts.createToken(accounts.user("admin").orElseThrow().id(), "ci") + "\n");
      String url = "http://127.0.0.1:" + server.port() + "/";

      Cli.Result first =
          Cli.run(
              "scan",
              DEMO.toString(),
              "--analyzer",
              "secrets",
              "--analyzer",
              "code",
              "--upload",
              url,
              "--token-file",
              token.toString(),
              "--format",
              "json",
              "-o",
              dir.resolve("r.json").toString());
      assertThat(first.err())
          .contains("uploaded to " + url + " (project webshop")
          .contains("15 new");
      FindingStore findings = new FindingStore(store);
      assertThat(findings.list(FindingStore.Query.open("webshop", 100)).items()).hasSize(15);

      Cli.Result second =
          Cli.run(
              "scan",
              DEMO.toString(),
              "--analyzer",
              "secrets",
              "--upload",
              url,
              "--token-file",
              token.toString(),
              "--format",
              "json",
              "-o",
              dir.resolve("r2.json").toString());
      assertThat(second.err()).contains("0 new").contains("0 fixed");

      // a verdict given on the server becomes a label the AI layer trains on
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      long id = findings.list(FindingStore.Query.open("webshop", 1)).items().get(0).id();
      var labelled =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(url + "api/findings/" + id + "/labels"))
                  .header("Authorization", "Bearer " + Files.readString(token).strip())
                  .header("Content-Type", "application/json")
                  .POST(
                      java.net.http.HttpRequest.BodyPublishers.ofString(
                          "{\"verdict\":\"fp\",\"note\":\"demo key\"}"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(labelled.statusCode()).isEqualTo(201);
      var export =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(url + "api/labels?project=webshop"))
                  .header("Authorization", "Bearer " + Files.readString(token).strip())
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      Path labels = dir.resolve("team-labels.jsonl");
      Files.writeString(labels, export.body());
      Cli.Result imported =
          Cli.run("label", "import", labels.toString(), "--data-dir", dir.resolve("ai").toString());
      assertThat(imported.out()).as(imported.err()).contains("imported 1 labels");
      Cli.Result listed = Cli.run("label", "list", "--data-dir", dir.resolve("ai").toString());
      assertThat(listed.out()).contains("demo key");

      Cli.Result noToken =
          Cli.run(
              "scan",
              DEMO.toString(),
              "--upload",
              url,
              "--token-file",
              dir.resolve("missing").toString());
      assertThat(noToken.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(noToken.err()).contains("cannot read the token");
    }
  }

  @Test
  void scanWithFixes_andFixUpload_sendVerifiedPatches_thatTheServerServesPerFinding(
      @TempDir Path dir) throws Exception {
    try (Store store = Store.openDefault(dir.resolve("data"));
        BulwarkServer server =
            new BulwarkServer(
                    store,
                    ServerConfig.defaults().withPort(0),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .start()) {
      var accounts = new dev.bulwark.store.Accounts(store);
      String secret = accounts.createToken(accounts.user("admin").orElseThrow().id(), "ci");
      Path token = dir.resolve("token");
      Files.writeString(token, secret + "\n");
      String url = "http://127.0.0.1:" + server.port() + "/";

      Cli.Result scan =
          Cli.run(
              "scan",
              DEMO.toString(),
              "--analyzer",
              "code",
              "--upload",
              url,
              "--fixes",
              "--token-file",
              token.toString(),
              "--project",
              "shop-scan");
      assertThat(scan.err())
          .as(scan.err())
          .contains("with a verified patch")
          .contains("(project shop-scan");
      FindingStore findings = new FindingStore(store);
      dev.bulwark.store.Fixes fixes = new dev.bulwark.store.Fixes(store);
      var rows = findings.list(FindingStore.Query.open("shop-scan", 100)).items();
      long withFix = rows.stream().filter(r -> fixes.forFinding(r.id()).isPresent()).count();
      assertThat(withFix).as(scan.err()).isGreaterThan(0);

      // the fix command sends its verified patches to a project scanned before
      Cli.Result plain =
          Cli.run(
              "scan",
              DEMO.toString(),
              "--analyzer",
              "code",
              "--upload",
              url,
              "--token-file",
              token.toString(),
              "--project",
              "shop-fix");
      assertThat(plain.exit()).as(plain.err()).isEqualTo(ExitCodes.OK);
      var before = findings.list(FindingStore.Query.open("shop-fix", 100)).items();
      assertThat(before).allSatisfy(r -> assertThat(fixes.forFinding(r.id())).isEmpty());
      Cli.Result fix =
          Cli.run(
              "fix",
              DEMO.toString(),
              "--upload",
              url,
              "--token-file",
              token.toString(),
              "--project",
              "shop-fix");
      assertThat(fix.exit()).as(fix.err()).isEqualTo(ExitCodes.OK);
      assertThat(fix.err()).contains("uploaded to " + url + " (project shop-fix): ");
      long matched = before.stream().filter(r -> fixes.forFinding(r.id()).isPresent()).count();
      assertThat(matched).isEqualTo(withFix);

      // and the API serves each one to a viewer, as the console shows it
      long id =
          before.stream()
              .filter(r -> fixes.forFinding(r.id()).isPresent())
              .findFirst()
              .orElseThrow()
              .id();
      var answer =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(url + "api/findings/" + id + "/fix"))
                      .header("Authorization", "Bearer " + secret)
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("\"status\":\"verified\"").contains("+++ ");

      // the patch plan goes to the console's calendar without a hand-made PUT
      Cli.Result plan =
          Cli.run(
              "deps",
              "plan",
              DEMO.toString(),
              "--upload",
              url,
              "--token-file",
              token.toString(),
              "--project",
              "shop-fix",
              "-o",
              dir.resolve("plan.md").toString(),
              "--ics",
              dir.resolve("plan.ics").toString());
      assertThat(plan.exit()).as(plan.err()).isEqualTo(ExitCodes.OK);
      assertThat(plan.err()).contains("uploaded to " + url + " (project shop-fix): patch plan");
      var stored = new dev.bulwark.store.Documents(store).latestPatchPlan("shop-fix");
      assertThat(stored).isPresent();
      assertThat(stored.get().body()).contains("\"windows\"");

      Cli.Result noUpload = Cli.run("scan", DEMO.toString(), "--fixes");
      assertThat(noUpload.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(noUpload.err()).contains("--fixes goes with --upload");
    }
  }

  @Test
  void aHuntUploadsItsIncidents_withTheScoreNarrativeAndEventsOfTheTerminal(@TempDir Path dir)
      throws Exception {
    Path logs = Files.createDirectories(dir.resolve("evidence"));
    IncidentLogs.write(logs);
    try (Store store = Store.openDefault(dir.resolve("data"));
        BulwarkServer server =
            new BulwarkServer(
                    store,
                    ServerConfig.defaults().withPort(0),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .start()) {
      var accounts = new dev.bulwark.store.Accounts(store);
      Path token = dir.resolve("token");
      Files.writeString(
          token, accounts.createToken(accounts.user("admin").orElseThrow().id(), "ci") + "\n");
      String url = "http://127.0.0.1:" + server.port() + "/";
      Path timeline = dir.resolve("timeline.json");
      Cli.Result hunt =
          Cli.run(
              "logs",
              "hunt",
              logs.toString(),
              "--no-progress",
              "--timeline",
              timeline.toString(),
              "--upload",
              url,
              "--token-file",
              token.toString(),
              "--project",
              "soc");
      assertThat(hunt.exit()).as(hunt.err()).isZero();
      assertThat(hunt.err()).contains("uploaded to " + url + " (project soc");
      com.fasterxml.jackson.databind.JsonNode cli =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(timeline.toFile());
      dev.bulwark.store.Incidents incidents = new dev.bulwark.store.Incidents(store);
      var stored = incidents.list("soc", 10);
      assertThat(stored).hasSize(cli.path("incidents").size()).isNotEmpty();
      for (com.fasterxml.jackson.databind.JsonNode i : cli.path("incidents")) {
        var row =
            stored.stream()
                .filter(x -> x.key().equals(i.path("id").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(row.score()).as("the terminal's score").isEqualTo(i.path("score").asInt());
        String body = incidents.get(row.id()).orElseThrow().body();
        assertThat(body).contains(i.path("narrative").asText().substring(0, 20));
      }
      String all =
          stored.stream()
              .map(x -> incidents.get(x.id()).orElseThrow().body())
              .reduce("", String::concat);
      assertThat(all)
          .contains("vssadmin delete shadows /all /quiet")
          .contains("mallory")
          .contains("WS07");
    }
  }
}
