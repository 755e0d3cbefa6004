package dev.bulwark.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.intel.feed.FeedKind;
import dev.bulwark.intel.feed.ImportResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportRealDataTest {

  @Test
  void attackMispAndKev_importIntoTheStore_withTheirObjectCounts() throws Exception {
    Optional<Path> dir = SharedIntel.store();
    assumeTrue(dir.isPresent(), SharedIntel.skip());
    IntelService.Imported imp = SharedIntel.imported();
    for (ImportResult r : imp.files()) {
      System.out.printf(
          "imported %-55s %-12s read %6d stored %6d in %5d ms%n",
          r.file().getFileName(), r.kind(), r.read(), r.stored(), r.millis());
    }
    System.out.printf(
        "store: %d objects, %d bytes, import %d ms; by type %s%n",
        imp.stats().total(), imp.stats().bytes(), imp.millis(), imp.stats().byType());
    Map<String, Long> by = imp.stats().byType();
    // ATT&CK v18.1 enterprise: 835 attack-patterns; ICS 95; mobile adds its own
    assertThat(by.get("attack-pattern")).isGreaterThan(835 + 95);
    // 187 enterprise groups + ICS/mobile groups (shared ids merge) + 1041 MISP actors
    assertThat(by.get("intrusion-set")).isGreaterThanOrEqualTo(187 + 1041);
    assertThat(by.get("vulnerability")).isEqualTo(1404);
    assertThat(imp.files()).filteredOn(r -> r.kind() == FeedKind.MISP_CLUSTER).hasSize(13);
    assertThat(SharedIntel.PROBLEMS).isEmpty();
  }
}
