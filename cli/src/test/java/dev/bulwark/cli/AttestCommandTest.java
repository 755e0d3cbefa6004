package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark attest gpu} on NVIDIA's sample evidence: exit statuses and every output form. */
class AttestCommandTest {
  static final String NONCE = "4cff7f5380ead8fad8ec2c531c110aca4302a88f603792801a8ca29ee151af2e";
  private static final ObjectMapper JSON = new ObjectMapper();
  Path data;
  @TempDir Path tmp;

  @BeforeEach
  void data() {
    Optional<Path> d = SharedData.dir("attestation");
    Assumptions.assumeTrue(d.isPresent(), SharedData.skipMessage("attestation"));
    data = d.get();
  }

  private String[] args(String nonce, String at, String vbiosOption, String vbios, String... more) {
    java.util.List<String> a =
        new java.util.ArrayList<>(
            java.util.List.of(
                "attest",
                "gpu",
                "--report",
                data.resolve("samples-v2.0.0/attestationReport.txt").toString(),
                "--cert-chain",
                data.resolve("samples-v2.0.0/gpuAkCertChain.txt").toString(),
                "--nonce",
                nonce,
                "--driver-rim",
                data.resolve("rims/Driver_RIM_test_no_gpu.swidtag").toString(),
                vbiosOption,
                vbios,
                "--at",
                at));
    a.addAll(java.util.List.of(more));
    return a.toArray(String[]::new);
  }

  private String testVbios() {
    return data.resolve("rims/1010_0200_882_96005E0001_test_no_gpu.swidtag").toString();
  }

  @Test
  void goodEvidence_listsEveryCheck_andExitsZero() {
    Cli.Result r = Cli.run(args(NONCE, "2024-06-01", "--vbios-rim", testVbios()));
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out())
        .contains("PASS        report-signature")
        .contains("PASS        measurements")
        .contains("NOT CHECKED gpu-cert-ocsp")
        .contains("RESULT: PASS");
  }

  @Test
  void expiredRimSigners_failAndExitOne_withSarifFindings() throws Exception {
    Path sarif = tmp.resolve("out.sarif");
    Cli.Result r =
        Cli.run(
            args(
                NONCE,
                "2026-01-01",
                "--vbios-rim",
                testVbios(),
                "--format",
                "sarif",
                "-o",
                sarif.toString()));
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    JsonNode results = JSON.readTree(sarif.toFile()).path("runs").get(0).path("results");
    assertThat(results).hasSize(2);
    assertThat(results.findValuesAsText("ruleId"))
        .containsExactlyInAnyOrder("attest.driver-rim-cert-chain", "attest.vbios-rim-cert-chain");
  }

  @Test
  void rimDir_picksTheProductionVbiosRim_whoseGoldenValuesDiffer() {
    Cli.Result r = Cli.run(args(NONCE, "2024-06-01", "--rim-dir", data.resolve("rims").toString()));
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("1010_0200_882_96005E0001_PROD.swidtag")
        .contains("4 of 33 golden measurements differ");
  }

  @Test
  void policyV3_isSatisfied_andV4_failsOnOfflineRevocation() throws Exception {
    Cli.Result v3 =
        Cli.run(
            args(
                NONCE,
                "2024-06-01",
                "--vbios-rim",
                testVbios(),
                "--policy",
                data.resolve("sdk-tests/policies/local/NVGPULocalPolicyExample.json").toString(),
                "--format",
                "claims"));
    assertThat(v3.exit()).as(v3.err()).isEqualTo(0);
    JsonNode c = JSON.readTree(v3.out());
    assertThat(c.path("policy").path("satisfied").asBoolean()).isTrue();
    assertThat(c.path("overall").path("x-nvidia-ver").asText()).isEqualTo("2.0");
    Cli.Result v4 =
        Cli.run(
            args(
                NONCE,
                "2024-06-01",
                "--vbios-rim",
                testVbios(),
                "--policy",
                data.resolve("sdk-tests/policies/local/NVGPULocalv4PolicyExample.json")
                    .toString()));
    assertThat(v4.exit()).isEqualTo(1);
    assertThat(v4.out()).contains("FAIL        policy").contains("x-nvidia-cert-ocsp-status");
  }

  @Test
  void replayedEvidence_failsTheNonce() {
    Cli.Result r =
        Cli.run(
            args(
                "931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb",
                "2024-06-01",
                "--vbios-rim",
                testVbios(),
                "--format",
                "json"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("attest.nonce-match");
  }

  @Test
  void unreadableInput_exitsTwo_namingTheFileAndOffset() throws Exception {
    Path bad = tmp.resolve("report.hex");
    Files.writeString(bad, "11e001ff" + "00".repeat(20));
    Cli.Result r =
        Cli.run(
            "attest",
            "gpu",
            "--report",
            bad.toString(),
            "--cert-chain",
            data.resolve("samples-v2.0.0/gpuAkCertChain.txt").toString(),
            "--nonce",
            NONCE);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("report.hex: at byte offset 4");
    Cli.Result nonce = Cli.run(args("abc", "2024-06-01", "--vbios-rim", testVbios()));
    assertThat(nonce.exit()).isEqualTo(2);
    assertThat(nonce.err()).contains("--nonce must be 64 hex digits");
  }
}
