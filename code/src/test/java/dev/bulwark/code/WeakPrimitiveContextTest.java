package dev.bulwark.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Weak hashes and predictable random numbers are medium findings where security depends on them and
 * low ones where nothing around them does (consistent hashing, load balancing, back-off).
 */
class WeakPrimitiveContextTest {
  @Test
  void weakPrimitives_outsideSecurityUse_dropToLow() throws Exception {
    Path f = Path.of(getClass().getResource("/dev/bulwark/code/context/Routers.java").toURI());
    JavaScan.Result r = JavaScan.files(f.getParent(), List.of(f));
    Map<Integer, Severity> byLine = new TreeMap<>();
    for (Finding finding : r.findings()) {
      if (finding.primaryLocation() instanceof Location.File loc && loc.region() != null) {
        byLine.put(loc.region().startLine(), finding.severity());
      }
    }
    assertThat(byLine)
        .containsEntry(16, Severity.LOW) // MD5 on a hash ring
        .containsEntry(28, Severity.LOW) // Random picking a server
        .containsEntry(35, Severity.LOW) // Math.random for back-off
        .containsEntry(42, Severity.MEDIUM) // MD5 password hash
        .containsEntry(47, Severity.MEDIUM); // Random session token
    assertThat(r.findings())
        .filteredOn(x -> x.severity() == Severity.LOW)
        .allSatisfy(x -> assertThat(x.message()).contains("no security use is visible"));
  }
}
