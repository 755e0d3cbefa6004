package dev.bulwark.logs.sigma;

import static dev.bulwark.logs.sigma.SigmaTesting.event;
import static dev.bulwark.logs.sigma.SigmaTesting.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Condition grammar: precedence, parentheses, "1 of", "all of", "them", lists of maps. */
class ConditionsTest {
  private static final String SELECTIONS =
      "selection_a:\n  A: '1'\nselection_b:\n  B: '1'\nfilter_c:\n  C: '1'\n_hidden:\n  D: '1'\n";

  private static boolean eval(String condition, String... pairs) {
    return rule(SELECTIONS + "condition: " + condition).matches(event(pairs));
  }

  @Test
  void notBindsTighterThanAndThanOr() {
    assertThat(eval("selection_a or selection_b and filter_c", "A", "1")).isTrue();
    assertThat(eval("(selection_a or selection_b) and filter_c", "A", "1")).isFalse();
    assertThat(eval("not selection_a and selection_b", "B", "1")).isTrue();
    assertThat(eval("not (selection_a or selection_b)", "B", "1")).isFalse();
    assertThat(eval("selection_a and not filter_c", "A", "1", "C", "1")).isFalse();
  }

  @Test
  void ofPatternsAndThem() {
    assertThat(eval("1 of selection_*", "B", "1")).isTrue();
    assertThat(eval("all of selection_*", "B", "1")).isFalse();
    assertThat(eval("all of selection_*", "A", "1", "B", "1")).isTrue();
    assertThat(eval("1 of them", "C", "1")).isTrue();
    assertThat(eval("1 of them", "D", "1")).as("them leaves out _ names").isFalse();
    assertThat(eval("all of them", "A", "1", "B", "1", "C", "1")).isTrue();
    assertThat(eval("1 of selection_* and not 1 of filter_*", "A", "1", "C", "1")).isFalse();
  }

  @Test
  void listOfMapsIsOrAndMapIsAnd() {
    SigmaRule r =
        rule(
            "sel:\n  - Image|endswith: '\\whoami.exe'\n  - OriginalFileName: whoami.exe\n    Product: Windows\ncondition: sel");
    assertThat(r.matches(event("Image", "C:\\x\\whoami.exe"))).isTrue();
    assertThat(r.matches(event("OriginalFileName", "whoami.exe"))).isFalse();
    assertThat(r.matches(event("OriginalFileName", "whoami.exe", "Product", "windows"))).isTrue();
  }

  @Test
  void conditionListIsOr() {
    SigmaRule r = rule(SELECTIONS + "condition:\n  - selection_a\n  - selection_b");
    assertThat(r.matches(event("B", "1"))).isTrue();
    assertThat(r.matches(event("C", "1"))).isFalse();
  }

  @Test
  void brokenConditionsAreListedWithTheReason() {
    for (var c :
        Map.of(
                "selection_a and", "ends too early",
                "selection_x", "unknown selection",
                "(selection_a", "missing ')'",
                "1 of nothing_*", "no selection matches",
                "selection_a | count() > 5", "retired pipe aggregation")
            .entrySet()) {
      RuleSet set =
          RuleSet.parse(
              "bad.yml",
              SigmaTesting.ruleYaml(SELECTIONS + "condition: " + c.getKey()),
              Map.of(),
              Logsources.builtIn());
      assertThat(set.rules()).as(c.getKey()).isEmpty();
      assertThat(set.problems())
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains(c.getValue()));
    }
  }

  @Test
  void unknownModifiersAndRetiredConstructsAreUnsupported() {
    RuleSet set =
        RuleSet.parse(
            "u.yml",
            SigmaTesting.ruleYaml("sel:\n  A|frobnicate: x\ncondition: sel")
                + "---\naction: global\ntitle: old\nlogsource: {product: windows}\n",
            Map.of(),
            Logsources.builtIn());
    assertThat(set.problems())
        .extracting(RuleSet.Problem::kind)
        .containsExactly(RuleSet.ProblemKind.UNSUPPORTED, RuleSet.ProblemKind.UNSUPPORTED);
  }
}
