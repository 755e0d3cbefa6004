package dev.bulwark.deps.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CvssTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.8",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N, 5.9",
    "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N, 0.0",
    "AV:N/AC:L/Au:N/C:P/I:P/A:P, 7.5",
    "AV:N/AC:M/Au:N/C:C/I:C/A:C, 9.3",
    "AV:L/AC:L/Au:N/C:C/I:C/A:C, 7.2"
  })
  void v2AndV3_followTheSpecificationsFormulas(String vector, double score) throws Exception {
    assertThat(Cvss.parse(vector).score()).isEqualTo(score);
  }

  /**
   * Scores of the CVSS v4.0 specification's reference calculator (FIRST) for vectors that NVD and
   * vendors publish most often.
   */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 9.3",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H, 10.0",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N, 0.0",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 8.7",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N, 8.7",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N, 5.3",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N, 5.3",
    "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 8.5",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N, 6.9"
  })
  void v4_matchesTheReferenceCalculator(String vector, double score) throws Exception {
    assertThat(Cvss.parse(vector).score()).isEqualTo(score);
  }

  @Test
  void ratings_followTheQualitativeScale() throws Exception {
    assertThat(Cvss.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").rating())
        .isEqualTo("critical");
    assertThat(Cvss.parse("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N").rating())
        .isEqualTo("medium");
  }

  @Test
  void malformedVectors_areExplicitErrors() {
    assertThatThrownBy(() -> Cvss.parse("CVSS:3.1/AV:N/AC:L"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("missing")
        .hasMessageContaining("CVSS:3.1/AV:N/AC:L");
    assertThatThrownBy(
            () -> Cvss.parse("CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
        .isInstanceOf(InputException.class);
    assertThatThrownBy(() -> Cvss.parse("hello"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("hello");
  }
}
