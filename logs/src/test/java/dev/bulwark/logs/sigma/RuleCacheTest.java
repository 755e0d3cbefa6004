package dev.bulwark.logs.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

  /** A rule file that is not text says why in words, not with a Java exception's class name. */
  @Test
  void ruleFileThatIsNotUtf8_isInvalidYamlSaidPlainly() {
    byte[] binary = {(byte) 0xa3, (byte) 0xff, 0x00, 0x41, (byte) 0xc0};
    String error = RuleSet.parseYaml(binary).error();
    assertThat(error).startsWith("not valid YAML: Invalid UTF-8").doesNotContain("java.");
    assertThat(RuleSet.parseYaml(rule("t", "x").getBytes(StandardCharsets.UTF_8)).error()).isNull();
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
    assertThat(text(file)).contains("mimikatz");
  }

  /** The cache file's bytes one character each, so binary parts survive a round trip. */
  private static String text(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.ISO_8859_1);
  }

  private static List<Path> caches(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".rules")).toList();
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
    // same length, still well-formed, different rule: only the checksum can tell
    Files.writeString(
        file, text(file).replace("mimikatz", "procdump"), StandardCharsets.ISO_8859_1);
    RuleSet again = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(again.rules().get(0).matches(SigmaTesting.event("CommandLine", "x mimikatz y")))
        .isTrue();
    assertThat(text(file)).contains("mimikatz").doesNotContain("procdump");
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

  /**
   * The index over a log source's rules reads what each cached rule needs from the cache: building
   * it compiles nothing, an event compiles only the rules it may match, and the matches are those
   * of rules compiled from the YAML.
   */
  @Test
  void cachedIndex_compilesOnlyTheRulesAnEventMayMatch_withTheSameMatches() throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(rules.resolve("a.yml"), rule("Alpha", "mimikatz"));
    Files.writeString(rules.resolve("b.yml"), rule("Bravo", "procdump"));
    Files.writeString(
        rules.resolve("c.yml"),
        "title: Charlie\nlogsource: {product: windows, category: process_creation}\n"
            + "detection:\n  sel:\n    CommandLine|re: 'a.c'\n  condition: sel\n");
    Path cache = tmp.resolve("cache");
    RuleSet.Options options = new RuleSet.Options(Map.of(), false, cache);
    RuleSet cold = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    RuleSet warm = RuleSet.load(List.of(rules), options, Logsources.builtIn());

    RuleIndex index = new RuleIndex(warm.rules().toArray(SigmaRule[]::new));
    assertThat(warm.rules()).noneMatch(SigmaRule::compiled);
    assertThat(index.prefiltered()).isEqualTo(2); // Charlie has no literal: always a candidate

    RuleIndex coldIndex = new RuleIndex(cold.rules().toArray(SigmaRule[]::new));
    for (String line : List.of("x mimikatz abc", "procdump", "nothing here")) {
      var e = SigmaTesting.event("CommandLine", line);
      List<SigmaRule> candidates = new java.util.ArrayList<>();
      index.candidates(e, candidates);
      List<SigmaRule> coldCandidates = new java.util.ArrayList<>();
      coldIndex.candidates(e, coldCandidates);
      assertThat(candidates)
          .extracting(r -> r.meta().title())
          .isEqualTo(coldCandidates.stream().map(r -> r.meta().title()).toList());
      assertThat(candidates.stream().filter(r -> r.matches(e)).map(r -> r.meta().title()))
          .isEqualTo(
              coldCandidates.stream()
                  .filter(r -> r.matches(e))
                  .map(r -> r.meta().title())
                  .toList());
    }
    // "mimikatz" and "procdump" reached Alpha and Bravo; the regex rule is evaluated on each event
    assertThat(warm.rules()).allMatch(SigmaRule::compiled);
    RuleSet third = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    RuleIndex thirdIndex = new RuleIndex(third.rules().toArray(SigmaRule[]::new));
    thirdIndex.candidates(
        SigmaTesting.event("CommandLine", "procdump"), new java.util.ArrayList<>());
    assertThat(third.rules()).extracting(SigmaRule::compiled).containsExactly(false, false, false);
  }

  /**
   * An installed release is found again by its identity, without walking its files; a damaged
   * listing is walked again, and another identity is never served this one's rules.
   */
  @Test
  void release_isFoundByItsIdentity_andADamagedListingIsWalkedAgain() throws Exception {
    Path release = Files.createDirectories(tmp.resolve("release"));
    Files.writeString(release.resolve("a.yml"), rule("Alpha", "mimikatz"));
    Path cache = tmp.resolve("cache");
    RuleSet.Options options = new RuleSet.Options(Map.of(), false, cache);
    RuleSet.StatusPolicy policy = RuleSet.StatusPolicy.defaults();
    RuleSet first =
        RuleSet.builtInWithRelease(release, "id-1", policy, options, Logsources.builtIn());
    Path listing;
    try (Stream<Path> s = Files.list(cache)) {
      listing = s.filter(p -> p.toString().endsWith(".release")).findFirst().orElseThrow();
    }
    // the release's file changes under the same identity: the identity stands for the contents
    Files.writeString(release.resolve("a.yml"), rule("Alpha", "procdump"));
    RuleSet same =
        RuleSet.builtInWithRelease(release, "id-1", policy, options, Logsources.builtIn());
    assertThat(same.rules()).hasSameSizeAs(first.rules());
    var mimikatz = SigmaTesting.event("CommandLine", "x mimikatz y");
    assertThat(same.rules().stream().filter(r -> r.meta().title().equals("Alpha")))
        .singleElement()
        .matches(r -> r.matches(mimikatz));
    // another identity walks and reads the files
    RuleSet other =
        RuleSet.builtInWithRelease(release, "id-2", policy, options, Logsources.builtIn());
    assertThat(other.rules().stream().filter(r -> r.meta().title().equals("Alpha")))
        .singleElement()
        .matches(r -> !r.matches(mimikatz));
    // a listing damaged on disk is not believed: the release is walked and read again
    byte[] b = Files.readAllBytes(listing);
    b[70] ^= 1; // in the file names (the first line is the 64-digit content key)
    Files.write(listing, b);
    RuleSet damaged =
        RuleSet.builtInWithRelease(release, "id-1", policy, options, Logsources.builtIn());
    assertThat(damaged.rules().stream().filter(r -> r.meta().title().equals("Alpha")))
        .singleElement()
        .matches(r -> !r.matches(mimikatz));
  }

  @Test
  void cachedLoad_compilesARuleOnlyWhenFirstUsed_andMetaFiltersStillApply() throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(rules.resolve("a.yml"), rule("Alpha", "mimikatz"));
    Files.writeString(rules.resolve("b.yml"), rule("Bravo", "procdump"));
    Files.writeString(
        rules.resolve("c.yml"),
        "title: Admins may\nlogsource: {product: windows, category: process_creation}\n"
            + "filter:\n  rules: [00000000-0000-4000-8000-000000000005]\n"
            + "  selection:\n    User: admin\n  condition: not selection\n");
    Path cache = tmp.resolve("cache");
    RuleSet.Options options = new RuleSet.Options(Map.of(), false, cache);
    RuleSet cold = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(cold.rules()).allMatch(SigmaRule::compiled);

    RuleSet warm = RuleSet.load(List.of(rules), options, Logsources.builtIn());
    assertThat(warm.rules()).extracting(r -> r.meta().title()).containsExactly("Alpha", "Bravo");
    assertThat(warm.rules()).noneMatch(SigmaRule::compiled);
    assertThat(warm.filterCount()).isEqualTo(1);

    var mimikatz = SigmaTesting.event("CommandLine", "x mimikatz y");
    assertThat(warm.rules().get(0).matches(mimikatz)).isTrue();
    assertThat(warm.rules().get(0).compiled()).isTrue();
    assertThat(warm.rules().get(1).compiled()).isFalse();
    // the filter named Alpha (id ...5): an admin's mimikatz is let through, on both loads
    var admin = SigmaTesting.event("CommandLine", "x mimikatz y", "User", "admin");
    assertThat(warm.rules().get(0).matches(admin)).isFalse();
    assertThat(cold.rules().get(0).matches(admin)).isFalse();
  }

  @Test
  void cachedLoad_reportsTheSameProblems_andTheCompileOptionsAreKeyed() throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(
        rules.resolve("p.yml"),
        "title: Placeholder\nlogsource: {product: windows, category: process_creation}\n"
            + "detection:\n  sel:\n    User|expand: '%admins%'\n  condition: sel\n");
    Files.writeString(rules.resolve("n.yml"), "title: No detection\nlevel: high\n");
    Path cache = tmp.resolve("cache");
    RuleSet.Options without = new RuleSet.Options(Map.of(), false, cache);
    RuleSet cold = RuleSet.load(List.of(rules), without, Logsources.builtIn());
    RuleSet warm = RuleSet.load(List.of(rules), without, Logsources.builtIn());
    assertThat(warm.problems()).isEqualTo(cold.problems()).hasSize(2);
    assertThat(warm.problems())
        .extracting(RuleSet.Problem::kind)
        .contains(RuleSet.ProblemKind.NEEDS_VALUES, RuleSet.ProblemKind.INVALID);
    assertThat(warm.documents()).isEqualTo(cold.documents()).isEqualTo(2);

    // with a value for the placeholder the same files give a rule, not the cached problem
    RuleSet.Options with = new RuleSet.Options(Map.of("admins", List.of("root")), false, cache);
    RuleSet valued = RuleSet.load(List.of(rules), with, Logsources.builtIn());
    assertThat(valued.rules()).hasSize(1);
    RuleSet valuedAgain = RuleSet.load(List.of(rules), with, Logsources.builtIn());
    assertThat(valuedAgain.rules().get(0).matches(SigmaTesting.event("User", "root"))).isTrue();
  }

  @Test
  void sigmaHq_cachedLoad_isTheSameRuleSetAsReadingTheYaml() throws Exception {
    var shared = dev.bulwark.core.testing.SharedData.dir("sigma");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        shared.isPresent(), dev.bulwark.core.testing.SharedData.skipMessage("sigma"));
    Path sigma = shared.get().resolve("rules");
    Path cache = tmp.resolve("cache");
    RuleSet.Options options = new RuleSet.Options(Map.of(), false, cache);
    RuleSet.StatusPolicy policy = RuleSet.StatusPolicy.defaults();
    RuleSet plain =
        RuleSet.builtInWith(
            List.of(sigma), policy, RuleSet.Options.of(Map.of()), Logsources.builtIn());
    RuleSet.load(List.of(sigma), options, Logsources.builtIn()); // writes the cache, no policy
    RuleSet.builtInWith(List.of(sigma), policy, options, Logsources.builtIn()); // and with it
    RuleSet cached = RuleSet.builtInWith(List.of(sigma), policy, options, Logsources.builtIn());
    assertThat(cached.rules()).hasSizeGreaterThan(1000);
    assertThat(cached.rules())
        .extracting(SigmaRule::meta)
        .containsExactlyElementsOf(plain.rules().stream().map(SigmaRule::meta).toList());
    assertThat(cached.rules().stream().filter(SigmaRule::compiled).count()).isZero();
    assertThat(cached.problems()).isEqualTo(plain.problems());
    assertThat(cached.documents()).isEqualTo(plain.documents());
    assertThat(cached.filteredByStatus()).isEqualTo(plain.filteredByStatus());
    assertThat(cached.correlations()).hasSameSizeAs(plain.correlations());
    for (int i = 0; i < plain.rules().size(); i++) {
      // compiled conditions print alike (object identities aside)
      assertThat(cached.rules().get(i).expr().toString().replaceAll("@[0-9a-f]+", "@"))
          .as(plain.rules().get(i).meta().path())
          .isEqualTo(plain.rules().get(i).expr().toString().replaceAll("@[0-9a-f]+", "@"));
    }
  }
}
