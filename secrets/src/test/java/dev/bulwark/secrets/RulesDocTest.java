package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.secrets.rules.RuleLoader;
import dev.bulwark.secrets.rules.SecretRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/rules/secrets.md} in step with the rule packs; run with {@code
 * -Dgolden.update=true} to regenerate it after changing a pack.
 */
class RulesDocTest {
  @Test
  void rulesCatalog_matchesThePacks() throws Exception {
    List<SecretRule> rules = RuleLoader.builtIn();
    StringBuilder md = new StringBuilder();
    md.append("# Secret rules\n\n");
    md.append(
            "Generated from `secrets/src/main/resources/rules/secrets/*.yaml` by `RulesDocTest`; ")
        .append(rules.size())
        .append(" rules in ")
        .append(RuleLoader.builtInPackNames().size())
        .append(
            " packs. Every pack has its annotated fixtures beside it, under `secrets/src/test/resources/rules/secrets/`.\n\n");
    String pack = null;
    for (SecretRule r : rules) {
      if (!r.pack().equals(pack)) {
        pack = r.pack();
        md.append("\n## ").append(r.provider()).append(" (`").append(pack).append("`)\n\n");
        md.append(
            "| id | severity | category | validation | description |\n|---|---|---|---|---|\n");
      }
      md.append("| `")
          .append(r.id())
          .append("` | ")
          .append(r.severity().label())
          .append(" | ")
          .append(r.category().label())
          .append(" | ")
          .append(
              r.validator() == null
                  ? (r.minEntropy() > 0 ? "entropy ≥ " + r.minEntropy() : "pattern")
                  : "structure/checksum")
          .append(" | ")
          .append(r.description().replace("|", "\\|").replace("\n", " "))
          .append(" ")
          .append(r.taxa().stream().map(TaxonomyRef::display).collect(Collectors.joining(", ")))
          .append(" |\n");
    }
    Path doc =
        Path.of(System.getProperty("basedir", ".")).resolve("../docs/rules/secrets.md").normalize();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(doc, md.toString(), StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/rules/secrets.md is stale; rerun with -Dgolden.update=true")
        .isEqualTo(md.toString());
  }
}
