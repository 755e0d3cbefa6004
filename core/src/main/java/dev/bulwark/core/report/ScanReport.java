package dev.bulwark.core.report;

import dev.bulwark.core.errors.Diagnostic;
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

  /**
   * The report of one analyzer run outside a full scan ({@code bulwark fix}, {@code logs hunt},
   * {@code mail check}): one completed run, no baseline, nothing suppressed.
   */
  public static ScanReport ofSingleRun(
      String baseDir,
      List<String> roots,
      java.time.Instant startedAt,
      int files,
      long bytes,
      String analyzerId,
      String analyzerName,
      List<RuleDescriptor> rules,
      List<Finding> findings,
      List<Diagnostic> diagnostics) {
    java.time.Duration took = java.time.Duration.between(startedAt, java.time.Instant.now());
    ScanSummary summary =
        new ScanSummary(
            baseDir,
            roots,
            startedAt,
            took,
            files,
            bytes,
            List.of(
                new AnalyzerRun(
                    analyzerId,
                    analyzerName,
                    took.toMillis(),
                    findings.size(),
                    AnalyzerRun.Status.COMPLETED)),
            false,
            0);
    return new ScanReport(ToolInfo.current(), summary, rules, findings, List.of(), diagnostics);
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
