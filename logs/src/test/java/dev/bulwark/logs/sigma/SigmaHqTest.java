package dev.bulwark.logs.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The public Sigma rule set (in ../shared/data/sigma, skipped when absent): every rule document
 * loads or is listed with a reason that is not "invalid" or "unsupported", and every regression
 * case fires at least as often as its info.yml expects, from EVTX and from JSON.
 */
class SigmaHqTest {
  private static final Path SIGMA = Path.of("../../shared/data/sigma").toAbsolutePath().normalize();

  private static List<Path> ruleDirs() {
    List<Path> dirs = new ArrayList<>();
    for (String d :
        List.of(
            "rules",
            "rules-emerging-threats",
            "rules-threat-hunting",
            "rules-compliance",
            "rules-placeholder")) {
      if (Files.isDirectory(SIGMA.resolve(d))) {
        dirs.add(SIGMA.resolve(d));
      }
    }
    return dirs;
  }

  @Test
  void everyRuleLoads() throws IOException {
    assumeTrue(Files.isDirectory(SIGMA.resolve("rules")), "Sigma rules not present at " + SIGMA);
    Logsources ls = Logsources.builtIn();
    RuleSet set = RuleSet.load(ruleDirs(), Map.of(), ls);
    assertThat(set.documents()).isGreaterThan(3000);
    assertThat(set.problems())
        .filteredOn(p ->
            p.kind() == RuleSet.ProblemKind.INVALID || p.kind() == RuleSet.ProblemKind.UNSUPPORTED)
        .as("rules that do not load")
        .isEmpty();
    long notLoaded =
        set.problems().stream().filter(p -> p.kind() == RuleSet.ProblemKind.NEEDS_VALUES).count();
    assertThat(set.rules().size() + set.correlations().size() + set.filterCount() + notLoaded)
        .isEqualTo(set.documents());
    // Rules for log sources Bulwark has no reader mapping for (proxy, webserver, cloud audit
    // logs other than CloudTrail, macOS) are loaded and listed, never silently dropped.
    assertThat(set.problems())
        .filteredOn(p -> p.kind() == RuleSet.ProblemKind.UNROUTED)
        .allSatisfy(
            p -> assertThat(p.message()).startsWith("no reader produces events for log source"));
    assertThat(set.problems())
        .filteredOn(p -> p.kind() == RuleSet.ProblemKind.UNROUTED)
        .noneMatch(p ->
            p.message().contains("category:process_creation") && p.message().contains("windows"));

    // Given values for every placeholder, the placeholder rules load too.
    Map<String, List<String>> values = new LinkedHashMap<>();
    Pattern name = Pattern.compile("%([^%\\s]+)%");
    for (RuleSet.Problem p : set.problems()) {
      Matcher m = name.matcher(p.message());
      while (p.kind() == RuleSet.ProblemKind.NEEDS_VALUES && m.find()) {
        values.put(m.group(1), List.of("value-of-" + m.group(1), "*other*"));
      }
    }
    assertThat(values).isNotEmpty();
    RuleSet filled = RuleSet.load(ruleDirs(), values, ls);
    assertThat(filled.problems()).noneMatch(p -> p.kind() == RuleSet.ProblemKind.NEEDS_VALUES);
  }

  @Test
  void regressionDataFires() throws IOException {
    Path reg = SIGMA.resolve("regression_data");
    assumeTrue(Files.isDirectory(reg), "Sigma regression data not present at " + reg);
    Logsources ls = Logsources.builtIn();
    RuleSet set = RuleSet.load(ruleDirs(), Map.of(), ls);
    List<Regression.Case> cases = Regression.run(reg, SIGMA, set, ls);
    assertThat(cases).hasSizeGreaterThan(200);
    assertThat(cases).filteredOn(c -> !c.passed()).as("regression cases that fail").isEmpty();
    assertThat(cases).filteredOn(c -> c.matchedJson() >= 0).hasSizeGreaterThan(200);
  }
}
