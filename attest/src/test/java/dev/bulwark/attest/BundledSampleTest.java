package dev.bulwark.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.attest.verify.CheckId;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one fully verifying NVIDIA sample, kept in the repository (BSD-3-Clause), so a clone without
 * the shared data still checks a real appraisal end to end, findings and text report included.
 */
class BundledSampleTest {
  static final String NONCE = "4cff7f5380ead8fad8ec2c531c110aca4302a88f603792801a8ca29ee151af2e";

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(
        BundledSampleTest.class.getResource("/dev/bulwark/attest/nvtrust/" + name).toURI());
  }

  static GpuAttestation.Appraisal appraise(String at) throws Exception {
    return GpuAttestation.appraise(
        new GpuAttestation.Request(
            fixture("attestationReport.txt"),
            fixture("gpuAkCertChain.txt"),
            NONCE,
            Optional.of(fixture("Driver_RIM_test_no_gpu.swidtag")),
            Optional.of(fixture("1010_0200_882_96005E0001_test_no_gpu.swidtag")),
            Optional.empty(),
            Optional.empty(),
            Instant.parse(at),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  @Test
  void sampleAtItsTime_passesEveryCheck_withNoFindings() throws Exception {
    GpuAttestation.Appraisal a = appraise("2024-06-01T00:00:00Z");
    assertThat(a.passed()).isTrue();
    assertThat(AttestFindings.of(a)).isEmpty();
    assertThat(AttestText.render(a)).contains("RESULT: PASS").contains("NOT CHECKED gpu-cert-ocsp");
  }

  @Test
  void sampleToday_failsOnlyTheExpiredRimSigners_asTwoFindings() throws Exception {
    GpuAttestation.Appraisal a = appraise("2026-01-01T00:00:00Z");
    assertThat(a.passed()).isFalse();
    assertThat(a.verification().failures())
        .extracting(c -> c.id())
        .containsExactlyInAnyOrder(CheckId.DRIVER_RIM_CERT_CHAIN, CheckId.VBIOS_RIM_CERT_CHAIN);
    assertThat(AttestFindings.of(a))
        .extracting(f -> f.ruleId())
        .containsExactlyInAnyOrder("attest.driver-rim-cert-chain", "attest.vbios-rim-cert-chain");
    assertThat(AttestText.render(a)).contains("expired or not yet valid: CN=HCC RIM L4 Signer");
  }
}
