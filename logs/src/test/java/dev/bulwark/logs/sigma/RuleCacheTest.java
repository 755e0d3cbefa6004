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
    assertThat(caches(cache)).hasSize(1);
    RuleSet second = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(second.rules()).extracting(r -> r.meta().title()).containsExactly("Alpha");
    assertThat(second.problems()).hasSameSizeAs(first.problems());
    assertThat(second.problems().get(0).message()).isEqualTo(first.problems().get(0).message());
    var e = SigmaTesting.event("CommandLine", "x mimikatz y");
    assertThat(second.rules().get(0).matches(e)).isTrue();

    Files.writeString(rules.resolve("a.yml"), rule("Alpha", "procdump"));
    RuleSet edited = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(edited.rules().get(0).matches(e)).isFalse();
    assertThat(caches(cache)).hasSize(2);
  }

  @Test
  void damagedCache_isIgnoredAndRewritten() throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(rules.resolve("a.yml"), rule("Alpha", "mimikatz"));
    Path cache = tmp.resolve("cache");
    RuleSet.Options options = new RuleSet.Options(Map.of(), false, cache);
    RuleSet.load(List.of(rules), options, Logsources.builtIn());
    Path file = caches(cache).get(0);
    Files.writeString(file, "[{\"d\": [");
    RuleSet again = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(again.rules()).hasSize(1);
    assertThat(Files.readString(file)).contains("mimikatz");
  }

  private static List<Path> caches(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).toList();
    }
  }

  @Test
  void aCacheChangedInside_isNotTrusted_evenWhenItIsStillValidJson() throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(rules.resolve("a.yml"), rule("Alpha", "mimikatz"));
    Path cache = tmp.resolve("cache");
    RuleSet.Options options = new RuleSet.Options(Map.of(), false, cache);
    RuleSet.load(List.of(rules), options, Logsources.builtIn());
    Path file = caches(cache).get(0);
    // same length, still JSON, different rule: only the checksum can tell
    Files.writeString(file, Files.readString(file).replace("mimikatz", "procdump"));
    RuleSet again = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(again.rules().get(0).matches(SigmaTesting.event("CommandLine", "x mimikatz y")))
        .isTrue();
    assertThat(Files.readString(file)).contains("mimikatz").doesNotContain("procdump");
  }

  @Test
  void metadataKey_waitsUntilFilesSettle_andFollowsEveryChange() throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Path a = rules.resolve("a.yml");
    Files.writeString(a, rule("Alpha", "mimikatz"));
    long now = System.currentTimeMillis() * 1_000_000L;
    // just written: a change within the same clock tick would not show, so no key yet
    assertThat(RuleCache.statKey(List.of(a), now)).isNull();
    long later = now + 10_000_000_000L;
    String before = RuleCache.statKey(List.of(a), later);
    assertThat(before).isNotNull().isEqualTo(RuleCache.statKey(List.of(a), later));
    // same size, new contents, modification time put back: the change time still moves
    java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(a);
    Thread.sleep(20);
    Files.writeString(a, rule("Alpha", "procdum2"));
    Files.setLastModifiedTime(a, mtime);
    assertThat(RuleCache.statKey(List.of(a), later)).isNotNull().isNotEqualTo(before);
  }

  @Test
  void metadataIndex_pointsOnlyAtWellFormedKeys() throws Exception {
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    String content = "ab".repeat(32);
    RuleCache.remember(cache, "cd".repeat(32), content);
    assertThat(RuleCache.contentKey(cache, "cd".repeat(32))).isEqualTo(content);
    Files.writeString(cache.resolve("ef".repeat(32) + ".stat"), "../../etc/passwd\n");
    assertThat(RuleCache.contentKey(cache, "ef".repeat(32))).isNull();
    assertThat(RuleCache.contentKey(cache, "00".repeat(32))).isNull();
  }

  @Test
  void settledRules_areFoundThroughTheirMetadata_andAnEditIsStillSeen() throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Path a = rules.resolve("a.yml");
    Files.writeString(a, rule("Alpha", "mimikatz"));
    Thread.sleep(2_100); // older than the settling time, so the metadata index is written
    Path cache = tmp.resolve("cache");
    RuleSet.Options options = new RuleSet.Options(Map.of(), false, cache);
    RuleSet.load(List.of(rules), options, Logsources.builtIn());
    try (Stream<Path> s = Files.list(cache)) {
      assertThat(s.filter(p -> p.toString().endsWith(".stat")).count()).isEqualTo(1);
    }
    var mimikatz = SigmaTesting.event("CommandLine", "x mimikatz y");
    assertThat(
            RuleSet.load(List.of(rules), options, Logsources.builtIn())
                .rules()
                .get(0)
                .matches(mimikatz))
        .isTrue();
    Files.writeString(a, rule("Alpha", "procdump"));
    RuleSet edited = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(edited.rules().get(0).matches(mimikatz)).isFalse();
    assertThat(edited.rules().get(0).matches(SigmaTesting.event("CommandLine", "procdump -ma")))
        .isTrue();
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
