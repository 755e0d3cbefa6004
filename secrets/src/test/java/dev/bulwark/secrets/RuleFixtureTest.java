package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.secrets.engine.Allowlist;
import dev.bulwark.secrets.engine.SecretEngine;
import dev.bulwark.secrets.engine.SecretMatch;
import dev.bulwark.secrets.rules.RuleLoader;
import dev.bulwark.secrets.rules.SecretRule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern MARKER =
      Pattern.compile("(?:#|//|<!--|--|;)\\s*(ruleid|ok):\\s*([a-z0-9][a-z0-9, -]*?)\\s*(?:-->)?$");
  private static final Pattern PATH_DIRECTIVE = Pattern.compile("#\\s*fixture-path:\\s*(\\S+)");

  private static List<SecretRule> rules;
  private static SecretEngine engine;

  @BeforeAll
  static void load() throws Exception {
    rules = RuleLoader.builtIn();
    engine = SecretEngine.create(rules, Allowlist.documentationExamples());
  }

  static Path fixtureDir() throws URISyntaxException {
    return Path.of(RuleFixtureTest.class.getResource("/fixtures/secrets").toURI());
  }

  /** Expectations parsed from one fixture file. */
  record Expectations(
      Map<Integer, Set<String>> mustFire, Map<Integer, Set<String>> mustNotFire, String path) {}

  static Expectations parse(Path fixture) throws IOException {
    List<String> lines = Files.readAllLines(fixture, StandardCharsets.UTF_8);
    Map<Integer, Set<String>> fire = new HashMap<>();
    Map<Integer, Set<String>> quiet = new HashMap<>();
    String path = fixture.getFileName().toString();
    Set<String> pendingFire = new HashSet<>();
    Set<String> pendingQuiet = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher d = PATH_DIRECTIVE.matcher(line);
      if (i == 0 && d.find()) {
        path = d.group(1);
        continue;
      }
      Matcher m = MARKER.matcher(line.strip());
      if (m.find() && m.start() == 0) {
        for (String id : m.group(2).split("[,\\s]+")) {
          (m.group(1).equals("ruleid") ? pendingFire : pendingQuiet).add(id);
        }
        continue;
      }
      if (!pendingFire.isEmpty()) {
        fire.put(i + 1, pendingFire);
        pendingFire = new HashSet<>();
      }
      if (!pendingQuiet.isEmpty()) {
        quiet.put(i + 1, pendingQuiet);
        pendingQuiet = new HashSet<>();
      }
    }
    return new Expectations(fire, quiet, path);
  }

  @TestFactory
  Stream<DynamicTest> everyFixture_matchesItsMarkers() throws Exception {
    List<Path> fixtures;
    try (Stream<Path> s = Files.list(fixtureDir())) {
      fixtures = s.sorted().toList();
    }
    return fixtures.stream()
        .map(f ->
            DynamicTest.dynamicTest(
                f.getFileName().toString(),
                () -> {
                  Expectations e = parse(f);
                  List<SecretMatch> matches = engine.scan(e.path(), Files.readAllBytes(f));
                  Map<Integer, Set<String>> fired = new HashMap<>();
                  for (SecretMatch m : matches) {
                    fired.computeIfAbsent(m.startLine(), k -> new TreeSet<>()).add(m.rule().id());
                  }
                  List<String> problems = new ArrayList<>();
                  e.mustFire()
                      .forEach((line, ids) -> {
                        for (String id : ids) {
                          if (!fired.getOrDefault(line, Set.of()).contains(id)) {
                            problems.add(
                                "line "
                                    + line
                                    + ": expected "
                                    + id
                                    + ", got "
                                    + fired.getOrDefault(line, Set.of()));
                          }
                        }
                      });
                  fired.forEach((line, ids) -> {
                    for (String id : ids) {
                      if (!e.mustFire().getOrDefault(line, Set.of()).contains(id)) {
                        problems.add("line " + line + ": unexpected " + id);
                      }
                    }
                  });
                  e.mustNotFire()
                      .forEach((line, ids) -> {
                        for (String id : ids) {
                          if (fired.getOrDefault(line, Set.of()).contains(id)) {
                            problems.add("line " + line + ": " + id + " fired on an ok case");
                          }
                        }
                      });
                  assertThat(problems).as(f.getFileName().toString()).isEmpty();
                }));
  }

  @Test
  void everyRule_hasPositiveAndNegativeFixtures() throws Exception {
    Set<String> positive = new HashSet<>();
    Set<String> negative = new HashSet<>();
    try (Stream<Path> s = Files.list(fixtureDir())) {
      for (Path f : s.toList()) {
        Expectations e = parse(f);
        e.mustFire().values().forEach(positive::addAll);
        e.mustNotFire().values().forEach(negative::addAll);
      }
    }
    Set<String> ids = new TreeSet<>();
    rules.forEach(r -> ids.add(r.id()));
    assertThat(positive).as("marker ids that name no rule").isSubsetOf(ids);
    assertThat(negative).as("marker ids that name no rule").isSubsetOf(ids);
    Set<String> missingPositive = new TreeSet<>(ids);
    missingPositive.removeAll(positive);
    Set<String> missingNegative = new TreeSet<>(ids);
    missingNegative.removeAll(negative);
    assertThat(missingPositive).as("rules without a ruleid case").isEmpty();
    assertThat(missingNegative).as("rules without an ok case").isEmpty();
  }

  @Test
  void rulePacks_atLeast120Rules() {
    assertThat(rules).hasSizeGreaterThanOrEqualTo(120);
  }
}
