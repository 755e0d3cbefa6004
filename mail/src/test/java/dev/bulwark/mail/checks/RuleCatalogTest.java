package dev.bulwark.mail.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/rules/mail.md} in step with the checks; run with {@code -Dgolden.update=true}
 * to regenerate it after changing one.
 */
class RuleCatalogTest {
  @Test
  void catalogue_matchesTheChecks() throws Exception {
    String md = RuleCatalog.markdown();
    Path doc =
        Path.of(System.getProperty("basedir", ".")).resolve("../docs/rules/mail.md").normalize();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(doc, md, StandardCharsets.UTF_8);
    }
    assertThat(doc).exists();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/rules/mail.md is stale: run with -Dgolden.update=true")
        .isEqualTo(md);
  }

  @Test
  void text_listsEveryCheckWithItsPoints() {
    String text = RuleCatalog.text();
    for (MailRule r : BuiltInChecks.rules()) {
      assertThat(text).containsPattern("(?m)^" + r.id() + " +" + r.points() + " ");
    }
  }
}
