package dev.bulwark.yara;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.RuleFixtures;
import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.engine.RuleMatch;
import dev.bulwark.yara.engine.Scanner;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bulwark's own YARA rules ({@code rules/*.yar}) against their annotated fixtures ({@code
 * rules/*.txt}): each fixture line is scanned as one buffer, and a rule {@code name_with_parts} is
 * marked {@code ruleid: name-with-parts}.
 */
class RuleFixtureTest {

  static Path rulesDir() throws URISyntaxException {
    return Path.of(RuleFixtureTest.class.getResource("/dev/bulwark/yara/rules").toURI());
  }

  static List<Path> files(String ext) throws Exception {
    try (Stream<Path> s = Files.list(rulesDir())) {
      return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFixture_matchesItsMarkers() throws Exception {
    CompiledRules rules = CompiledRules.compile(files(".yar"), Set.of());
    return RuleFixtures.tests(
        files(".txt"),
        (file, expectations) -> {
          Scanner scanner = new Scanner(rules, Map.of());
          Map<Integer, Set<String>> fired = new HashMap<>();
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          for (int i = 0; i < lines.size(); i++) {
            for (RuleMatch m :
                scanner.scan(ByteBuffer.wrap(lines.get(i).getBytes(StandardCharsets.UTF_8)))) {
              fired.computeIfAbsent(i + 1, k -> new TreeSet<>()).add(m.rule().replace('_', '-'));
            }
          }
          return fired;
        });
  }

  @Test
  void everyRule_hasPositiveAndNegativeCases() throws Exception {
    CompiledRules rules = CompiledRules.compile(files(".yar"), Set.of());
    List<String> ids = rules.ruleNames().stream().map(n -> n.replace('_', '-')).toList();
    assertThat(RuleFixtures.coverageProblems(ids, files(".txt"))).isEmpty();
  }
}
