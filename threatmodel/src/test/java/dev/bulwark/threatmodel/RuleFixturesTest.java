package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.rules.Risk;
import dev.bulwark.threatmodel.rules.Rule;
import dev.bulwark.threatmodel.rules.RuleEngine;
import dev.bulwark.threatmodel.rules.RuleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in rule against its fixture: an element under {@code # ruleid: ID} must raise the
 * rule, one under {@code # ok: ID} must not, and no unmarked element may raise it.
 */
class RuleFixturesTest {
  private static final Pattern MARKER = Pattern.compile("^\\s*# (ruleid|ok): (\\S+)\\s*$");

  @TestFactory
  Stream<DynamicTest> everyRule_raisesExactlyOnMarkedElements(@TempDir Path tmp) {
    RuleEngine engine = RuleEngine.builtIn();
    return RuleLoader.builtIn().stream()
        .map(rule ->
            DynamicTest.dynamicTest(
                rule.id(),
                () -> {
                  String text = RuleLoader.resource(rule.id() + ".fixture.yaml");
                  Path f = tmp.resolve(rule.id() + ".fixture.yaml");
                  Files.writeString(f, text);
                  ThreatModel model = Models.read(f);
                  Set<Integer> must = new TreeSet<>();
                  Set<Integer> ok = new TreeSet<>();
                  String[] lines = text.split("\n", -1);
                  for (int i = 0; i < lines.length; i++) {
                    Matcher m = MARKER.matcher(lines[i]);
                    if (m.matches()) {
                      assertThat(m.group(2)).as("marker on line %d", i + 1).isEqualTo(rule.id());
                      (m.group(1).equals("ruleid") ? must : ok).add(i + 2);
                    }
                  }
                  assertThat(must).as("fixture needs a ruleid marker").isNotEmpty();
                  assertThat(ok).as("fixture needs an ok marker").isNotEmpty();
                  Set<Integer> hit = new TreeSet<>();
                  for (Risk r : engine.assess(model, List.of(rule))) {
                    hit.add(model.source(r.kind(), r.elementId()).orElseThrow().line());
                  }
                  assertThat(hit).as("lines raising %s", rule.id()).isEqualTo(must);
                }));
  }

  @Test
  void rulePack_isLinted() {
    List<Rule> rules = RuleLoader.builtIn();
    Set<String> ids = new HashSet<>();
    for (Rule r : rules) {
      assertThat(ids.add(r.id())).as("unique id %s", r.id()).isTrue();
      assertThat(r.cwe()).as("CWE of %s", r.id()).isPositive();
      assertThat(r.mitigation()).as("mitigation of %s", r.id()).hasSizeGreaterThan(40);
      assertThat(r.title()).isNotBlank();
    }
    assertThat(rules).hasSizeGreaterThanOrEqualTo(40);
  }
}
