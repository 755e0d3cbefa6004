package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.threatmodel.evidence.EvidenceLinker;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.RiskTracking;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.report.RiskFindings;
import dev.bulwark.threatmodel.rules.Risk;
import dev.bulwark.threatmodel.rules.RuleEngine;
import dev.bulwark.threatmodel.rules.RuleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence both ways: a finding in an asset's code confirms its risk (and reopens one the model
 * marks mitigated); a complete scan whose rules looked for the weakness and found none marks an
 * unchecked risk mitigated, citing those rules.
 */
class EvidenceLinkerTest {
  private static final String MODEL =
      """
      title: shop
      data_assets:
        Orders:
          id: orders
          confidentiality: confidential
          integrity: critical
          availability: important
      technical_assets:
        App:
          id: app
          type: process
          technology: web-server
          custom_developed_parts: true
          tags: ["path:src/app"]
          communication_links:
            Queries:
              protocol: jdbc-encrypted
              authentication: credentials
              target: db
        Other:
          id: other
          type: process
          technology: web-server
          custom_developed_parts: true
          communication_links:
            Queries:
              protocol: jdbc-encrypted
              authentication: credentials
              target: db
        DB:
          id: db
          type: datastore
          technology: database
          data_assets_stored: ["orders"]
      """;

  private static final EvidenceLinker.Coverage SQL_CHECKED =
      new EvidenceLinker.Coverage(
          Map.of("java-sql-injection", Set.of("CWE-89"), "java-xss", Set.of("CWE-79")), true);

  private static Finding finding(String path, String cwe) {
    return Finding.builder("code", "java-sql-injection")
        .title("SQL injection")
        .message("query built from request input")
        .severity(Severity.HIGH)
        .confidence(Confidence.HIGH)
        .location(new Location.File(path, Region.line(12)))
        .taxon(TaxonomyRef.cwe(Integer.parseInt(cwe)))
        .identity(path)
        .build();
  }

  private static List<Risk> sqlRisks(Path tmp, String model) throws Exception {
    Path f = tmp.resolve("model.yaml");
    Files.writeString(f, model);
    ThreatModel m = Models.read(f);
    return RuleEngine.builtIn()
        .assess(
            m,
            RuleLoader.builtIn().stream()
                .filter(r -> r.id().equals("sql-nosql-injection"))
                .toList());
  }

  private static ThreatModel model(Path tmp) throws Exception {
    return Models.read(tmp.resolve("model.yaml"));
  }

  private static Risk riskFrom(List<Risk> risks, String source) {
    return risks.stream()
        .filter(r -> r.syntheticId().contains("@" + source + "@"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void cleanCompleteScan_marksUncheckedRiskMitigated_citingTheRulesThatLooked(@TempDir Path tmp)
      throws Exception {
    List<Risk> risks = sqlRisks(tmp, MODEL);
    assertThat(risks).hasSize(2);
    List<Risk> linked =
        EvidenceLinker.link(
            model(tmp), risks, List.of(finding("src/other/Dao.java", "79")), SQL_CHECKED);

    Risk app = riskFrom(linked, "app");
    assertThat(app.status()).isEqualTo(RiskTracking.Status.MITIGATED);
    assertThat(app.likelihood()).isEqualTo(riskFrom(risks, "app").likelihood());
    assertThat(app.evidence())
        .singleElement()
        .satisfies(e -> {
          assertThat(e.effect()).isEqualTo(Risk.Effect.MITIGATES);
          assertThat(e.ruleId()).isEqualTo("java-sql-injection");
          assertThat(e.location()).isEqualTo("src/app");
          assertThat(e.why()).contains("CWE-89").contains("none found");
        });
    // The other asset names no code: a scan cannot have looked at it.
    Risk other = riskFrom(linked, "other");
    assertThat(other.status()).isEqualTo(RiskTracking.Status.UNCHECKED);
    assertThat(other.evidence()).isEmpty();

    Finding reported =
        RiskFindings.of(model(tmp), "model.yaml", linked).stream()
            .filter(f -> f.properties().get("threatmodel.risk").equals(app.syntheticId()))
            .findFirst()
            .orElseThrow();
    assertThat(reported.properties())
        .containsEntry("threatmodel.status", "mitigated")
        .doesNotContainKey("threatmodel.evidence");
    assertThat(reported.properties().get("threatmodel.mitigation"))
        .contains("java-sql-injection")
        .contains("src/app");
  }

  @Test
  void findingInTheAssetsCode_confirms_andNeverCountsAsMitigation(@TempDir Path tmp)
      throws Exception {
    List<Risk> risks = sqlRisks(tmp, MODEL);
    Finding sqli = finding("src/app/OrderDao.java", "89");
    Risk app = riskFrom(EvidenceLinker.link(model(tmp), risks, List.of(sqli), SQL_CHECKED), "app");
    assertThat(app.status()).isEqualTo(RiskTracking.Status.UNCHECKED);
    assertThat(app.evidence())
        .singleElement()
        .satisfies(e -> {
          assertThat(e.effect()).isEqualTo(Risk.Effect.CONFIRMS);
          assertThat(e.fingerprint()).isEqualTo(sqli.fingerprint());
        });
    assertThat(app.likelihood()).isNotEqualTo(riskFrom(risks, "app").likelihood());
  }

  @Test
  void incompleteScan_orNoRuleForTheCwe_provesNothing(@TempDir Path tmp) throws Exception {
    List<Risk> risks = sqlRisks(tmp, MODEL);
    EvidenceLinker.Coverage failedRun =
        new EvidenceLinker.Coverage(SQL_CHECKED.cwesByRule(), false);
    EvidenceLinker.Coverage noSqlRule =
        new EvidenceLinker.Coverage(Map.of("java-xss", Set.of("CWE-79")), true);
    for (EvidenceLinker.Coverage c :
        List.of(failedRun, noSqlRule, EvidenceLinker.Coverage.none())) {
      Risk app = riskFrom(EvidenceLinker.link(model(tmp), risks, List.of(), c), "app");
      assertThat(app.status()).as(c.toString()).isEqualTo(RiskTracking.Status.UNCHECKED);
      assertThat(app.evidence()).as(c.toString()).isEmpty();
    }
  }

  @Test
  void modelSaysMitigated_butAFindingShowsTheControlMissing_reopensWithTheReason(@TempDir Path tmp)
      throws Exception {
    String tracked =
        MODEL
            + """
            risk_tracking:
              "sql-nosql-injection@*@*@*":
                status: mitigated
                justification: prepared statements everywhere
            """;
    List<Risk> risks = sqlRisks(tmp, tracked);
    assertThat(riskFrom(risks, "app").status()).isEqualTo(RiskTracking.Status.MITIGATED);
    Risk app =
        riskFrom(
            EvidenceLinker.link(
                model(tmp), risks, List.of(finding("src/app/OrderDao.java", "89")), SQL_CHECKED),
            "app");
    assertThat(app.status()).isEqualTo(RiskTracking.Status.IN_PROGRESS);
    assertThat(app.evidence())
        .singleElement()
        .satisfies(
            e -> assertThat(e.why()).contains("marks it mitigated but the control is missing"));
    // The author's decision on the asset without findings stands; a clean scan does not override
    // it.
    Risk other = riskFrom(EvidenceLinker.link(model(tmp), risks, List.of(), SQL_CHECKED), "other");
    assertThat(other.status()).isEqualTo(RiskTracking.Status.MITIGATED);
    assertThat(other.evidence()).isEmpty();
  }
}
