package dev.bulwark.attest;

import dev.bulwark.core.model.PropertyKey;
import java.util.List;

/** The properties the GPU attestation verifier writes on its findings (docs/report-format.md). */
public final class AttestProperties {
  private AttestProperties() {}

  public static final PropertyKey<String> CHECK =
      PropertyKey.text("attest-check", "the check that failed, e.g. nonce-match");
  public static final PropertyKey<String> GPU =
      PropertyKey.text("attest-gpu", "the GPU the evidence is of (GPU-0 …)");
  public static final PropertyKey<String> AT =
      PropertyKey.text("attest-at", "the time certificates were judged at, ISO-8601");

  public static final List<PropertyKey<?>> ALL = List.of(CHECK, GPU, AT);
}
