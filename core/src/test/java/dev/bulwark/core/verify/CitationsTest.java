package dev.bulwark.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CitationsTest {
  private static final String FP = "0123456789abcdef0123456789abcdef";
  private static final Map<String, Set<String>> KNOWN =
      Map.of(
          "finding", Set.of(FP),
          "incident", Set.of("INC-0001"),
          "event", Set.of("4711", "4712"));

  private static Optional<String> check(String text, boolean required) {
    return new Citations(KNOWN, required).failure(new Proposal("narrative", "s", "m", text));
  }

  @Test
  void aNarrativeCitingExistingEvidencePasses() {
    assertThat(check("Brute force [incident:INC-0001] from [event:4711] and [event:4712].", true))
        .isEmpty();
    assertThat(check("The key " + FP + " is live.", true)).as("bare fingerprint").isEmpty();
  }

  @Test
  void madeUpEventsFindingsAndIncidentsAreNamed() {
    assertThat(check("see [event:4711] and [event:9999] and [incident:INC-7]", false))
        .hasValueSatisfying(r ->
            assertThat(r).contains("event:9999").contains("incident:INC-7").doesNotContain("4711"));
    assertThat(check("key ffffffffffffffffffffffffffffffff", false))
        .hasValueSatisfying(r -> assertThat(r).contains("finding:ffff"));
  }

  @Test
  void citingNothingFailsOnlyWhenCitationsAreRequired() {
    assertThat(check("All clear.", false)).isEmpty();
    assertThat(check("All clear.", true))
        .hasValueSatisfying(r -> assertThat(r).contains("no evidence"));
  }

  @Test
  void citationsAreReadWhateverTheirCaseAndSpacing() {
    assertThat(Citations.cited("[Event: 4711] [FINDING:" + FP + "]"))
        .containsExactly("event:4711", "finding:" + FP);
  }
}
