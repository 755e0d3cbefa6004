package dev.bulwark.net;

import dev.bulwark.core.errors.Diagnostic;
import java.util.List;
import java.util.Map;

/** What one run read and wrote. */
public record NetSummary(
    long packets,
    long bytes,
    long connections,
    Map<String, Long> records,
    List<Diagnostic> diagnostics) {
  public NetSummary {
    records = Map.copyOf(records);
    diagnostics = List.copyOf(diagnostics);
  }
}
