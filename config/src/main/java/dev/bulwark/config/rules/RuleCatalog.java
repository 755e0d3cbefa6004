package dev.bulwark.config.rules;

import dev.bulwark.config.doc.ConfigKind;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The documentation page of the configuration rules, {@code docs/rules/config.md}: one section per
 * rule with what it means, its CWE and 800-53 controls, and how to fix it. Generated from the rule
 * files so the page cannot drift from them.
 */
public final class RuleCatalog {
  private RuleCatalog() {}

  public static String markdown(List<ConfigRule> rules) {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration rules (`--analyzer config`)\n\n");
    md.append(
        "Generated from `config/src/main/resources/rules/config/`; each rule has annotated\n");
    md.append(
        "positive and negative fixtures beside it under `config/src/test/resources/rules/config/`.\n");
    md.append(
        "Controls are NIST SP 800-53 rev5; `bulwark compliance assess` reads them from findings.\n");
    for (ConfigKind kind : ConfigKind.values()) {
      List<ConfigRule> these = rules.stream().filter(r -> r.kind() == kind).toList();
      if (these.isEmpty()) {
        continue;
      }
      md.append("\n## ").append(kind.id()).append("\n\n");
      md.append("| rule | severity | CWE | controls | title |\n|---|---|---|---|---|\n");
      for (ConfigRule r : these) {
        md.append("| [`")
            .append(r.id())
            .append("`](#")
            .append(r.id())
            .append(") | ")
            .append(r.severity().label())
            .append(" | ")
            .append(r.cwes().stream().map(c -> "CWE-" + c).collect(Collectors.joining(", ")))
            .append(" | ")
            .append(String.join(", ", r.controls()))
            .append(" | ")
            .append(r.title())
            .append(" |\n");
      }
      for (ConfigRule r : these) {
        md.append("\n### ").append(r.id()).append("\n\n");
        md.append("**")
            .append(r.title())
            .append("** · ")
            .append(r.severity().label().toUpperCase(Locale.ROOT).charAt(0))
            .append(r.severity().label().substring(1))
            .append(" · ")
            .append(r.cwes().stream().map(c -> "CWE-" + c).collect(Collectors.joining(", ")))
            .append(" · ")
            .append(String.join(", ", r.controls()))
            .append("\n\n");
        md.append(r.message()).append("\n");
        if (r.remediation() != null) {
          md.append("\n*Fix:* ").append(r.remediation()).append("\n");
        }
        md.append("\nRule: `").append(r.source()).append("`.\n");
      }
    }
    return md.toString();
  }
}
