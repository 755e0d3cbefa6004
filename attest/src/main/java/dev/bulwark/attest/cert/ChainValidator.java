package dev.bulwark.attest.cert;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Validates a chain (leaf first) the way NVIDIA's verifier does: the chain's own last certificate
 * is replaced by the trusted root, then every certificate is checked against the one above it with
 * the validity dates taken at the verification time. Revocation is not checked here: that needs
 * OCSP, which is online.
 */
public final class ChainValidator {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ChainValidator() {}

  /** {@code given} with its last certificate replaced by {@code root}. */
  public static List<X509Certificate> anchored(List<X509Certificate> given, X509Certificate root) {
    List<X509Certificate> out = new ArrayList<>(given.subList(0, Math.max(0, given.size() - 1)));
    out.add(root);
    return out;
  }

  /** Validates {@code chain} (leaf first, the trusted root last) at {@code at}. */
  public static ChainResult validate(List<X509Certificate> chain, Instant at) {
    List<String> subjects = chain.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
    Instant expiration =
        chain.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElse(null);
    if (chain.size() < 2) {
      return new ChainResult(
          false, "invalid", "a chain needs a leaf and a root", expiration, subjects);
    }
    // dates first, so an expired chain is named as such whatever else is wrong with it
    for (X509Certificate c : chain) {
      Instant from = c.getNotBefore().toInstant();
      Instant to = c.getNotAfter().toInstant();
      if (at.isBefore(from) || at.isAfter(to)) {
        return new ChainResult(
            false,
            "expired",
            "expired or not yet valid: "
                + c.getSubjectX500Principal().getName()
                + " ("
                + WHEN.format(from)
                + " .. "
                + WHEN.format(to)
                + ")",
            expiration,
            subjects);
      }
    }
    X509Certificate root = chain.get(chain.size() - 1);
    try {
      root.verify(root.getPublicKey());
    } catch (GeneralSecurityException e) {
      return new ChainResult(
          false, "invalid", "the root is not self-signed: " + e.getMessage(), expiration, subjects);
    }
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      CertPath path = cf.generateCertPath(chain.subList(0, chain.size() - 1));
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(path, params);
      return new ChainResult(true, "valid", "", expiration, subjects);
    } catch (CertPathValidatorException e) {
      String which =
          e.getIndex() >= 0 && e.getIndex() < chain.size()
              ? " (certificate " + e.getIndex() + ": " + subjects.get(e.getIndex()) + ")"
              : "";
      return new ChainResult(false, "invalid", e.getMessage() + which, expiration, subjects);
    } catch (InvalidAlgorithmParameterException e) {
      return new ChainResult(false, "invalid", e.getMessage(), expiration, subjects);
    } catch (GeneralSecurityException e) {
      return new ChainResult(false, "invalid", e.getMessage(), expiration, subjects);
    }
  }
}
