package dev.bulwark.logs.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsed-rule cache gives the same rule set as reading the YAML, and follows edits. */
class RuleCacheTest {
  @TempDir Path tmp;

  private static String rule(String title, String value) {
    return "title: "
        + title
        + "\nid: 00000000-0000-4000-8000-00000000000"
        + title.length()
        + "\nlogsource: {product: windows, category: process_creation}\n"
        + "detection:\n  sel:\n    CommandLine|contains: '"
        + value
        + "'\n  condition: sel\nlevel: high\n";
  }

  @Test
  void secondLoad_readsTheCache_andAnEditedRuleIsReadAgain() throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(rules.resolve("a.yml"), rule("Alpha", "mimikatz"));
    Files.writeString(rules.resolve("b.yml"), "title: [broken\n");
    Path cache = tmp.resolve("cache");
    RuleSet.Options options = new RuleSet.Options(Map.of(), false, cache);
    RuleSet first = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    try (Stream<Path> s = Files.list(cache)) {
      assertThat(s.count()).isEqualTo(1);
    }
    RuleSet second = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(second.rules()).extracting(r -> r.meta().title()).containsExactly("Alpha");
    assertThat(second.problems()).hasSameSizeAs(first.problems());
    assertThat(second.problems().get(0).message()).isEqualTo(first.problems().get(0).message());
    var e = SigmaTesting.event("CommandLine", "x mimikatz y");
    assertThat(second.rules().get(0).matches(e)).isTrue();

    Files.writeString(rules.resolve("a.yml"), rule("Alpha", "procdump"));
    RuleSet edited = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(edited.rules().get(0).matches(e)).isFalse();
    try (Stream<Path> s = Files.list(cache)) {
      assertThat(s.count()).isEqualTo(2);
    }
  }

  @Test
  void damagedCache_isIgnoredAndRewritten() throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(rules.resolve("a.yml"), rule("Alpha", "mimikatz"));
    Path cache = tmp.resolve("cache");
    RuleSet.Options options = new RuleSet.Options(Map.of(), false, cache);
    RuleSet.load(List.of(rules), options, Logsources.builtIn());
    Path file;
    try (Stream<Path> s = Files.list(cache)) {
      file = s.findFirst().orElseThrow();
    }
    Files.writeString(file, "[{\"d\": [");
    RuleSet again = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(again.rules()).hasSize(1);
    assertThat(Files.readString(file)).contains("mimikatz");
  }

  @Test
  void statusPolicy_keepsStableAndTest_andExperimentalOnlyFromHigh() {
    RuleSet.StatusPolicy p = RuleSet.StatusPolicy.defaults();
    assertThat(p.keeps(meta(Status.STABLE, Level.LOW))).isTrue();
    assertThat(p.keeps(meta(Status.TEST, Level.LOW))).isTrue();
    assertThat(p.keeps(meta(Status.EXPERIMENTAL, Level.MEDIUM))).isFalse();
    assertThat(p.keeps(meta(Status.EXPERIMENTAL, Level.HIGH))).isTrue();
    assertThat(p.keeps(meta(Status.DEPRECATED, Level.CRITICAL))).isFalse();
    assertThat(new RuleSet.StatusPolicy(false, null).keeps(meta(Status.TEST, Level.HIGH)))
        .isFalse();
  }

  private static SigmaRule.Meta meta(Status status, Level level) {
    return new SigmaRule.Meta(
        "id", null, "t", null, status, level, "a", null, List.of(), List.of(), List.of(), "p");
  }
}
