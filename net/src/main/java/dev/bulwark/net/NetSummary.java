package dev.bulwark.net;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.model.Finding;
import java.util.List;
import java.util.Map;

/** What one run read and wrote. */
public record NetSummary(
    long packets,
    long bytes,
    long connections,
    Map<String, Long> records,
    List<Diagnostic> diagnostics,
    List<Finding> findings) {
  public NetSummary {
    records = Map.copyOf(records);
    diagnostics = List.copyOf(diagnostics);
    findings = List.copyOf(findings);
  }
}
