package dev.bulwark.compliance.oscal;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One control or control enhancement of a catalog: {@code ac-6} or {@code ac-6.9} as OSCAL writes
 * ids, its title, the family (the catalog group, {@code ac}), its parent control for an
 * enhancement, and parameter values set by a profile.
 */
public record Control(
    String id, String title, String family, String parentId, Map<String, String> parameters) {
  public Control {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title of " + id);
    Objects.requireNonNull(family, "family of " + id);
    parameters = Map.copyOf(parameters);
  }

  /** The id as SP 800-53 prints it: {@code AC-6(9)} for {@code ac-6.9}. */
  public String label() {
    return label(id);
  }

  public static String label(String oscalId) {
    String up = oscalId.toUpperCase(Locale.ROOT);
    int dot = up.indexOf('.');
    return dot < 0 ? up : up.substring(0, dot) + "(" + up.substring(dot + 1) + ")";
  }

  /** The OSCAL id for a printed label: {@code ac-6.9} for {@code AC-6(9)}. */
  public static String idOf(String label) {
    return label.trim().toLowerCase(Locale.ROOT).replace("(", ".").replace(")", "");
  }

  public Control withParameters(Map<String, String> values) {
    return new Control(id, title, family, parentId, values);
  }
}
