package dev.bulwark.logs.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.logs.event.Event;
import java.util.List;
import java.util.Map;

/** Builds one-rule sets and events for the engine's tests. */
final class SigmaTesting {
  private SigmaTesting() {}

  /** A rule around a detection section (indented YAML under "detection:"). */
  static SigmaRule rule(String detection) {
    return rule(detection, Map.of());
  }

  static SigmaRule rule(String detection, Map<String, List<String>> placeholders) {
    RuleSet set =
        RuleSet.parse("test.yml", ruleYaml(detection), placeholders, Logsources.builtIn());
    assertThat(set.problems()).as("problems loading the rule").isEmpty();
    assertThat(set.rules()).hasSize(1);
    return set.rules().get(0);
  }

  static String ruleYaml(String detection) {
    return "title: Test rule\nid: 00000000-0000-4000-8000-000000000001\nlogsource:\n  product: windows\n"
        + "detection:\n"
        + detection.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n")
        + "level: high\n";
  }

  /** An event from name/value pairs. */
  static Event event(String... pairs) {
    Event e = new Event("test", "1", null, "json");
    for (int i = 0; i < pairs.length; i += 2) {
      e.put(pairs[i], pairs[i + 1]);
    }
    return e;
  }
}
