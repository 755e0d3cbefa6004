package dev.bulwark.logs.sigma;

import static dev.bulwark.logs.sigma.SigmaTesting.event;
import static dev.bulwark.logs.sigma.SigmaTesting.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.event.LogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The prefilter may skip a rule only when the rule cannot match. */
class RuleIndexTest {

  @Test
  void ahoCorasickFindsOverlappingNeedles() {
    AhoCorasick ac = new AhoCorasick(List.of("he", "she", "his", "hers", "é!"));
    List<Integer> found = new ArrayList<>();
    ac.search("ushers café!", found::add);
    assertThat(found).containsExactlyInAnyOrder(1, 0, 3, 4);
  }

  @Test
  void regexLiterals() {
    assertThat(ValueMatcher.Regex.longestLiteral("\\\\AppData\\\\Local\\\\Temp\\\\[a-z]+\\.exe"))
        .isEqualTo("\\AppData\\Local\\Temp\\");
    assertThat(ValueMatcher.Regex.longestLiteral("abc|defgh")).isEmpty();
    assertThat(ValueMatcher.Regex.longestLiteral("(?i)invoke-(web)?request")).isEqualTo("invoke-");
    assertThat(ValueMatcher.Regex.longestLiteral("colou?r")).isEqualTo("colo");
    assertThat(ValueMatcher.Regex.longestLiteral("ab+cdef")).isEqualTo("cdef");
    assertThat(ValueMatcher.Regex.longestLiteral("x{2,3}yz")).isEqualTo("yz");
  }

  @Test
  void atomsSpanFieldsOfAnAlternation() {
    SigmaRule r =
        rule(
            "sel:\n  - Image|endswith: '\\jsc.exe'\n  - OriginalFileName: 'jsc.exe'\nfilter:\n  User: x\ncondition: sel and not filter");
    RuleIndex.Atom a = RuleIndex.necessary(r.expr());
    assertThat(a.alternatives())
        .extracting(RuleIndex.Alt::field)
        .containsExactly("Image", "OriginalFileName");
    RuleIndex idx = new RuleIndex(new SigmaRule[] {r});
    List<SigmaRule> out = new ArrayList<>();
    idx.candidates(event("OriginalFileName", "JSC.EXE"), out);
    assertThat(out).containsExactly(r);
    out.clear();
    idx.candidates(event("Image", "C:\\x\\csc.exe"), out);
    assertThat(out).isEmpty();
  }

  @Test
  void negationsAndRegexWithoutLiteralsAreAlwaysEvaluated() {
    SigmaRule not = rule("sel:\n  Image|endswith: '\\x.exe'\ncondition: not sel");
    SigmaRule re = rule("sel:\n  CommandLine|re: '^[a-z]{3}$'\ncondition: sel");
    RuleIndex idx = new RuleIndex(new SigmaRule[] {not, re});
    assertThat(idx.prefiltered()).isZero();
  }

  /** On every event of the shared corpus and the fixtures: indexed matching equals brute force. */
  @Test
  void sameMatchesAsEvaluatingEveryRule() throws Exception {
    Path sigma = Path.of("../../shared/data/sigma/rules").toAbsolutePath().normalize();
    Logsources ls = Logsources.builtIn();
    RuleSet rules =
        Files.isDirectory(sigma)
            ? RuleSet.load(List.of(sigma), Map.of(), ls)
            : RuleSet.builtIn(Map.of(), ls);
    List<Path> inputs = new ArrayList<>();
    Path evtx = Path.of("../../shared/data/evtx").toAbsolutePath().normalize();
    if (Files.isDirectory(evtx)) {
      try (Stream<Path> s = Files.walk(evtx)) {
        s.filter(p -> p.toString().endsWith(".evtx")).forEach(inputs::add);
      }
    }
    Path fixtures = Path.of("src/test/resources/dev/bulwark/logs").toAbsolutePath();
    try (Stream<Path> s = Files.walk(fixtures)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.toString().endsWith(".md"))
          .forEach(inputs::add);
    }
    Map<List<Logsource>, RuleIndex> indexes = new LinkedHashMap<>();
    long[] compared = {0};
    LogReader reader = new LogReader(LogReader.Options.defaults(), d -> {});
    for (Path p : inputs) {
      reader.read(
          p,
          (Event e) -> {
            List<Logsource> route = ls.route(e);
            List<SigmaRule> applicable = new ArrayList<>();
            for (SigmaRule r : rules.rules()) {
              if (route.stream().anyMatch(r.logsource()::covers)) {
                applicable.add(r);
              }
            }
            RuleIndex idx =
                indexes.computeIfAbsent(
                    route, k -> new RuleIndex(applicable.toArray(SigmaRule[]::new)));
            List<SigmaRule> candidates = new ArrayList<>();
            idx.candidates(e, candidates);
            List<SigmaRule> viaIndex = candidates.stream().filter(r -> r.matches(e)).toList();
            List<SigmaRule> brute = applicable.stream().filter(r -> r.matches(e)).toList();
            assertThat(viaIndex).as("%s#%s", e.source(), e.recordId()).isEqualTo(brute);
            compared[0]++;
          });
    }
    assertThat(compared[0]).isPositive();
  }
}
