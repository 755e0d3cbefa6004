package dev.bulwark.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
  @Test
  void equalTexts_haveNoDiff() {
    assertThat(UnifiedDiff.of("a.txt", "x\ny\n", "x\ny\n")).isEmpty();
  }

  @Test
  void oneChangedLine_showsContextAndBothVersions() {
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n";
    String after = "1\n2\n3\n4 changed\n5\n6\n7\n8\n";
    assertThat(UnifiedDiff.of("a.txt", before, after))
        .isEqualTo(
            "--- a/a.txt\n+++ b/a.txt\n@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-4\n+4 changed\n 5\n 6\n 7\n");
  }

  @Test
  void distantChanges_makeSeparateHunks_andInsertionsCountLines() {
    StringBuilder a = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      a.append(i).append('\n');
    }
    String before = a.toString();
    String after = before.replaceFirst("\n2\n", "\n2\ninserted\n").replace("\n18\n", "\n");
    String diff = UnifiedDiff.of("f", before, after);
    assertThat(diff)
        .contains("@@ -1,5 +1,6 @@")
        .contains("+inserted")
        .contains("@@ -15,6 +16,5 @@")
        .contains("-18");
  }
}
