package dev.bulwark.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.core.testing.FixtureMarkers;
import dev.bulwark.core.testing.RuleFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Java rule against its annotated fixture, {@code rules/java/checks/<id>.java} beside
 * the rule's path: marked lines must fire, lines marked {@code ok} and unmarked lines must not.
 */
class RuleFixtureTest {

  static Path fixture(String id) throws Exception {
    var url = RuleFixtureTest.class.getResource("/" + RulePacks.DIR + "checks/" + id + ".java");
    return url == null ? null : Path.of(url.toURI());
  }

  @TestFactory
  Stream<DynamicTest> everyRule_matchesItsFixture() throws Exception {
    List<Path> fixtures = new java.util.ArrayList<>();
    for (JavaRule rule : RulePacks.builtIn().rules()) {
      Path f = fixture(rule.id());
      assertThat(f).as("fixture for " + rule.id()).isNotNull();
      fixtures.add(f);
    }
    return RuleFixtures.tests(
        fixtures,
        (f, e) -> {
          JavaScan.Result r = JavaScan.files(f.getParent(), List.of(f));
          assertThat(r.diagnostics()).as("diagnostics").isEmpty();
          return r.rulesByLine();
        });
  }

  @Test
  void everyRule_hasPositiveAndNegativeCases() throws Exception {
    Set<String> missing = new TreeSet<>();
    for (JavaRule rule : RulePacks.builtIn().rules()) {
      Path f = fixture(rule.id());
      if (f == null) {
        missing.add(rule.id() + " (no fixture)");
        continue;
      }
      FixtureMarkers.Expectations e = FixtureMarkers.parse(f);
      if (e.mustFire().values().stream().noneMatch(s -> s.contains(rule.id()))) {
        missing.add(rule.id() + " (no ruleid case)");
      }
      if (e.mustNotFire().values().stream().noneMatch(s -> s.contains(rule.id()))) {
        missing.add(rule.id() + " (no ok case)");
      }
      assertThat(Files.readString(f)).isNotBlank();
    }
    assertThat(missing).isEmpty();
  }
}
