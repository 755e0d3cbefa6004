package dev.bulwark.attest.verify;

import dev.bulwark.attest.evidence.AttestationReport;
import dev.bulwark.attest.rim.Rim;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a relying party holds for one GPU: the report, the chain the GPU presented (leaf first), the
 * nonce it chose, and the reference manifests it obtained.
 */
public record Evidence(
    AttestationReport report,
    List<X509Certificate> chain,
    byte[] nonce,
    Optional<Rim> driverRim,
    Optional<Rim> vbiosRim) {
  public Evidence {
    Objects.requireNonNull(report, "report");
    chain = List.copyOf(chain);
    nonce = nonce.clone();
    driverRim = driverRim == null ? Optional.empty() : driverRim;
    vbiosRim = vbiosRim == null ? Optional.empty() : vbiosRim;
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }
}
