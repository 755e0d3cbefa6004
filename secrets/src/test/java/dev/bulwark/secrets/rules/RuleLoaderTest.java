package dev.bulwark.secrets.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {
  @TempDir Path dir;

  private Path pack(String pattern) throws Exception {
    Path f = dir.resolve("custom.yaml");
    Files.writeString(
        f,
        """
        provider: custom
        category: generic
        rules:
          - id: custom-rule
            name: Custom
            description: a team's own pattern
            remediation: rotate it
            keywords: [tok]
            pattern: '%s'
        """
            .formatted(pattern));
    return f;
  }

  @Test
  void backReference_isRefusedAtLoad_namingThePackRuleAndWhy() throws Exception {
    Path f = pack("tok(a+)\\1");
    assertThatThrownBy(() -> RuleLoader.file(f))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("custom-rule")
        .hasMessageContaining("back-reference")
        .hasMessageContaining("linear time");
  }

  @Test
  void nestedQuantifier_loadsBecauseRe2jRunsItInLinearTime() throws Exception {
    assertThat(RuleLoader.file(pack("tok(a+)+$"))).hasSize(1);
  }
}
