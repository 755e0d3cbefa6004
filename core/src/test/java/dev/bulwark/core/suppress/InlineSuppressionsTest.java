package dev.bulwark.core.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InlineSuppressionsTest {
  @TempDir Path dir;

  private static Finding at(String path, int line, String rule) {
    return Finding.builder("secrets", rule)
        .title("t")
        .message("m")
        .severity(Severity.HIGH)
        .location(new Location.File(path, Region.line(line), "x"))
        .build();
  }

  @Test
  void markersOnTheLineOrTheLineBefore_suppressWithTheirReason_andAMissingReasonIsAProblem()
      throws Exception {
    Files.writeString(
        dir.resolve("a.env"),
        String.join(
            "\n",
            "token=abc # bulwark:ignore jwt test fixture for the login flow",
            "# bulwark:ignore *",
            "password=hunter2",
            "key=v",
            "other=1 // bulwark:ignore generic-secret"));
    Finding sameLine = at("a.env", 1, "jwt");
    Finding noReason = at("a.env", 3, "generic-password");
    Finding none = at("a.env", 4, "generic-secret");
    Finding otherRule = at("a.env", 5, "jwt");
    Map<Finding, InlineSuppressions.Verdict> v =
        new InlineSuppressions(dir).checkAll(List.of(sameLine, noReason, none, otherRule));
    assertThat(v.get(sameLine).suppressed()).isTrue();
    assertThat(v.get(sameLine).reason()).isEqualTo("test fixture for the login flow");
    assertThat(v.get(noReason).suppressed()).isFalse();
    assertThat(v.get(noReason).problem()).contains("line 2").contains("no reason");
    assertThat(v).doesNotContainKeys(none, otherRule);
  }

  @Test
  void aMarkerAtTheEndOfAHugeLine_isFound_fromTheLinesTailAlone() throws Exception {
    String huge = "x".repeat(5 << 20);
    Files.write(
        dir.resolve("big.js"),
        ("var a = 1;\r\nvar s = '" + huge + "'; // bulwark:ignore jwt minified bundle sample\r\n")
            .getBytes(StandardCharsets.UTF_8));
    Finding f = at("big.js", 2, "jwt");
    assertThat(new InlineSuppressions(dir).check(f))
        .hasValueSatisfying(v -> assertThat(v.reason()).isEqualTo("minified bundle sample"));
  }

  @Test
  void unreadableFilesAndArchiveEntries_haveNoVerdict() {
    InlineSuppressions s = new InlineSuppressions(dir);
    assertThat(s.check(at("missing.env", 1, "jwt"))).isEmpty();
    assertThat(s.check(at("lib.jar!/a.properties", 1, "jwt"))).isEmpty();
  }
}
