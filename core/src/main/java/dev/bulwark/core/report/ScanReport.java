package dev.bulwark.core.report;

import dev.bulwark.core.analysis.Diagnostic;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a report writer needs; writers are pure functions of this value. */
public record ScanReport(
    ToolInfo tool,
    ScanSummary scan,
    List<RuleDescriptor> rules,
    List<Finding> findings,
    List<SuppressedFinding> suppressed,
    List<Diagnostic> diagnostics) {

  public ScanReport {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    diagnostics = List.copyOf(diagnostics);
  }

  /** Findings per severity, every severity present (zero when none). */
  public Map<Severity, Integer> countsBySeverity() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    for (Finding f : findings) {
      counts.merge(f.severity(), 1, Integer::sum);
    }
    return counts;
  }

  public Optional<RuleDescriptor> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** True when some finding is at or above the threshold. */
  public boolean hasFindingsAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }
}
