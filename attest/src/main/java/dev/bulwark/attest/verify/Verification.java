package dev.bulwark.attest.verify;

import dev.bulwark.attest.cert.ChainResult;
import dev.bulwark.attest.evidence.AttestationReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The appraisal of one GPU's evidence: every check with its outcome, the measurement comparison,
 * the three chains and the facts the claims are built from.
 */
public record Verification(
    AttestationReport report,
    Instant at,
    List<Check> checks,
    List<Integer> goldenIndexes,
    List<Mismatch> mismatches,
    ChainResult gpuChain,
    Optional<ChainResult> driverRimChain,
    Optional<ChainResult> vbiosRimChain,
    String nonceHex,
    String hwmodel,
    String ueid,
    String oemid) {

  public Verification {
    checks = List.copyOf(checks);
    goldenIndexes = List.copyOf(goldenIndexes);
    mismatches = List.copyOf(mismatches);
  }

  public Check check(CheckId id) {
    return checks.stream()
        .filter(c -> c.id() == id)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no check " + id));
  }

  public boolean passed(CheckId id) {
    return check(id).status() == Check.Status.PASS;
  }

  /** True when no check failed (OCSP, offline, is reported as not checked and does not count). */
  public boolean overall() {
    return checks.stream().noneMatch(Check::failed);
  }

  public List<Check> failures() {
    return checks.stream().filter(Check::failed).toList();
  }

  /** NVIDIA's {@code measres}: the golden measurements all matched. */
  public boolean measurementsMatch() {
    return passed(CheckId.MEASUREMENTS);
  }
}
