package dev.bulwark.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static Finding at(int line, String snippet) {
    return Finding.builder("code", "java-sqli")
        .title("t")
        .message("m")
        .location(new Location.File("src/A.java", Region.line(line), snippet))
        .build();
  }

  @Test
  void fingerprint_survivesLineShiftsAndReformatting() {
    Finding before = at(10, "stmt.executeQuery(\"select * from t where id=\" + id);");
    Finding after = at(42, "stmt.executeQuery(\n    \"select * from t where id=\"\n        + id);");
    assertThat(after.fingerprint()).isEqualTo(before.fingerprint()).hasSize(32);
  }

  @Test
  void fingerprint_differsByRuleFileAndCode() {
    Finding base = at(10, "a(b);");
    assertThat(at(10, "a(c);").fingerprint()).isNotEqualTo(base.fingerprint());
    Finding otherFile =
        Finding.builder("code", "java-sqli")
            .title("t")
            .message("m")
            .location(new Location.File("src/B.java", Region.line(10), "a(b);"))
            .build();
    assertThat(otherFile.fingerprint()).isNotEqualTo(base.fingerprint());
  }

  @Test
  void explicitIdentity_takesPrecedenceOverSnippet() {
    Finding a =
        Finding.builder("secrets", "r")
            .title("t")
            .message("m")
            .location(new Location.File("f", Region.line(1), "x"))
            .identity("hash1")
            .build();
    Finding b =
        Finding.builder("secrets", "r")
            .title("t")
            .message("m")
            .location(new Location.File("f", Region.line(9), "y"))
            .identity("hash1")
            .build();
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
  }

  @Test
  void finding_withoutLocation_isRejected() {
    assertThatThrownBy(() -> Finding.builder("a", "r").title("t").message("m").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a location");
  }

  @Test
  void region_rejectsInvertedLines() {
    assertThatThrownBy(() -> new Region(5, 1, 4, 1)).hasMessageContaining("5..4");
  }

  @Test
  void severity_parsesAliasesAndOrders() {
    assertThat(Severity.parse("Moderate")).isEqualTo(Severity.MEDIUM);
    assertThat(Severity.CRITICAL.atLeast(Severity.HIGH)).isTrue();
    assertThat(Severity.LOW.atLeast(Severity.MEDIUM)).isFalse();
    assertThatThrownBy(() -> Severity.parse("urgent")).hasMessageContaining("'urgent'");
  }

  @Test
  void taxonomyRef_parsesCommonForms() {
    assertThat(TaxonomyRef.parse("CWE-798")).isEqualTo(TaxonomyRef.cwe(798));
    assertThat(TaxonomyRef.parse("attack.t1552.001").display()).isEqualTo("T1552.001");
    assertThat(TaxonomyRef.parse("T1059").url())
        .isEqualTo("https://attack.mitre.org/techniques/T1059/");
    assertThat(TaxonomyRef.attack("T1552.001").url())
        .isEqualTo("https://attack.mitre.org/techniques/T1552/001/");
  }
}
