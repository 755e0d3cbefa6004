package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Finding;
import dev.bulwark.core.testing.Golden;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.RiskTracking;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.report.RiskFindings;
import dev.bulwark.threatmodel.rules.Risk;
import dev.bulwark.threatmodel.rules.RuleEngine;
import dev.bulwark.threatmodel.rules.RuleLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in rules over Threagile's example model: risks per rule, tracking applied. */
class ThreagileExampleRisksTest {
  @Test
  void example_risksPerRule_matchGolden() throws Exception {
    ThreatModel m =
        Models.read(ModelFormatsTest.data().resolve("threagile/example-threagile.yaml"));
    List<Risk> risks = RuleEngine.builtIn().assess(m, RuleLoader.builtIn());
    StringBuilder b = new StringBuilder("# rule: risks on Threagile's example model\n");
    Map<String, Integer> counts = RiskFindings.countsByRule(risks);
    for (String id : RuleLoader.builtInIds()) {
      b.append(id).append(": ").append(counts.getOrDefault(id, 0)).append('\n');
    }
    b.append("total: ").append(risks.size()).append('\n');
    Golden.assertMatches("threagile-example/risks-per-rule.txt", b.toString());
    assertThat(counts.keySet()).hasSizeGreaterThan(25);
  }

  @Test
  void example_riskTracking_setsStatus() throws Exception {
    ThreatModel m =
        Models.read(ModelFormatsTest.data().resolve("threagile/example-threagile.yaml"));
    List<Risk> risks = RuleEngine.builtIn().assess(m, RuleLoader.builtIn());
    // the model accepts untrusted deserialization on the ERP system and marks LDAP injection
    // towards the LDAP server mitigated; DoS risks are in progress
    assertThat(risks)
        .filteredOn(r -> r.syntheticId().equals("untrusted-deserialization@erp-system"))
        .singleElement()
        .extracting(Risk::status)
        .isEqualTo(RiskTracking.Status.ACCEPTED);
    assertThat(risks)
        .filteredOn(r -> r.rule().id().equals("ldap-injection"))
        .isNotEmpty()
        .allMatch(r -> r.status() == RiskTracking.Status.MITIGATED);
    assertThat(risks)
        .filteredOn(r -> r.rule().id().equals("dos-risky-access-across-trust-boundary"))
        .isNotEmpty()
        .allMatch(r -> r.status() == RiskTracking.Status.IN_PROGRESS);
    List<Finding> findings = RiskFindings.of(m, "example-threagile.yaml", risks);
    assertThat(findings).hasSameSizeAs(risks);
    assertThat(findings).extracting(Finding::fingerprint).doesNotHaveDuplicates();
  }
}
