package dev.bulwark.attest;

import dev.bulwark.attest.cert.Certificates;
import dev.bulwark.attest.claims.AppraisalPolicy;
import dev.bulwark.attest.claims.Claims;
import dev.bulwark.attest.claims.ClaimsVersion;
import dev.bulwark.attest.evidence.AttestationReport;
import dev.bulwark.attest.evidence.HexText;
import dev.bulwark.attest.evidence.ReportFormatException;
import dev.bulwark.attest.evidence.ReportParser;
import dev.bulwark.attest.rim.Rim;
import dev.bulwark.attest.rim.RimDirectory;
import dev.bulwark.attest.rim.RimReader;
import dev.bulwark.attest.verify.Evidence;
import dev.bulwark.attest.verify.GpuVerifier;
import dev.bulwark.attest.verify.Verification;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One GPU's evidence appraised from files: report, chain, nonce, RIMs (named, or the VBIOS one
 * picked from a folder by the report's ids), an optional policy, at a chosen time. Unreadable input
 * is an {@link InputException}; everything readable is judged and reported check by check.
 *
 * <pre>{@code
 * Appraisal a = GpuAttestation.appraise(new GpuAttestation.Request(
 *     report, chain, nonceHex, Optional.of(driverRim), Optional.empty(), Optional.of(rimDir),
 *     Optional.empty(), Instant.parse("2024-06-01T00:00:00Z"), Optional.empty(),
 *     Optional.empty(), Optional.empty()));
 * boolean trusted = a.passed();
 * }</pre>
 */
public final class GpuAttestation {
  private GpuAttestation() {}

  /** What to appraise; roots default to NVIDIA's bundled ones. */
  public record Request(
      Path report,
      Path certChain,
      String nonceHex,
      Optional<Path> driverRim,
      Optional<Path> vbiosRim,
      Optional<Path> rimDir,
      Optional<Path> policy,
      Instant at,
      Optional<ClaimsVersion> claimsVersion,
      Optional<Path> deviceRoot,
      Optional<Path> rimRoot) {
    public Request {
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(certChain, "certChain");
      Objects.requireNonNull(nonceHex, "nonceHex");
      Objects.requireNonNull(at, "at");
    }

    /** Every input file, for output checks and finding locations. */
    public List<Path> inputs() {
      List<Path> out = new ArrayList<>(List.of(report, certChain));
      driverRim.ifPresent(out::add);
      vbiosRim.ifPresent(out::add);
      rimDir.ifPresent(out::add);
      policy.ifPresent(out::add);
      deviceRoot.ifPresent(out::add);
      rimRoot.ifPresent(out::add);
      return out;
    }
  }

  /** The appraisal: the checks, the claims issued, and the policy's verdict on them. */
  public record Appraisal(
      Request request,
      Verification verification,
      ClaimsVersion claimsVersion,
      Claims.Set claims,
      Optional<AppraisalPolicy> policy,
      List<AppraisalPolicy.Violation> violations,
      Optional<Path> driverRimFile,
      Optional<Path> vbiosRimFile) {
    public Appraisal {
      violations = List.copyOf(violations);
    }

    /** Every check passed and the policy, if any, is satisfied. */
    public boolean passed() {
      return verification.overall() && violations.isEmpty();
    }
  }

  public static Appraisal appraise(Request req) throws IOException, InputException {
    return appraise(req, Instant.now());
  }

  public static Appraisal appraise(Request req, Instant now) throws IOException, InputException {
    byte[] nonce = nonce(req.nonceHex());
    AttestationReport report = ReportParser.read(existing(req.report(), "--report"));
    List<X509Certificate> chain = Certificates.readPem(existing(req.certChain(), "--cert-chain"));
    if (req.vbiosRim().isPresent() && req.rimDir().isPresent()) {
      throw new InputException("give --vbios-rim or --rim-dir, not both");
    }
    Optional<Path> driverFile = req.driverRim();
    Optional<Path> vbiosFile = req.vbiosRim();
    if (vbiosFile.isEmpty() && req.rimDir().isPresent()) {
      vbiosFile = RimDirectory.vbios(req.rimDir().get(), report.vbiosRimId());
    }
    Optional<Rim> driver = rim(driverFile, "--driver-rim");
    Optional<Rim> vbios = rim(vbiosFile, "--vbios-rim");
    Optional<AppraisalPolicy> policy = Optional.empty();
    if (req.policy().isPresent()) {
      policy = Optional.of(AppraisalPolicy.read(existing(req.policy().get(), "--policy")));
    }
    X509Certificate deviceRoot =
        req.deviceRoot().isPresent() ? root(req.deviceRoot().get()) : Certificates.deviceRoot();
    X509Certificate rimRoot =
        req.rimRoot().isPresent() ? root(req.rimRoot().get()) : Certificates.rimRoot();

    Verification v =
        new GpuVerifier(deviceRoot, rimRoot)
            .verify(new Evidence(report, chain, nonce, driver, vbios), req.at());
    ClaimsVersion version =
        req.claimsVersion().isPresent() ? req.claimsVersion().get() : policyVersion(policy);
    Claims.Set claims = Claims.of(v, version, now);
    List<AppraisalPolicy.Violation> violations =
        policy.map(p -> p.evaluate(claims.overall(), claims.detached())).orElse(List.of());
    return new Appraisal(req, v, version, claims, policy, violations, driverFile, vbiosFile);
  }

  private static ClaimsVersion policyVersion(Optional<AppraisalPolicy> policy)
      throws InputException {
    if (policy.isPresent() && policy.get().claimsVersion().isPresent()) {
      return ClaimsVersion.parse(policy.get().claimsVersion().get());
    }
    return ClaimsVersion.V2;
  }

  /** The nonce the relying party chose: 32 bytes as 64 hex digits. */
  static byte[] nonce(String hex) throws InputException {
    String h = hex.strip();
    if (!h.matches("[0-9a-fA-F]{64}")) {
      throw new InputException(
          "--nonce must be 64 hex digits (32 bytes), got " + h.length() + " characters");
    }
    try {
      return HexText.decode(h, "--nonce");
    } catch (ReportFormatException e) {
      throw new InputException(e.getMessage());
    }
  }

  private static Optional<Rim> rim(Optional<Path> file, String option)
      throws IOException, InputException {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(RimReader.read(existing(file.get(), option)));
  }

  private static X509Certificate root(Path file) throws IOException, InputException {
    return Certificates.readPem(existing(file, "root")).get(0);
  }

  private static Path existing(Path p, String option) throws InputException {
    if (!Files.isRegularFile(p)) {
      throw new InputException(p + ": " + option + " names no readable file");
    }
    return p;
  }
}
