package dev.bulwark.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleNamesTest {
  @Test
  void sigmaUuid_isOpaque_andShownByTitle() {
    String id = "sigma-c947b146-0abc-4c87-9c64-b17e9d7274a2";
    assertThat(RuleNames.opaque(id)).isTrue();
    assertThat(RuleNames.display(id, "Shadow Copies Deleted")).isEqualTo("Shadow Copies Deleted");
    assertThat(RuleNames.display(id, null)).isEqualTo("sigma c947b146…");
    assertThat(RuleNames.shortId(id)).isEqualTo("sigma c947b146…");
  }

  @Test
  void readableIds_areShownAsTheyAre() {
    assertThat(RuleNames.opaque("java-sqli")).isFalse();
    assertThat(RuleNames.display("java-sqli", "SQL injection")).isEqualTo("java-sqli");
    assertThat(RuleNames.opaque("CVE-2021-44228")).isFalse();
  }
}
