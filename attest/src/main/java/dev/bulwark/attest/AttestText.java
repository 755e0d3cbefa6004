package dev.bulwark.attest;

import dev.bulwark.attest.claims.AppraisalPolicy;
import dev.bulwark.attest.evidence.AttestationReport;
import dev.bulwark.attest.verify.Check;
import dev.bulwark.attest.verify.Mismatch;
import dev.bulwark.attest.verify.Verification;
import java.util.Locale;

/** The human report: the evidence in brief, then every check with pass or fail and why. */
public final class AttestText {
  private AttestText() {}

  public static String render(GpuAttestation.Appraisal a) {
    Verification v = a.verification();
    AttestationReport r = v.report();
    StringBuilder out = new StringBuilder();
    out.append("GPU attestation — ").append(a.request().report()).append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "  GPU %s, driver %s, VBIOS %s (RIM %s)%n",
            v.hwmodel(),
            r.driverVersion(),
            r.vbiosVersion(),
            r.vbiosRimId()));
    out.append("  nonce ").append(v.nonceHex()).append(", judged at ").append(v.at()).append('\n');
    a.driverRimFile().ifPresent(f -> out.append("  driver RIM ").append(f).append('\n'));
    a.vbiosRimFile().ifPresent(f -> out.append("  VBIOS RIM  ").append(f).append('\n'));
    out.append('\n');
    for (Check c : v.checks()) {
      out.append(
          String.format(
              Locale.ROOT, "  %-11s %-24s %s%n", label(c.status()), c.id().id(), c.id().title()));
      if (!c.detail().isEmpty()) {
        out.append("              ").append(c.detail()).append('\n');
      }
    }
    int shown = 0;
    for (Mismatch m : v.mismatches()) {
      if (shown++ == 8) {
        out.append("              … ").append(v.mismatches().size() - 8).append(" more\n");
        break;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "              index %d (%s): GPU %s, RIM %s%n",
              m.index(),
              m.source(),
              m.actual().isEmpty() ? "none" : m.actual(),
              String.join(" | ", m.expected())));
    }
    if (a.policy().isPresent()) {
      AppraisalPolicy p = a.policy().get();
      out.append('\n')
          .append(
              String.format(
                  Locale.ROOT,
                  "  %-11s %-24s %s (version %s, claims %s)%n",
                  a.violations().isEmpty() ? "PASS" : "FAIL",
                  "policy",
                  p.source(),
                  p.version(),
                  a.claimsVersion().text()));
      for (AppraisalPolicy.Violation x : a.violations()) {
        out.append("              ").append(x).append('\n');
      }
    }
    long failed = v.failures().size() + a.violations().size();
    out.append('\n')
        .append(
            a.passed()
                ? "RESULT: PASS — every check passed"
                : "RESULT: FAIL — " + failed + " check(s) failed")
        .append('\n');
    return out.toString();
  }

  private static String label(Check.Status s) {
    return switch (s) {
      case PASS -> "PASS";
      case FAIL -> "FAIL";
      case SKIPPED -> "SKIPPED";
      case NOT_CHECKED -> "NOT CHECKED";
    };
  }
}
