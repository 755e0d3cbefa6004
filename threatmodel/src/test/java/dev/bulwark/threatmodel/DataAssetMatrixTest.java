package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.Golden;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import dev.bulwark.threatmodel.report.DataAssetMatrix;
import dev.bulwark.threatmodel.report.PublishedCheck;
import dev.bulwark.threatmodel.rules.Risk;
import dev.bulwark.threatmodel.rules.RuleEngine;
import dev.bulwark.threatmodel.rules.RuleLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data asset × technical asset matrix of Threagile's example model. */
class DataAssetMatrixTest {
  private static ThreatModel example() throws Exception {
    return Models.read(ModelFormatsTest.data().resolve("threagile/example-threagile.yaml"));
  }

  @Test
  void example_matchesGoldens_inTheThreeFormats() throws Exception {
    ThreatModel m = example();
    List<Risk> risks = RuleEngine.builtIn().assess(m, RuleLoader.builtIn());
    DataAssetMatrix matrix = DataAssetMatrix.of(m, risks);
    assertThat(matrix.lines()).hasSize(m.dataAssets().size());
    assertThat(matrix.columns()).hasSize(m.technicalAssets().size());
    Golden.assertMatches("threagile-example/data-asset-matrix.md", matrix.markdown());
    Golden.assertMatches("threagile-example/data-asset-matrix.html", matrix.html());
    Golden.assertMatches("threagile-example/data-asset-matrix.json", matrix.json());
    // the published check gives the same matrix
    DataAssetMatrix fromCheck =
        DataAssetMatrix.of(
            PublishedCheck.of(
                ModelFormatsTest.data().resolve("threagile/example-threagile.yaml"),
                m,
                risks,
                0,
                Instant.EPOCH));
    assertThat(fromCheck.markdown()).isEqualTo(matrix.markdown());
  }

  /**
   * Every cell, recomputed the long way from the model: roles from the asset's lists and from each
   * link in both directions, risks from those raised on the asset and on links carrying the data.
   */
  @Test
  void example_everyCell_agreesWithTheModelAndTheRisks() throws Exception {
    ThreatModel m = example();
    List<Risk> risks = RuleEngine.builtIn().assess(m, RuleLoader.builtIn());
    DataAssetMatrix matrix = DataAssetMatrix.of(m, risks);
    int used = 0;
    int withRisks = 0;
    for (int row = 0; row < m.dataAssets().size(); row++) {
      String d = m.dataAssets().get(row).id();
      for (int col = 0; col < m.technicalAssets().size(); col++) {
        var a = m.technicalAssets().get(col);
        DataAssetMatrix.Cell cell = matrix.lines().get(row).cells().get(col);
        boolean sends = false;
        boolean receives = false;
        List<String> carrying = new ArrayList<>();
        for (CommunicationLink l : m.links()) {
          if (l.sourceId().equals(a.id())) {
            sends |= l.dataSent().contains(d);
            receives |= l.dataReceived().contains(d);
          }
          if (l.targetId().equals(a.id())) {
            receives |= l.dataSent().contains(d);
            sends |= l.dataReceived().contains(d);
          }
          if ((l.sourceId().equals(a.id()) || l.targetId().equals(a.id()))
              && (l.dataSent().contains(d) || l.dataReceived().contains(d))) {
            carrying.add(l.id());
          }
        }
        assertThat(cell.processed()).isEqualTo(a.dataProcessed().contains(d));
        assertThat(cell.stored()).isEqualTo(a.dataStored().contains(d));
        assertThat(cell.sent()).as(d + " sent by " + a.id()).isEqualTo(sends);
        assertThat(cell.received()).as(d + " received by " + a.id()).isEqualTo(receives);
        List<String> expected =
            cell.used()
                ? risks.stream()
                    .filter(r ->
                        (r.kind() == Kind.TECHNICAL_ASSET && r.elementId().equals(a.id()))
                            || (r.kind() == Kind.COMMUNICATION_LINK
                                && carrying.contains(r.elementId())))
                    .map(Risk::syntheticId)
                    .toList()
                : List.of();
        assertThat(cell.risks()).as(d + " at " + a.id()).containsExactlyElementsOf(expected);
        used += cell.used() ? 1 : 0;
        withRisks += cell.risks().isEmpty() ? 0 : 1;
      }
    }
    assertThat(used).as("the example maps its data onto many assets").isGreaterThan(20);
    assertThat(withRisks).isPositive();
  }

  @Test
  void hostileTitles_areEscapedInHtml_andCannotBreakTheMarkdownTable() throws Exception {
    ThreatModel m = example();
    var d = m.dataAssets().get(0);
    var renamed =
        new dev.bulwark.threatmodel.model.DataAsset(
            d.id(),
            "a|b <script>alert(1)</script>\nnext",
            d.description(),
            d.usage(),
            d.tags(),
            d.origin(),
            d.owner(),
            d.quantity(),
            d.confidentiality(),
            d.integrity(),
            d.availability(),
            d.justification());
    List<dev.bulwark.threatmodel.model.DataAsset> data = new ArrayList<>(m.dataAssets());
    data.set(0, renamed);
    ThreatModel hostile =
        new ThreatModel(
            m.title(),
            m.author(),
            m.date(),
            m.businessCriticality(),
            m.description(),
            m.tagsAvailable(),
            data,
            m.technicalAssets(),
            m.trustBoundaries(),
            m.sharedRuntimes(),
            m.riskTracking(),
            m.sources());
    DataAssetMatrix matrix = DataAssetMatrix.of(hostile, List.of());
    assertThat(matrix.html())
        .doesNotContain("<script>")
        .contains("a|b &lt;script&gt;alert(1)&lt;/script&gt;\nnext");
    String row =
        matrix.markdown().lines().filter(l -> l.contains("alert(1)")).findFirst().orElseThrow();
    assertThat(row).startsWith("| a\\|b <script>alert(1)</script> next (");
    assertThat(row.split("(?<!\\\\)\\|", -1))
        .as("as many cells as the header")
        .hasSize(
            matrix.markdown().lines().findFirst().orElseThrow().split("(?<!\\\\)\\|", -1).length);
  }
}
