package dev.bulwark.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.compliance.attack.AttackMapping;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Center for Threat-Informed Defense's 800-53 to ATT&CK mapping in ../shared/data/mappings. */
class AttackMappingTest {
  @Test
  void nistToAttack_mapsControlsInOscalForm() throws Exception {
    Path dir = SharedData.dir("mappings").orElse(null);
    assumeTrue(dir != null, "../shared/data/mappings is absent; skipping");
    AttackMapping m =
        AttackMapping.read(dir.resolve("nist_800_53-rev5_attack-16.1-enterprise.json"));
    // 109 distinct controls have complete "mitigates" mappings (SOURCE.md's 110 counts the
    // capability id of the non-mappable rows, which is null, as one more)
    assertThat(m.controls()).isEqualTo(109);
    assertThat(m.mitigatedBy("ac-6")).extracting(AttackMapping.Technique::id).contains("T1078");
    assertThat(m.mitigatedBy("zz-1")).isEmpty();
  }
}
