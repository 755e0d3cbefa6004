package dev.bulwark.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What a rule looks for, as reports present it: SARIF {@code reportingDescriptor}s, the rule index
 * of the HTML report, and {@code docs/rules/<id>.md}.
 */
public record RuleDescriptor(
    String id,
    String name,
    String shortDescription,
    String help,
    Severity defaultSeverity,
    List<TaxonomyRef> taxa,
    List<String> tags) {

  public RuleDescriptor {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("rule id must not be blank");
    }
    Objects.requireNonNull(name, "name of rule " + id);
    Objects.requireNonNull(shortDescription, "short description of rule " + id);
    Objects.requireNonNull(defaultSeverity, "default severity of rule " + id);
    help = help == null ? shortDescription : help;
    taxa = List.copyOf(taxa);
    tags = List.copyOf(tags);
  }
}
