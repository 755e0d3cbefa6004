package dev.bulwark.compliance.assess;

import dev.bulwark.compliance.evidence.ControlMapping;
import dev.bulwark.compliance.evidence.ScanEvidence;
import dev.bulwark.compliance.oscal.Catalog;
import dev.bulwark.compliance.oscal.Control;
import dev.bulwark.core.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives each control's status from evidence: for a mapped control, the latest completed run of
 * each mapped analyzer within {@code max-age-days} of the assessment time is the evidence, and the
 * findings of those runs that match {@code fails-when} make it not satisfied.
 */
public final class Assessor {
  private final Map<String, ControlMapping> mappings;

  public Assessor(Map<String, ControlMapping> mappings) {
    this.mappings = Map.copyOf(mappings);
  }

  public List<ControlAssessment> assess(Catalog catalog, List<ScanEvidence> scans, Instant at) {
    List<ControlAssessment> out = new ArrayList<>();
    for (Control c : catalog.controls()) {
      ControlMapping m = mappings.get(c.id());
      if (m == null) {
        out.add(
            new ControlAssessment(
                c, ControlStatus.NOT_ASSESSED, Optional.empty(), List.of(), List.of()));
        continue;
      }
      Instant oldest = at.minus(Duration.ofDays(m.maxAgeDays()));
      Set<ScanEvidence> used = new LinkedHashSet<>();
      List<ScanEvidence.EvidenceFinding> failing = new ArrayList<>();
      Severity min =
          Severity.valueOf(m.failsWhen().minSeverity().toUpperCase(java.util.Locale.ROOT));
      for (String analyzer : m.analyzers()) {
        Optional<ScanEvidence> latest =
            scans.stream()
                .filter(s -> s.analyzers().contains(analyzer))
                .filter(s -> !s.startedAt().isBefore(oldest) && !s.startedAt().isAfter(at))
                .max(Comparator.comparing(ScanEvidence::startedAt));
        if (latest.isEmpty()) {
          continue;
        }
        used.add(latest.get());
        for (ScanEvidence.EvidenceFinding f : latest.get().findings()) {
          if (!f.analyzer().equals(analyzer) || !f.severity().atLeast(min)) {
            continue;
          }
          boolean byAnalyzer = m.failsWhen().analyzers().contains(analyzer);
          boolean byTag = m.failsWhen().tagged() && f.controls().contains(c.id());
          if (byAnalyzer || byTag) {
            failing.add(f);
          }
        }
      }
      ControlStatus status =
          used.isEmpty()
              ? ControlStatus.NO_EVIDENCE
              : failing.isEmpty() ? ControlStatus.SATISFIED : ControlStatus.NOT_SATISFIED;
      out.add(new ControlAssessment(c, status, Optional.of(m), List.copyOf(used), failing));
    }
    return out;
  }
}
