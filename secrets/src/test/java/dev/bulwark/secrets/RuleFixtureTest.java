package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.RuleFixtures;
import dev.bulwark.secrets.engine.Allowlist;
import dev.bulwark.secrets.engine.SecretEngine;
import dev.bulwark.secrets.engine.SecretMatch;
import dev.bulwark.secrets.rules.RuleLoader;
import dev.bulwark.secrets.rules.SecretRule;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule pack against its annotated fixtures. A line after {@code ruleid: <id>} must be
 * reported by that rule; a line after {@code ok: <id>} must not; and no rule may fire on a line
 * that is not marked for it.
 */
class RuleFixtureTest {
  private static List<SecretRule> rules;
  private static SecretEngine engine;

  @BeforeAll
  static void load() throws Exception {
    rules = RuleLoader.builtIn();
    engine = SecretEngine.create(rules, Allowlist.documentationExamples());
  }

  static Path fixtureDir() throws URISyntaxException {
    return Path.of(RuleFixtureTest.class.getResource("/rules/secrets").toURI());
  }

  private static List<Path> fixtures() throws Exception {
    try (Stream<Path> s = Files.list(fixtureDir())) {
      return s.sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFixture_matchesItsMarkers() throws Exception {
    return RuleFixtures.tests(
        fixtures(),
        (f, e) -> {
          List<SecretMatch> matches = engine.scan(e.path(), Files.readAllBytes(f));
          Map<Integer, Set<String>> fired = new HashMap<>();
          for (SecretMatch m : matches) {
            fired.computeIfAbsent(m.startLine(), k -> new TreeSet<>()).add(m.rule().id());
          }
          return fired;
        });
  }

  @Test
  void everyRule_hasPositiveAndNegativeFixtures() throws Exception {
    Set<String> ids = new TreeSet<>();
    rules.forEach(r -> ids.add(r.id()));
    assertThat(RuleFixtures.coverageProblems(ids, fixtures()))
        .as("rules without a ruleid or ok case, markers naming no rule")
        .isEmpty();
  }

  @Test
  void rulePacks_atLeast120Rules() {
    assertThat(rules).hasSizeGreaterThanOrEqualTo(120);
  }
}
