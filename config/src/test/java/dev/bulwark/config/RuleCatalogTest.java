package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.config.rules.RuleCatalog;
import dev.bulwark.config.rules.RuleLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/rules/config.md} in step with the rule files; run with {@code
 * -Dgolden.update=true} to regenerate it after changing a rule.
 */
class RuleCatalogTest {
  @Test
  void page_matchesTheRules() throws Exception {
    String md = RuleCatalog.markdown(RuleLoader.builtIn());
    Path doc =
        Path.of(System.getProperty("basedir", ".")).resolve("../docs/rules/config.md").normalize();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(doc, md, StandardCharsets.UTF_8);
    }
    assertThat(doc).exists();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/rules/config.md is stale: run with -Dgolden.update=true")
        .isEqualTo(md);
  }
}
