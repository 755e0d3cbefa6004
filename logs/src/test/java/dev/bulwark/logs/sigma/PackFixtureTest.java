package dev.bulwark.logs.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bulwark's detection pack against the annotated fixtures beside each rule ({@code
 * pack/<tactic>/<rule>.jsonl} in the test resources). An event marked {@code "_ruleid": NAME} must
 * be routed to the rule's log source and match it; one marked {@code "_ok": NAME} must not. A
 * correlation's fixture groups events into cases by {@code _case}: a case named {@code ruleid-…}
 * must make the correlation fire, one named {@code ok-…} must not.
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

  private static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  private static List<SigmaRule> packRules() {
    return PACK.rules().stream().filter(r -> r.meta().path().startsWith("builtin:pack/")).toList();
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

  @TestFactory
  Stream<DynamicTest> everyMarkedEventFiresOrStaysQuiet() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : fixtureFiles()) {
      if (f.getParent().getFileName().toString().equals("correlations")) {
        continue;
      }
      List<JsonNode> events = read(f);
      for (int i = 0; i < events.size(); i++) {
        JsonNode n = events.get(i);
        boolean positive = n.has("_ruleid");
        String name = positive ? n.get("_ruleid").asText() : n.path("_ok").asText(null);
        String where = fixtures().relativize(f) + ":" + (i + 1);
        tests.add(
            DynamicTest.dynamicTest(
                where + (positive ? " ruleid " : " ok ") + name,
                () -> {
                  assertThat(name).as("%s has neither _ruleid nor _ok", where).isNotNull();
                  Event e = JsonEvents.toEvent(where, Integer.toString(1), n);
                  assertThat(fires(rule(name), e)).as(where).isEqualTo(positive);
                }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> correlationCasesFireOrStayQuiet() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : fixtureFiles()) {
      if (!f.getParent().getFileName().toString().equals("correlations")) {
        continue;
      }
      String name = "bulwark_" + f.getFileName().toString().replace(".jsonl", "");
      Correlation c =
          PACK.correlations().stream()
              .filter(x -> name.equals(x.meta().name()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no correlation named " + name));
      Map<String, List<JsonNode>> cases = new LinkedHashMap<>();
      for (JsonNode n : read(f)) {
        cases.computeIfAbsent(n.get("_case").asText(), k -> new ArrayList<>()).add(n);
      }
      cases.forEach((caseName, events) ->
          tests.add(
              DynamicTest.dynamicTest(
                  name + " " + caseName,
                  () -> {
                    Hunter h = new Hunter(PACK, LOGSOURCES, Hunter.Options.defaults());
                    for (int i = 0; i < events.size(); i++) {
                      h.accept(JsonEvents.toEvent(caseName, Integer.toString(i), events.get(i)));
                    }
                    List<String> fired =
                        h.finish().detections().stream()
                            .filter(Detection::isCorrelation)
                            .map(d -> d.rule().name())
                            .toList();
                    if (caseName.startsWith("ruleid")) {
                      assertThat(fired).contains(c.meta().name());
                    } else {
                      assertThat(fired).doesNotContain(c.meta().name());
                    }
                  })));
    }
    return tests.stream();
  }

  @Test
  void packIsLintClean_andEveryRuleHasPositiveAndNegativeExamples() throws Exception {
    assertThat(PACK.problems()).isEmpty();
    List<SigmaRule> pack = packRules();
    assertThat(pack.size()).isGreaterThanOrEqualTo(150);
    Map<String, int[]> examples = new HashMap<>();
    for (Path f : fixtureFiles()) {
      for (JsonNode n : read(f)) {
        if (n.has("_ruleid")) {
          examples.computeIfAbsent(n.get("_ruleid").asText(), k -> new int[2])[0]++;
        } else if (n.has("_ok")) {
          examples.computeIfAbsent(n.get("_ok").asText(), k -> new int[2])[1]++;
        }
      }
    }
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
      int[] ex = examples.getOrDefault(m.name(), new int[2]);
      assertThat(ex[0]).as("positive examples of %s", m.name()).isPositive();
      assertThat(ex[1]).as("negative examples of %s", m.name()).isPositive();
    }
    for (Correlation c : PACK.correlations()) {
      if (c.meta().path().startsWith("builtin:pack/")) {
        assertThat(
                Files.exists(
                    fixtures()
                        .resolve("correlations")
                        .resolve(c.meta().name().substring("bulwark_".length()) + ".jsonl")))
            .as("fixture of %s", c.meta().name())
            .isTrue();
      }
    }
  }
}
