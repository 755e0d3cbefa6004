package dev.bulwark.attest;

import dev.bulwark.attest.claims.AppraisalPolicy;
import dev.bulwark.attest.verify.Check;
import dev.bulwark.attest.verify.CheckId;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An appraisal as core findings, so SARIF, JSON, Markdown, HTML and the console report it as any
 * scan: each failed check is a finding on the file it concerns (rule {@code attest.<check>}), and
 * each policy requirement not met is one more ({@code attest.policy}).
 */
public final class AttestFindings {
  public static final String ANALYZER = "attest";
  public static final String POLICY_RULE = "attest.policy";

  private AttestFindings() {}

  public static List<Finding> of(GpuAttestation.Appraisal a) {
    List<Finding> out = new ArrayList<>();
    for (Check c : a.verification().failures()) {
      out.add(
          Finding.builder(ANALYZER, ruleId(c.id()))
              .title(c.id().title() + ": failed")
              .message(c.id().title() + " — no: " + c.detail())
              .severity(severity(c.id()))
              .confidence(Confidence.HIGH)
              .location(new Location.File(file(a, c.id()), null))
              .taxon(TaxonomyRef.cwe(cwe(c.id())))
              .remediation(remediation(c.id()))
              .identity(c.id().id())
              .identity(a.verification().nonceHex())
              .property(AttestProperties.CHECK, c.id().id())
              .property(AttestProperties.GPU, "GPU-0")
              .property(AttestProperties.AT, a.verification().at().toString())
              .build());
    }
    for (AppraisalPolicy.Violation v : a.violations()) {
      out.add(
          Finding.builder(ANALYZER, POLICY_RULE)
              .title("Appraisal policy not satisfied")
              .message(v.toString())
              .severity(Severity.HIGH)
              .confidence(Confidence.HIGH)
              .location(
                  new Location.File(
                      a.policy()
                          .map(AppraisalPolicy::source)
                          .orElse(a.request().report().toString()),
                      null))
              .taxon(TaxonomyRef.cwe(345))
              .remediation(
                  "Do not send the workload; the evidence does not meet the relying party's policy.")
              .identity(v.scope() + "/" + v.claim())
              .property(AttestProperties.CHECK, "policy")
              .property(AttestProperties.GPU, v.scope())
              .property(AttestProperties.AT, a.verification().at().toString())
              .build());
    }
    return out;
  }

  public static String ruleId(CheckId id) {
    return ANALYZER + "." + id.id();
  }

  /** Every rule the verifier can report, for SARIF's rule table and {@code bulwark rules}. */
  public static List<RuleDescriptor> rules() {
    List<RuleDescriptor> out = new ArrayList<>();
    for (CheckId id : CheckId.values()) {
      out.add(
          new RuleDescriptor(
              ruleId(id),
              id.id(),
              id.title(),
              remediation(id),
              severity(id),
              List.of(TaxonomyRef.cwe(cwe(id))),
              List.of("attestation", "confidential-computing")));
    }
    out.add(
        new RuleDescriptor(
            POLICY_RULE,
            "policy",
            "The claims satisfy the relying party's appraisal policy",
            null,
            Severity.HIGH,
            List.of(TaxonomyRef.cwe(345)),
            List.of("attestation", "policy")));
    return out;
  }

  static Severity severity(CheckId id) {
    return switch (id) {
      case REPORT_SIGNATURE,
          GPU_CERT_CHAIN,
          GPU_CERT_FWID,
          MEASUREMENTS,
          DRIVER_RIM_SIGNATURE,
          VBIOS_RIM_SIGNATURE,
          DRIVER_RIM_CERT_CHAIN,
          VBIOS_RIM_CERT_CHAIN,
          NONCE_MATCH ->
          Severity.CRITICAL;
      case DRIVER_RIM_FETCHED, VBIOS_RIM_FETCHED, GPU_CERT_OCSP -> Severity.MEDIUM;
      default -> Severity.HIGH;
    };
  }

  /** CWE-347 for signatures, 295 for certificates, 294 for replay, 345 for the rest. */
  static int cwe(CheckId id) {
    return switch (id) {
      case REPORT_SIGNATURE, DRIVER_RIM_SIGNATURE, VBIOS_RIM_SIGNATURE -> 347;
      case GPU_CERT_CHAIN,
          GPU_CERT_CHAIN_LENGTH,
          GPU_CERT_OCSP,
          DRIVER_RIM_CERT_CHAIN,
          VBIOS_RIM_CERT_CHAIN ->
          295;
      case NONCE_MATCH -> 294;
      default -> 345;
    };
  }

  static String remediation(CheckId id) {
    return switch (id) {
      case NONCE_MATCH ->
          "Gather fresh evidence with a nonce you chose just now; evidence with another nonce may be a replay.";
      case DRIVER_RIM_FETCHED, VBIOS_RIM_FETCHED ->
          "Obtain the RIM for the report's driver / VBIOS version (NVIDIA's RIM service) and give it with --driver-rim, --vbios-rim or --rim-dir.";
      case DRIVER_RIM_VERSION, VBIOS_RIM_VERSION ->
          "Use the RIM of the version the report states; a RIM of another release cannot vouch for this firmware.";
      case DRIVER_RIM_CERT_CHAIN, VBIOS_RIM_CERT_CHAIN, GPU_CERT_CHAIN ->
          "Check --at: recorded evidence is judged as of when it was taken; otherwise the signer is not trusted.";
      case MEASUREMENTS ->
          "The GPU runs firmware or a driver whose measurements NVIDIA did not publish for this release: do not trust it.";
      default -> "Do not trust this GPU's evidence until the check passes.";
    };
  }

  private static String file(GpuAttestation.Appraisal a, CheckId id) {
    GpuAttestation.Request r = a.request();
    return switch (id) {
      case GPU_ARCH, GPU_CERT_CHAIN_LENGTH, GPU_CERT_CHAIN, GPU_CERT_OCSP ->
          r.certChain().toString();
      case DRIVER_RIM_FETCHED,
          DRIVER_RIM_SCHEMA,
          DRIVER_RIM_CERT_CHAIN,
          DRIVER_RIM_SIGNATURE,
          DRIVER_RIM_VERSION,
          DRIVER_RIM_MEASUREMENTS ->
          a.driverRimFile().map(Path::toString).orElse(r.report().toString());
      case VBIOS_RIM_FETCHED,
          VBIOS_RIM_SCHEMA,
          VBIOS_RIM_CERT_CHAIN,
          VBIOS_RIM_SIGNATURE,
          VBIOS_RIM_VERSION,
          VBIOS_RIM_MEASUREMENTS ->
          a.vbiosRimFile().or(() -> r.rimDir()).map(Path::toString).orElse(r.report().toString());
      default -> r.report().toString();
    };
  }
}
