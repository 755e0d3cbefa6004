package dev.bulwark.attest.rim;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A Reference Integrity Manifest as read, before any trust decision: what it claims (version,
 * golden measurements) and what each of its own checks found (schema, XML signature). The
 * certificate chain is judged by the verifier, which knows the root and the time.
 */
public record Rim(
    String source,
    String colloquialVersion,
    String firmwareManufacturerId,
    List<GoldenMeasurement> measurements,
    String measurementsError,
    boolean schemaValid,
    String schemaError,
    boolean signatureValid,
    String signatureError,
    List<X509Certificate> certificates) {
  public Rim {
    measurements = List.copyOf(measurements);
    certificates = List.copyOf(certificates);
    measurementsError = measurementsError == null ? "" : measurementsError;
    schemaError = schemaError == null ? "" : schemaError;
    signatureError = signatureError == null ? "" : signatureError;
  }

  /** Whether golden measurements could be taken from it. */
  public boolean measurementsAvailable() {
    return measurementsError.isEmpty() && !measurements.isEmpty();
  }

  public List<GoldenMeasurement> active() {
    return measurements.stream().filter(GoldenMeasurement::active).toList();
  }
}
