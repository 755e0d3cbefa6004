package dev.bulwark.config.rules;

import dev.bulwark.config.doc.ConfigKind;
import dev.bulwark.core.model.Severity;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration check, loaded from {@code rules/config/<kind>/<id>.yaml}: the kind of document
 * it reads, what it selects ({@code select}), what must hold of each selected node ({@code where},
 * all of them), and where to report ({@code report}, a path from the selected node; {@code locate},
 * a pattern whose first match inside the reported text gives the exact line of a multi-line
 * script). {@code controls} are NIST SP 800-53 rev5 control ids, e.g. {@code CM-6}.
 */
public record ConfigRule(
    String id,
    ConfigKind kind,
    String title,
    String message,
    Severity severity,
    List<Integer> cwes,
    List<String> controls,
    String remediation,
    NodePath select,
    Condition where,
    NodePath report,
    Pattern locate,
    String source) {

  public ConfigRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind of rule " + id);
    Objects.requireNonNull(title, "title of rule " + id);
    Objects.requireNonNull(message, "message of rule " + id);
    Objects.requireNonNull(severity, "severity of rule " + id);
    Objects.requireNonNull(select, "select of rule " + id);
    Objects.requireNonNull(where, "where of rule " + id);
    cwes = List.copyOf(cwes);
    controls = List.copyOf(controls);
    if (cwes.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " names no CWE");
    }
    if (controls.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " names no 800-53 control");
    }
  }
}
