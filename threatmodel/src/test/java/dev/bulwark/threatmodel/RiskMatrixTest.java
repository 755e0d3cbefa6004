package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.Golden;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.report.RiskMatrix;
import dev.bulwark.threatmodel.rules.Risk;
import dev.bulwark.threatmodel.rules.RuleEngine;
import dev.bulwark.threatmodel.rules.RuleLoader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The likelihood × impact matrix of Threagile's example model in its three renderings. */
class RiskMatrixTest {
  private static List<Risk> exampleRisks() throws Exception {
    ThreatModel m =
        Models.read(ModelFormatsTest.data().resolve("threagile/example-threagile.yaml"));
    return RuleEngine.builtIn().assess(m, RuleLoader.builtIn());
  }

  @Test
  void example_matrix_matchesGoldens_andCountsEveryRisk() throws Exception {
    List<Risk> risks = exampleRisks();
    RiskMatrix matrix = RiskMatrix.of(risks);
    int total = Arrays.stream(matrix.total()).flatMapToInt(Arrays::stream).sum();
    int open = Arrays.stream(matrix.open()).flatMapToInt(Arrays::stream).sum();
    assertThat(total).isEqualTo(risks.size());
    assertThat(open).isEqualTo((int) risks.stream().filter(r -> r.status().open()).count());
    assertThat(open).as("the example tracks some risks as accepted or mitigated").isLessThan(total);
    Golden.assertMatches("threagile-example/risk-matrix.md", matrix.markdown());
    Golden.assertMatches("threagile-example/risk-matrix.html", matrix.html());
    Golden.assertMatches("threagile-example/risk-matrix.json", matrix.json());
  }

  @Test
  void frequentVeryHighRisk_landsTopRight_asCritical() throws Exception {
    Risk r = exampleRisks().get(0);
    Risk shifted =
        new Risk(
            r.rule(),
            r.syntheticId(),
            r.kind(),
            r.elementId(),
            r.elementTitle(),
            "very-high",
            "frequent",
            dev.bulwark.threatmodel.model.RiskTracking.Status.UNCHECKED,
            r.tracking(),
            List.of());
    RiskMatrix m = RiskMatrix.of(List.of(shifted));
    assertThat(m.total()[0][3]).isEqualTo(1);
    assertThat(m.open()[0][3]).isEqualTo(1);
    assertThat(m.markdown()).contains("| frequent |  |  |  | 1/1 critical |");
    assertThat(m.json()).contains("\"severity\" : \"critical\"");
  }
}
