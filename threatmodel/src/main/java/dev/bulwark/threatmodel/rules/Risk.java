package dev.bulwark.threatmodel.rules;

import dev.bulwark.threatmodel.model.RiskTracking;
import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import java.util.List;
import java.util.Optional;

/**
 * A risk a rule raised on one element. {@code syntheticId} is {@code rule@element} (for links
 * {@code rule@source@target@link}), the key risk tracking matches. {@code evidence} lists the scan
 * findings that bear on it.
 */
public record Risk(
    Rule rule,
    String syntheticId,
    Kind kind,
    String elementId,
    String elementTitle,
    String impact,
    String likelihood,
    RiskTracking.Status status,
    Optional<RiskTracking> tracking,
    List<Evidence> evidence) {
  public Risk {
    tracking = tracking == null ? Optional.empty() : tracking;
    evidence = List.copyOf(evidence);
  }

  public String severity() {
    return Levels.severity(impact, likelihood);
  }

  /** A finding from a scan linked to this risk. */
  public record Evidence(
      String fingerprint, String ruleId, String location, Effect effect, String why) {}

  /** What a finding does to a risk: confirms it (likelier) or shows a mitigation. */
  public enum Effect {
    CONFIRMS,
    MITIGATES
  }

  public Risk with(
      String newLikelihood, RiskTracking.Status newStatus, List<Evidence> newEvidence) {
    return new Risk(
        rule,
        syntheticId,
        kind,
        elementId,
        elementTitle,
        impact,
        newLikelihood,
        newStatus,
        tracking,
        newEvidence);
  }
}
