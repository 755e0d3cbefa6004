package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.FakeChatServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance path: draft a model of the demo shop, scan it, check the model with the scan. */
class ThreatModelCommandTest {
  private static final Path DEMO = Path.of("../examples/webshop").toAbsolutePath().normalize();

  @Test
  void draftThenCheckWithScan_linksRisksToRealFindings(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("model.yaml");
    Cli.Result draft = Cli.run("threatmodel", "draft", DEMO.toString(), "-o", model.toString());
    assertThat(draft.exit()).as(draft.err()).isZero();
    assertThat(draft.err()).contains("docker-compose.yml").contains("pom.xml");
    Path scan = tmp.resolve("scan.json");
    Cli.Result s = Cli.run("scan", DEMO.toString(), "--format", "json", "-o", scan.toString());
    assertThat(s.exit()).as(s.err()).isIn(0, 1);
    Path risks = tmp.resolve("risks.json");
    Path matrix = tmp.resolve("matrix.json");
    Cli.Result c =
        Cli.run(
            "threatmodel",
            "check",
            model.toString(),
            "--scan",
            scan.toString(),
            "--format",
            "json",
            "-o",
            risks.toString(),
            "--matrix",
            matrix.toString(),
            "--data-matrix",
            tmp.resolve("data-matrix.json").toString(),
            "--asset-report",
            tmp.resolve("assets.json").toString(),
            "--publish",
            "--data-dir",
            tmp.resolve("data").toString());
    assertThat(c.exit()).as(c.err()).isIn(0, 1);
    ObjectMapper json = new ObjectMapper();
    Set<String> scanned = new HashSet<>();
    json.readTree(scan.toFile())
        .path("findings")
        .forEach(f -> scanned.add(f.get("fingerprint").asText()));
    JsonNode findings = json.readTree(risks.toFile()).path("findings");
    assertThat(findings.size()).isGreaterThan(5);
    int inMatrix = 0;
    for (JsonNode cell : json.readTree(matrix.toFile()).path("cells")) {
      inMatrix += cell.get("total").asInt();
    }
    assertThat(inMatrix).as("the matrix counts every risk once").isEqualTo(findings.size());
    int linked = 0;
    Set<String> rules = new HashSet<>();
    for (JsonNode f : findings) {
      JsonNode ev = f.path("properties").path("threatmodel.evidence");
      if (ev.isMissingNode()) {
        continue;
      }
      for (String fp : ev.asText().split(",")) {
        assertThat(scanned).as("evidence cites a finding of the scan").contains(fp);
        linked++;
      }
      rules.add(f.get("ruleId").asText());
    }
    assertThat(rules).contains("sql-nosql-injection", "cross-site-scripting", "missing-vault");
    assertThat(linked).isGreaterThanOrEqualTo(5);

    // Mitigation from evidence: a risk whose weakness the scan's rules looked for in the asset's
    // code, without finding it, is marked mitigated and names those rules of the scan.
    Set<String> scanRules = new HashSet<>();
    json.readTree(scan.toFile()).path("rules").forEach(r -> scanRules.add(r.get("id").asText()));
    int mitigated = 0;
    for (JsonNode f : findings) {
      JsonNode m = f.path("properties").path("threatmodel.mitigation");
      if (m.isMissingNode()) {
        continue;
      }
      mitigated++;
      assertThat(f.path("properties").path("threatmodel.status").asText()).isEqualTo("mitigated");
      assertThat(f.path("properties").has("threatmodel.evidence"))
          .as("a confirming finding wins over a clean check")
          .isFalse();
      String cited = m.asText().replaceAll(".*\\(rules ([^;]*); code .*", "$1");
      for (String rule : cited.split(",")) {
        assertThat(scanRules).as("mitigation cites a rule of the scan").contains(rule);
      }
    }
    assertThat(mitigated).as(c.err()).isPositive();
    assertThat(c.err()).contains(mitigated + " marked mitigated by a clean scan");

    // --data-matrix: the shop's data assets against its technical assets, the risks in the cells
    JsonNode dataMatrix = json.readTree(tmp.resolve("data-matrix.json").toFile());
    assertThat(dataMatrix.path("technicalAssets").size()).isGreaterThan(1);
    assertThat(dataMatrix.path("dataAssets").size()).isPositive();
    int cellsWithRisks = 0;
    for (JsonNode row : dataMatrix.path("dataAssets")) {
      for (JsonNode cell : row.path("cells")) {
        assertThat(cell.path("roles")).as("only cells where the asset uses the data").isNotEmpty();
        cellsWithRisks += cell.path("total").asInt() > 0 ? 1 : 0;
      }
    }
    assertThat(cellsWithRisks).isPositive();

    // --asset-report: every asset once, and the findings it cites are findings of the scan
    JsonNode assets = json.readTree(tmp.resolve("assets.json").toFile()).path("technicalAssets");
    assertThat(assets.size()).isEqualTo(dataMatrix.path("technicalAssets").size());
    Set<String> citedByAssets = new HashSet<>();
    for (JsonNode a : assets) {
      for (JsonNode r : a.path("risks")) {
        r.path("evidence")
            .forEach(e -> {
              if (e.has("fingerprint")) {
                citedByAssets.add(e.get("fingerprint").asText());
              }
            });
      }
    }
    assertThat(citedByAssets).isNotEmpty();
    assertThat(scanned).containsAll(citedByAssets);

    // --publish: the same risks and evidence, left where the team server's console reads them
    var published =
        dev.bulwark.threatmodel.report.PublishedCheck.published(tmp.resolve("data")).orElseThrow();
    assertThat(c.err()).contains("published to " + tmp.resolve("data/threatmodel/check.json"));
    assertThat(published.modelFile()).isEqualTo("model.yaml");
    assertThat(published.risks()).hasSize(findings.size());
    Set<String> cited = new HashSet<>();
    published.risks().forEach(r -> r.evidence().forEach(e -> cited.add(e.fingerprint())));
    cited.remove("");
    assertThat(cited).isNotEmpty();
    assertThat(scanned).containsAll(cited);
  }

