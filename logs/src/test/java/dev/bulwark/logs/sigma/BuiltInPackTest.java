package dev.bulwark.logs.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.event.JsonEvents;
import dev.bulwark.logs.hunt.Detection;
import dev.bulwark.logs.hunt.Hunter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The built-in rule pack against its annotated fixture: each event names the rule it must fire
 * ({@code _expect}; a list when it shows two techniques and two rules rightly fire), or null when
 * no rule may fire. The pack's larger part has its fixtures beside each rule ({@link
 * PackFixtureTest}).
 */
class BuiltInPackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> fixture() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                BuiltInPackTest.class.getResourceAsStream("builtin-pack.jsonl"),
                StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> eachFixtureEventFiresExactlyItsRule() throws IOException {
    Logsources ls = Logsources.builtIn();
    RuleSet rules = RuleSet.builtIn(Map.of(), ls);
    List<JsonNode> events = fixture();
    return java.util.stream.IntStream.range(0, events.size())
        .mapToObj(i ->
            DynamicTest.dynamicTest(
                "line " + (i + 1) + ": " + events.get(i).path("_expect").asText("no rule"),
                () -> {
                  JsonNode n = events.get(i);
                  Event e = JsonEvents.toEvent("builtin-pack.jsonl", Integer.toString(i + 1), n);
                  Hunter h = new Hunter(rules, ls, Hunter.Options.defaults());
                  h.accept(e);
                  List<String> fired =
                      h.finish().detections().stream().map(Detection::ruleTitle).toList();
                  if (n.get("_expect").isNull()) {
                    assertThat(fired).isEmpty();
                  } else if (n.get("_expect").isArray()) {
                    List<String> titles = new ArrayList<>();
                    n.get("_expect").forEach(t -> titles.add(t.asText()));
                    assertThat(fired).containsExactlyInAnyOrderElementsOf(titles);
                  } else {
                    assertThat(fired).containsExactly(n.get("_expect").asText());
                  }
                }));
  }

  @Test
  void packLoadsCleanlyAndEveryReportingRuleHasAnExample() throws IOException {
    RuleSet rules = RuleSet.builtIn(Map.of(), Logsources.builtIn());
    assertThat(rules.problems()).isEmpty();
    assertThat(rules.correlations()).hasSize(9);
    assertThat(rules.filterCount()).isEqualTo(1);
    Set<String> expected = new HashSet<>();
    fixture()
        .forEach(n -> {
          if (n.path("_expect").isArray()) {
            n.get("_expect").forEach(t -> expected.add(t.asText()));
          } else {
            expected.add(n.path("_expect").asText(null));
          }
        });
    for (SigmaRule r : rules.rules()) {
      if (r.meta().path().startsWith("builtin:pack/")) {
        continue; // fixtures beside each rule, walked by PackFixtureTest
      }
      assertThat(r.meta().author()).as("author of %s", r).isNotBlank();
      if (r.emits()) {
        assertThat(expected)
            .as("fixture example for %s", r.meta().title())
            .contains(r.meta().title());
      }
    }
  }
}
