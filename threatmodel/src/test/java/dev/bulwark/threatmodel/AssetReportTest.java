package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.Golden;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.RiskTracking;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import dev.bulwark.threatmodel.report.AssetReport;
import dev.bulwark.threatmodel.rules.Risk;
import dev.bulwark.threatmodel.rules.RuleEngine;
import dev.bulwark.threatmodel.rules.RuleLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report per technical asset of Threagile's example model. */
class AssetReportTest {
  private static final List<String> WORST_FIRST =
      List.of("critical", "high", "elevated", "medium", "low");

  private static ThreatModel example() throws Exception {
    return Models.read(ModelFormatsTest.data().resolve("threagile/example-threagile.yaml"));
  }

  @Test
  void example_matchesGoldens_inTheThreeFormats() throws Exception {
    ThreatModel m = example();
    List<Risk> risks = RuleEngine.builtIn().assess(m, RuleLoader.builtIn());
    AssetReport report = AssetReport.of(m, risks);
    assertThat(report.assets()).hasSize(m.technicalAssets().size());
    Golden.assertMatches("threagile-example/asset-report.md", report.markdown());
    Golden.assertMatches("threagile-example/asset-report.html", report.html());
    Golden.assertMatches("threagile-example/asset-report.json", report.json());
  }

  /**
   * Each section recomputed from the model: its links at both ends, every risk on the asset or on
   * one of its links, and the order worst first (assets and the risks inside them).
   */
  @Test
  void example_everySection_agreesWithTheModelAndTheRisks() throws Exception {
    ThreatModel m = example();
    List<Risk> risks = RuleEngine.builtIn().assess(m, RuleLoader.builtIn());
    AssetReport report = AssetReport.of(m, risks);
    Set<String> seen = new HashSet<>();
    int previousWorst = -1;
    for (AssetReport.Entry e : report.assets()) {
      assertThat(seen.add(e.id())).as("each asset once").isTrue();
      TechnicalAsset a = m.asset(e.id()).orElseThrow();
      assertThat(e.type()).isEqualTo(a.type());
      assertThat(e.technologies()).isEqualTo(a.technologies());
      assertThat(e.processed()).extracting(AssetReport.Named::id).isEqualTo(a.dataProcessed());
      assertThat(e.stored()).extracting(AssetReport.Named::id).isEqualTo(a.dataStored());
      List<String> in = new ArrayList<>();
      List<String> out = new ArrayList<>();
      for (CommunicationLink l : m.links()) {
        if (l.targetId().equals(a.id())) {
          in.add(l.id());
        }
        if (l.sourceId().equals(a.id())) {
          out.add(l.id());
        }
      }
      assertThat(e.incoming()).extracting(AssetReport.Link::id).isEqualTo(in);
      assertThat(e.outgoing()).extracting(AssetReport.Link::id).isEqualTo(out);
      Set<String> expected = new HashSet<>();
      for (Risk r : risks) {
        if ((r.kind() == Kind.TECHNICAL_ASSET && r.elementId().equals(a.id()))
            || (r.kind() == Kind.COMMUNICATION_LINK
                && (in.contains(r.elementId()) || out.contains(r.elementId())))) {
          expected.add(r.syntheticId());
        }
      }
      assertThat(e.risks())
          .extracting(AssetReport.Row::id)
          .as("risks of " + a.id())
          .containsExactlyInAnyOrderElementsOf(expected);
      // worst first inside the section: open ones, then by severity
      for (int i = 1; i < e.risks().size(); i++) {
        AssetReport.Row before = e.risks().get(i - 1);
        AssetReport.Row after = e.risks().get(i);
        if (before.open() == after.open()) {
          assertThat(WORST_FIRST.indexOf(before.severity()))
              .isLessThanOrEqualTo(WORST_FIRST.indexOf(after.severity()));
        } else {
          assertThat(before.open()).as("open risks before closed ones").isTrue();
        }
      }
      int worst = e.worstOpen().isEmpty() ? WORST_FIRST.size() : WORST_FIRST.indexOf(e.worstOpen());
      assertThat(worst).as("assets worst first").isGreaterThanOrEqualTo(previousWorst);
      previousWorst = worst;
    }
    assertThat(seen).hasSize(m.technicalAssets().size());
    assertThat(report.assets().get(0).worstOpen()).isNotEmpty();
  }

  /** A finding linked to a risk is cited by its fingerprint, and a closed risk shows its status. */
  @Test
  void evidenceAndStatus_reachEveryFormat() throws Exception {
    ThreatModel m = example();
    List<Risk> risks = new ArrayList<>(RuleEngine.builtIn().assess(m, RuleLoader.builtIn()));
    int at = 0;
    while (risks.get(at).kind() != Kind.TECHNICAL_ASSET) {
      at++;
    }
    Risk r = risks.get(at);
    risks.set(
        at,
        r.with(
            r.likelihood(),
            RiskTracking.Status.MITIGATED,
            List.of(
                new Risk.Evidence(
                    "f00dfeed",
                    "java-sqli",
                    "src/Shop.java:12",
                    Risk.Effect.CONFIRMS,
                    "CWE-89 in the asset's code"))));
    AssetReport report = AssetReport.of(m, risks);
    AssetReport.Row row =
        report.assets().stream()
            .flatMap(e -> e.risks().stream())
            .filter(x -> x.id().equals(r.syntheticId()))
            .findFirst()
            .orElseThrow();
    assertThat(row.status()).isEqualTo("mitigated");
    assertThat(row.open()).isFalse();
    assertThat(report.markdown()).contains("confirms by java-sqli at src/Shop.java:12 [f00dfeed]");
    assertThat(report.html()).contains("[f00dfeed]");
    assertThat(report.json()).contains("\"fingerprint\" : \"f00dfeed\"");
  }

  @Test
  void hostileNames_areEscapedInHtml_andCannotBreakTheMarkdown() throws Exception {
    ThreatModel m = example();
    String hostile = "a|b <script>alert(1)</script>\nnext";
    TechnicalAsset a = m.technicalAssets().get(0);
    TechnicalAsset renamed =
        a.withLabels(
            hostile, List.of("<img src=x onerror=alert(2)>"), List.of("path:src/<b>evil</b>"));
    List<TechnicalAsset> assets = new ArrayList<>(m.technicalAssets());
    assets.set(0, renamed);
    ThreatModel changed =
        new ThreatModel(
            "<i>model</i>",
            m.author(),
            m.date(),
            m.businessCriticality(),
            m.description(),
            m.tagsAvailable(),
            m.dataAssets(),
            assets,
            m.trustBoundaries(),
            m.sharedRuntimes(),
            m.riskTracking(),
            m.sources());
    AssetReport report = AssetReport.of(changed, List.of());
    String html = report.html();
    assertThat(html)
        .doesNotContain("<script>", "<img", "<b>", "<i>")
        .contains("a|b &lt;script&gt;alert(1)&lt;/script&gt;\nnext")
        .contains("&lt;img src=x onerror=alert(2)&gt;")
        .contains("path:src/&lt;b&gt;evil&lt;/b&gt;");
    String md = report.markdown();
    assertThat(md).contains("\n## a\\|b <script>alert(1)</script> next (");
    assertThat(md).doesNotContain("alert(1)</script>\nnext");
    // a link row naming the asset as its peer keeps as many cells as its header
    String linkRow =
        md.lines()
            .filter(l -> l.startsWith("| ") && l.contains("alert(1)"))
            .findFirst()
            .orElseThrow();
    assertThat(linkRow.split("(?<!\\\\)\\|", -1)).hasSize(8);
  }
}