  @Test
  void draftWithLlm_listsEachProposalAsVerifiedOrNot(@TempDir Path tmp) throws Exception {
    String answer =
        """
        {"proposals":[
         {"kind":"link","element":"webshop>slack","claim":"posts alerts to a Slack webhook",
          "file":"src/main/resources/application.properties","line":7,
          "quote":"alerts.slack.webhook="},
         {"kind":"asset","element":"kafka","claim":"publishes orders to Kafka",
          "file":"src/main/resources/application.properties","line":5,"quote":"kafka.bootstrap"}
        ]}
        """;
    try (FakeChatServer server =
        FakeChatServer.start("fake-drafter", 500, 100, req -> FakeChatServer.text(answer))) {
      Path cfg = tmp.resolve("bulwark.yaml");
      Files.writeString(
          cfg, "llm:\n  endpoint: " + server.endpoint() + "\n  model: fake-drafter\n");
      Path model = tmp.resolve("model.yaml");
      Cli.Result d =
          Cli.run(
              "threatmodel",
              "draft",
              DEMO.toString(),
              "--llm",
              "--config",
              cfg.toString(),
              "-o",
              model.toString());
      assertThat(d.exit()).as(d.err()).isZero();
      assertThat(d.err())
          .contains("[verified] link webshop>slack: posts alerts to a Slack webhook")
          .contains("[unverified: line 5 does not say what the proposal quotes] asset kafka")
          .contains("proposed 2 elements, 1 verified against the repository");
      assertThat(server.requests().get(0).toString())
          .as("the shop's secrets stay out of the prompt")
          .doesNotContain("Marigold-Sparrow-2291")
          .doesNotContain("sk_live_");
    }
  }

  /** The shop as its authors might model it: comments, no path marks (bulwark.yaml holds them). */
  static final String SHOP_MODEL =
      """
      # The web shop, kept by hand
      title: Webshop
      data_assets:
        Orders:
          id: orders
          confidentiality: confidential
          integrity: critical
          availability: important
      technical_assets:
        Webshop:
          id: webshop   # the Spring Boot application
          type: process
          technology: web-server
          custom_developed_parts: true
          confidentiality: confidential
          integrity: critical
          availability: important
          data_assets_processed: [orders]
          communication_links:
            Orders database:
              target: db
              protocol: jdbc
              data_assets_sent: [orders]
        Database:
          id: db
          type: datastore
          technology: database
          confidentiality: confidential
          integrity: critical
          availability: important
          data_assets_stored: [orders]
      """;

