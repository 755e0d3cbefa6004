package dev.bulwark.logs.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.FixtureMarkers;
import dev.bulwark.core.testing.RuleFixtures;
import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.event.JsonEvents;
import dev.bulwark.logs.hunt.Detection;
import dev.bulwark.logs.hunt.Hunter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bulwark's detection pack against the annotated fixtures beside each rule ({@code
 * pack/<tactic>/<rule>.jsonl} in the test resources), through the one fixture runner every rule
 * kind uses. Each event is one JSON line; the comment before it says whether the rule must match it
 * ({@code # ruleid: NAME}: routed to the rule's log source and matched) or must not ({@code # ok:
 * NAME}). A correlation's fixture is a set of cases, each a run of events between blank lines; the
 * marker before a case's first event says whether the case must make the correlation fire.
 */
class PackFixtureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logsources LOGSOURCES = Logsources.builtIn();
  private static final RuleSet PACK = RuleSet.builtIn(Map.of(), LOGSOURCES);

  private static Path fixtures() throws URISyntaxException {
    return Path.of(PackFixtureTest.class.getResource("pack").toURI());
  }

  private static List<Path> fixtureFiles() throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.walk(fixtures())) {
      return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  private static boolean isCorrelationFixture(Path f) {
    return f.getParent().getFileName().toString().equals("correlations");
  }

  private static List<SigmaRule> packRules() {
    return PACK.rules().stream().filter(r -> r.meta().path().startsWith("builtin:pack/")).toList();
  }

  private static List<Correlation> packCorrelations() {
    return PACK.correlations().stream()
        .filter(c -> c.meta().path().startsWith("builtin:pack/"))
        .toList();
  }

  private static SigmaRule rule(String name) {
    return PACK.rules().stream()
        .filter(r -> name.equals(r.meta().name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rule named " + name + " in the pack"));
  }

  private static boolean fires(SigmaRule r, Event e) {
    return LOGSOURCES.route(e).stream().anyMatch(s -> r.logsource().covers(s)) && r.matches(e);
  }

  /** The marked names of a line: a rule is asked only about the events marked for it. */
  private static Set<String> marked(FixtureMarkers.Expectations e, int line) {
    Set<String> names = new TreeSet<>(e.mustFire().getOrDefault(line, Set.of()));
    names.addAll(e.mustNotFire().getOrDefault(line, Set.of()));
    return names;
  }

  @TestFactory
  Stream<DynamicTest> everyFixture_matchesItsMarkers() throws Exception {
    return RuleFixtures.tests(
        fixtureFiles(),
        (file, expectations) ->
            isCorrelationFixture(file)
                ? firedCorrelations(file, expectations)
                : firedRules(file, expectations));
  }

  private static Map<Integer, Set<String>> firedRules(Path file, FixtureMarkers.Expectations e)
      throws Exception {
    Map<Integer, Set<String>> fired = new HashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int line = i + 1;
      String where = fixtures().relativize(file) + ":" + line;
      Set<String> names = marked(e, line);
      assertThat(names)
          .as("%s: an event with neither a ruleid nor an ok marker", where)
          .isNotEmpty();
      Event event = JsonEvents.toEvent(where, "1", JSON.readTree(l));
      for (String name : names) {
        if (fires(rule(name), event)) {
          fired.computeIfAbsent(line, k -> new TreeSet<>()).add(name);
        }
      }
    }
    return fired;
  }

  /** Each case (a run of event lines) is hunted alone; what fires is reported at its first line. */
  private static Map<Integer, Set<String>> firedCorrelations(
      Path file, FixtureMarkers.Expectations e) throws Exception {
    Map<Integer, List<String>> cases = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file);
    Integer first = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        first = null;
        continue;
      }
      if (first == null) {
        first = i + 1;
      }
      cases.computeIfAbsent(first, k -> new ArrayList<>()).add(l);
    }
    Map<Integer, Set<String>> fired = new HashMap<>();
    for (Map.Entry<Integer, List<String>> c : cases.entrySet()) {
      String where = fixtures().relativize(file) + ":" + c.getKey();
      Hunter h = new Hunter(PACK, LOGSOURCES, Hunter.Options.defaults());
      List<String> events = c.getValue();
      for (int i = 0; i < events.size(); i++) {
        h.accept(JsonEvents.toEvent(where, Integer.toString(i), JSON.readTree(events.get(i))));
      }
      Set<String> names = marked(e, c.getKey());
      assertThat(names).as("%s: a case with neither a ruleid nor an ok marker", where).isNotEmpty();
      h.finish().detections().stream()
          .filter(Detection::isCorrelation)
          .map(d -> d.rule().name())
          .filter(names::contains)
          .forEach(n -> fired.computeIfAbsent(c.getKey(), k -> new TreeSet<>()).add(n));
    }
    return fired;
  }

  @Test
  void packIsLintClean_andEveryRuleHasPositiveAndNegativeExamples() throws Exception {
    assertThat(PACK.problems()).isEmpty();
    List<SigmaRule> pack = packRules();
    assertThat(pack.size()).isGreaterThanOrEqualTo(150);
    Set<String> ids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    for (SigmaRule r : pack) {
      SigmaRule.Meta m = r.meta();
      String file = Path.of(m.path()).getFileName().toString();
      assertThat(m.name())
          .as("name of %s", m.path())
          .isEqualTo("bulwark_" + file.replace(".yml", ""));
      assertThat(ids.add(m.id())).as("unique id %s", m.id()).isTrue();
      assertThat(titles.add(m.title())).as("unique title %s", m.title()).isTrue();
      assertThat(m.author()).isEqualTo("Bulwark");
      assertThat(m.level()).as("level of %s", m.name()).isNotNull();
      assertThat(m.description()).as("description of %s", m.name()).isNotBlank();
      assertThat(dev.bulwark.logs.hunt.Attack.tactics(m.tags()))
          .as("ATT&CK tactic of %s", m.name())
          .isNotEmpty();
      assertThat(dev.bulwark.logs.hunt.Attack.techniques(m.tags()))
          .as("ATT&CK technique of %s", m.name())
          .isNotEmpty();
    }
    List<String> names = new ArrayList<>(pack.stream().map(r -> r.meta().name()).toList());
    packCorrelations().forEach(c -> names.add(c.meta().name()));
    assertThat(RuleFixtures.coverageProblems(names, fixtureFiles())).isEmpty();
  }
}
