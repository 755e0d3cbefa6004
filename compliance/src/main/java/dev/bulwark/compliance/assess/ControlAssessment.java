package dev.bulwark.compliance.assess;

import dev.bulwark.compliance.evidence.ControlMapping;
import dev.bulwark.compliance.evidence.ScanEvidence;
import dev.bulwark.compliance.oscal.Control;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The verdict on one control with what proves it: the scans used and the failing findings. */
public record ControlAssessment(
    Control control,
    ControlStatus status,
    Optional<ControlMapping> mapping,
    List<ScanEvidence> evidence,
    List<ScanEvidence.EvidenceFinding> failing) {
  public ControlAssessment {
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(status, "status of " + control.id());
    evidence = List.copyOf(evidence);
    failing = List.copyOf(failing);
  }
}
