package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.config.doc.ConfigDocument;
import dev.bulwark.config.doc.ConfigKind;
import dev.bulwark.config.parse.ConfigFiles;
import dev.bulwark.config.rules.ConfigRule;
import dev.bulwark.config.rules.RuleEngine;
import dev.bulwark.config.rules.RuleLoader;
import dev.bulwark.core.testing.RuleFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Every configuration rule against its annotated fixture, {@code rules/config/<kind>/<id>.<ext>}
 * beside the rule file: a line after {@code ruleid: <id>} must be reported by that rule, a line
 * after {@code ok: <id>} must not, and the rule may fire nowhere else in its fixture.
 */
class RuleFixtureTest {
  private static List<ConfigRule> rules;

  @BeforeAll
  static void load() throws Exception {
    rules = RuleLoader.builtIn();
  }

  static Path fixtureRoot() throws Exception {
    return Path.of(RuleFixtureTest.class.getResource("/rules/config").toURI());
  }

  static List<Path> fixtures() throws Exception {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(fixtureRoot())) {
      s.filter(Files::isRegularFile).sorted().forEach(out::add);
    }
    return out;
  }

  private static ConfigRule ruleOf(Path fixture) {
    String name = fixture.getFileName().toString();
    String id = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    return rules.stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(fixture + " names no rule"));
  }

  @TestFactory
  Stream<DynamicTest> everyFixture_matchesItsMarkers() throws Exception {
    return RuleFixtures.tests(
        fixtures(),
        (f, e) -> {
          ConfigRule rule = ruleOf(f);
          ConfigKind kind = ConfigKind.of(f.getParent().getFileName().toString());
          assertThat(rule.kind()).as("fixture folder of " + rule.id()).isEqualTo(kind);
          Map<Integer, Set<String>> fired = new HashMap<>();
          RuleEngine engine = new RuleEngine(List.of(rule));
          for (ConfigDocument d : ConfigFiles.read(kind, e.path(), Files.readString(f))) {
            for (RuleEngine.Hit h : engine.evaluate(d)) {
              fired.computeIfAbsent(h.line(), k -> new TreeSet<>()).add(h.rule().id());
            }
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
  void index_listsEveryRuleFile() throws Exception {
    Path main = Path.of("src/main/resources/rules/config");
    List<String> onDisk = new ArrayList<>();
    try (Stream<Path> s = Files.walk(main)) {
      s.filter(p -> p.toString().endsWith(".yaml"))
          .forEach(p -> onDisk.add(main.relativize(p).toString().replace('\\', '/')));
    }
    assertThat(RuleLoader.builtInPaths()).containsExactlyInAnyOrderElementsOf(onDisk);
  }
}
