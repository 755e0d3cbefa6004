package dev.bulwark.compliance.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One Bulwark result used as evidence: a JSON report ({@code bulwark scan --format json}) with when
 * it ran, which analyzers completed and what they found.
 */
public record ScanEvidence(
    String source, Instant startedAt, Set<String> analyzers, List<EvidenceFinding> findings) {
  public ScanEvidence {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(startedAt, "startedAt of " + source);
    analyzers = Set.copyOf(analyzers);
    findings = List.copyOf(findings);
  }

  /** A finding as evidence needs it: who reported it, how bad, where, and its control tags. */
  public record EvidenceFinding(
      String analyzer,
      String ruleId,
      String title,
      dev.bulwark.core.model.Severity severity,
      String location,
      Set<String> controls) {
    public EvidenceFinding {
      controls = Set.copyOf(controls);
    }
  }
}
