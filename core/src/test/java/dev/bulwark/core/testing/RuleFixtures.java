package dev.bulwark.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The one runner for annotated rule fixtures of every rule kind (code, secrets and any new module's
 * rules): each fixture sits beside its rule and marks its cases with {@code ruleid:} and {@code
 * ok:} comments ({@link FixtureMarkers}); a module says only how to scan a fixture.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> everyFixture_matchesItsMarkers() {
 *   return RuleFixtures.tests(fixtures, (file, expectations) -> firedRuleIdsByLine(file));
 * }
 * }</pre>
 */
public final class RuleFixtures {
  private RuleFixtures() {}

  /** What the rules report on a fixture: rule ids by 1-based line. */
  @FunctionalInterface
  public interface Scan {
    Map<Integer, Set<String>> fired(Path fixture, FixtureMarkers.Expectations expectations)
        throws Exception;
  }

  /**
   * One test per fixture, named by its file: every marked line fires exactly the rules marked for
   * it, {@code ok} lines and unmarked lines fire none.
   */
  public static Stream<DynamicTest> tests(List<Path> fixtures, Scan scan) {
    return fixtures.stream()
        .map(f ->
            DynamicTest.dynamicTest(
                f.getFileName().toString(),
                () -> {
                  FixtureMarkers.Expectations e = FixtureMarkers.parse(f);
                  assertThat(FixtureMarkers.problems(e, scan.fired(f, e)))
                      .as(f.getFileName().toString())
                      .isEmpty();
                }));
  }

  /**
   * What is missing for every rule to be tested both ways: rules without a {@code ruleid} case or
   * an {@code ok} case, and markers naming no rule. Empty when the fixtures cover the rules.
   */
  public static List<String> coverageProblems(Collection<String> ruleIds, List<Path> fixtures)
      throws java.io.IOException {
    Set<String> positive = new TreeSet<>();
    Set<String> negative = new TreeSet<>();
    for (Path f : fixtures) {
      FixtureMarkers.Expectations e = FixtureMarkers.parse(f);
      e.mustFire().values().forEach(positive::addAll);
      e.mustNotFire().values().forEach(negative::addAll);
    }
    List<String> problems = new java.util.ArrayList<>();
    for (String id : new TreeSet<>(ruleIds)) {
      if (!positive.contains(id)) {
        problems.add(id + " (no ruleid case)");
      }
      if (!negative.contains(id)) {
        problems.add(id + " (no ok case)");
      }
    }
    Set<String> unknown = new TreeSet<>(positive);
    unknown.addAll(negative);
    unknown.removeAll(Set.copyOf(ruleIds));
    unknown.forEach(id -> problems.add(id + " (a marker naming no rule)"));
    return problems;
  }
}