  @Test
  void assetPathsFromBulwarkYaml_linkTheScanWhenTheModelHasNone(@TempDir Path tmp)
      throws Exception {
    Path model = Files.writeString(tmp.resolve("model.yaml"), SHOP_MODEL);
    Path scan = tmp.resolve("scan.json");
    Cli.Result s = Cli.run("scan", DEMO.toString(), "--format", "json", "-o", scan.toString());
    assertThat(s.exit()).as(s.err()).isIn(0, 1);
    Path none = Files.writeString(tmp.resolve("none.yaml"), "exclude: []\n");
    Cli.Result without =
        Cli.run(
            "threatmodel",
            "check",
            model.toString(),
            "--scan",
            scan.toString(),
            "--config",
            none.toString());
    assertThat(without.exit()).as(without.err()).isIn(0, 1);
    assertThat(without.err()).contains("0 risks with evidence");

    Path cfg =
        Files.writeString(
            tmp.resolve("bulwark.yaml"),
            "threatmodel:\n  assets:\n    webshop:\n      paths: [src/main, pom.xml]\n");
    Path risks = tmp.resolve("risks.json");
    Cli.Result with =
        Cli.run(
            "threatmodel",
            "check",
            model.toString(),
            "--scan",
            scan.toString(),
            "--config",
            cfg.toString(),
            "--format",
            "json",
            "-o",
            risks.toString());
    assertThat(with.exit()).as(with.err()).isIn(0, 1);
    assertThat(with.err()).doesNotContain("0 risks with evidence");
    ObjectMapper json = new ObjectMapper();
    Set<String> scanned = new HashSet<>();
    json.readTree(scan.toFile())
        .path("findings")
        .forEach(f -> scanned.add(f.get("fingerprint").asText()));
    Set<String> rules = new HashSet<>();
    for (JsonNode f : json.readTree(risks.toFile()).path("findings")) {
      JsonNode ev = f.path("properties").path("threatmodel.evidence");
      if (!ev.isMissingNode()) {
        for (String fp : ev.asText().split(",")) {
          assertThat(scanned).contains(fp);
        }
        rules.add(f.get("ruleId").asText());
      }
    }
    assertThat(rules).contains("sql-nosql-injection");

    Path typo =
        Files.writeString(
            tmp.resolve("typo.yaml"),
            "threatmodel:\n  assets:\n    web-shop:\n      paths: [src]\n");
    Cli.Result bad = Cli.run("threatmodel", "check", model.toString(), "--config", typo.toString());
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("threatmodel.assets.web-shop: the model has no technical asset");
  }

  @Test
  void draftWithLlmInto_writesTheVerifiedProposalsIntoTheModel(@TempDir Path tmp) throws Exception {
    String answer =
        """
        {"proposals":[
         {"kind":"asset","element":"stripe","claim":"takes card payments",
          "file":"src/main/resources/application.properties","line":5,
          "quote":"payments.provider=stripe"},
         {"kind":"link","element":"webshop>stripe","claim":"charges cards",
          "file":"src/main/resources/application.properties","line":5,
          "quote":"payments.provider"},
         {"kind":"asset","element":"kafka","claim":"publishes orders to Kafka",
          "file":"src/main/resources/application.properties","line":5,"quote":"kafka.bootstrap"}
        ]}
        """;
    try (FakeChatServer server =
        FakeChatServer.start("fake-drafter", 500, 100, req -> FakeChatServer.text(answer))) {
      Path cfg = tmp.resolve("bulwark.yaml");
      Files.writeString(
          cfg, "llm:\n  endpoint: " + server.endpoint() + "\n  model: fake-drafter\n");
      Path model = Files.writeString(tmp.resolve("model.yaml"), SHOP_MODEL);
      Cli.Result d =
          Cli.run(
              "threatmodel",
              "draft",
              DEMO.toString(),
              "--llm",
              "--config",
              cfg.toString(),
              "--into",
              model.toString());
      assertThat(d.exit()).as(d.err()).isZero();
      assertThat(d.out()).as("no draft printed with --into").isEmpty();
      assertThat(d.err())
          .contains("proposed 3 elements, 2 verified against the repository")
          .contains(
              "wrote 2 verified proposals into " + model + " (stripe, webshop>charges-cards)");
      assertThat(server.requests().get(0).toString())
          .as("the model asked about is the author's")
          .contains("Orders database");
      String text = Files.readString(model);
      assertThat(text)
          .startsWith(SHOP_MODEL.substring(0, SHOP_MODEL.indexOf("\n  Database:")))
          .contains("# The web shop, kept by hand", "id: webshop   # the Spring Boot application")
          .doesNotContain("kafka");
      Cli.Result check = Cli.run("threatmodel", "check", model.toString());
      assertThat(check.exit()).as(check.err()).isIn(0, 1);
      assertThat(check.err()).contains("on 3 assets and 2 links");

      Cli.Result noLlm =
          Cli.run("threatmodel", "draft", DEMO.toString(), "--into", model.toString());
      assertThat(noLlm.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(noLlm.err())
          .contains("--into writes the LLM's verified proposals: give --llm too");
    }
  }

  @Test
  void diagram_writesSvg(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("model.yaml");
    assertThat(Cli.run("threatmodel", "draft", DEMO.toString(), "-o", model.toString()).exit())
        .isZero();
    Path svg = tmp.resolve("dfd.svg");
    Cli.Result r =
        Cli.run("threatmodel", "diagram", model.toString(), "--built-in", "-o", svg.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(svg)).startsWith("<svg").contains("Webshop");
  }

  @Test
  void brokenModel_failsNamingFileAndLine(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("bad.yaml");
    Files.writeString(model, "technical_assets:\n  App:\n    id: app\n    type: gizmo\n");
    Cli.Result r = Cli.run("threatmodel", "check", model.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("bad.yaml:4").contains("'gizmo' is not one of");
  }
}
