package dev.bulwark.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.testing.RuleFixtures;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Library mode: in a project without web entry points the public API's data parameters are the
 * caller's, so deserializing or evaluating them is reported (at low confidence); in an application
 * the same code is not. Each fixture is scanned as a project of its own.
 */
class LibraryModeTest {
  private static Path resource(String name) throws Exception {
    return Path.of(LibraryModeTest.class.getResource("/dev/bulwark/code/" + name).toURI());
  }

  @TestFactory
  Stream<DynamicTest> fixtures_matchTheirMarkers() throws Exception {
    return RuleFixtures.tests(
        List.of(
            resource("library/SpecReader.java"),
            resource("library/JndiHelper.java"),
            resource("application/WebApp.java")),
        (f, e) -> {
          JavaScan.Result r = JavaScan.files(f.getParent(), List.of(f));
          Map<Integer, Set<String>> fired = new HashMap<>();
          for (Finding finding : r.findings()) {
            if (finding.primaryLocation() instanceof Location.File loc && loc.region() != null) {
              fired
                  .computeIfAbsent(loc.region().startLine(), k -> new TreeSet<>())
                  .add(finding.ruleId());
            }
          }
          return fired;
        });
  }

  @Test
  void apiFindings_haveLowConfidenceAndNameTheirSource() throws Exception {
    Path f = resource("library/SpecReader.java");
    JavaScan.Result r = JavaScan.files(f.getParent(), List.of(f));
    assertThat(r.findings())
        .filteredOn(x -> x.ruleId().equals("java-unsafe-deserialization"))
        .isNotEmpty()
        .allSatisfy(x -> {
          assertThat(x.confidence()).isEqualTo(Confidence.LOW);
          assertThat(x.message()).contains("public API parameter");
        });
  }
}
