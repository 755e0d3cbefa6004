package dev.bulwark.attest.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.attest.GpuAttestation;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.testing.SharedData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's policy examples evaluated as the SDK does, against the SDK's own claim fixtures and
 * against the claims Bulwark issues; Bulwark's claims laid out as the SDK's fixtures are.
 */
class ClaimsAndPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NONCE = "4cff7f5380ead8fad8ec2c531c110aca4302a88f603792801a8ca29ee151af2e";
  Path data;

  @BeforeEach
  void data() {
    Optional<Path> d = SharedData.dir("attestation");
    Assumptions.assumeTrue(d.isPresent(), SharedData.skipMessage("attestation"));
    data = d.get();
  }

  private JsonNode fixture(String name) throws Exception {
    return JSON.readTree(data.resolve("sdk-tests/pytests/data").resolve(name).toFile());
  }

  private GpuAttestation.Appraisal good(String at, Optional<ClaimsVersion> v, Optional<Path> policy)
      throws Exception {
    return GpuAttestation.appraise(
        new GpuAttestation.Request(
            data.resolve("samples-v2.0.0/attestationReport.txt"),
            data.resolve("samples-v2.0.0/gpuAkCertChain.txt"),
            NONCE,
            Optional.of(data.resolve("rims/Driver_RIM_test_no_gpu.swidtag")),
            Optional.of(data.resolve("rims/1010_0200_882_96005E0001_test_no_gpu.swidtag")),
            Optional.empty(),
            policy,
            Instant.parse(at),
            v,
            Optional.empty(),
            Optional.empty()));
  }

  /**
   * Each v2+ policy of the SDK, with the fixtures of its kind (device, local or remote, claims
   * version).
   */
  @Test
  void sdkPolicies_acceptTheSdkFixturesOfTheirKind_andRejectAnAlteredOne() throws Exception {
    Map<String, String[]> pairs = new TreeMap<>();
    pairs.put(
        "local/NVGPULocalPolicyExample.json",
        new String[] {"gpu/overall_claims_local.json", "gpu/detached_claims_local.json"});
    pairs.put(
        "local/NVGPULocalPolicyClaimsV3Example.json",
        new String[] {"gpu/overall_claims_local.json", "gpu/detached_claims_local.json"});
    pairs.put(
        "local/NVGPULocalv4PolicyExample.json",
        new String[] {
          "gpu/overall_granular_claims_local.json", "gpu/detached_granular_claims_local.json"
        });
    pairs.put(
        "local/NVSwitchLocalPolicyExample.json",
        new String[] {"switch/overall_claims_local.json", "switch/detached_claims_local.json"});
    pairs.put(
        "local/NVSwitchLocalv4PolicyExample.json",
        new String[] {
          "switch/overall_granular_claims_local.json", "switch/detached_granular_claims_local.json"
        });
    pairs.put(
        "remote/v3/NVGPURemotePolicyExample.json",
        new String[] {"gpu/overall_claims_remote.json", "gpu/detached_claims_remote.json"});
    pairs.put(
        "remote/v4/NVGPURemotePolicyExample.json",
        new String[] {
          "gpu/overall_granular_claims_remote.json", "gpu/detached_granular_claims_remote.json"
        });
    pairs.put(
        "remote/v3/NVSwitchRemotePolicyExample.json",
        new String[] {"switch/overall_claims_remote.json", "switch/detached_claims_remote.json"});
    pairs.put(
        "remote/v4/NVSwitchRemotePolicyExample.json",
        new String[] {
          "switch/overall_granular_claims_remote.json",
          "switch/detached_granular_claims_remote.json"
        });
    int evaluated = 0;
    for (Map.Entry<String, String[]> e : pairs.entrySet()) {
      AppraisalPolicy p =
          AppraisalPolicy.read(data.resolve("sdk-tests/policies").resolve(e.getKey()));
      JsonNode overall = fixture(e.getValue()[0]);
      JsonNode detached = fixture(e.getValue()[1]);
      assertThat(p.evaluate(overall, Map.of("GPU-0", detached))).as(e.getKey()).isEmpty();
      ObjectNode altered = detached.deepCopy();
      altered.put("measres", "fail");
      assertThat(p.evaluate(overall, Map.of("GPU-0", altered)))
          .as(e.getKey())
          .extracting(AppraisalPolicy.Violation::claim)
          .contains("measres");
      evaluated++;
    }
    System.out.println(
        "attest policies: "
            + evaluated
            + " SDK policies accept their fixtures and reject measres=fail");
  }

  @Test
  void remoteV2Policy_rejectsTheLocalVerifiersIssuer() throws Exception {
    AppraisalPolicy p =
        AppraisalPolicy.read(
            data.resolve("sdk-tests/policies/remote/v2/NVGPURemotePolicyExample.json"));
    assertThat(
            p.evaluate(
                fixture("gpu/overall_claims_local.json"),
                Map.of("GPU-0", fixture("gpu/detached_claims_local.json"))))
        .extracting(AppraisalPolicy.Violation::claim)
        .contains("iss");
  }

  @Test
  void v1Policy_isRefusedWithAReason() {
    assertThatThrownBy(() ->
            AppraisalPolicy.read(
                data.resolve("sdk-tests/policies/remote/v1/NVGPULocalPolicyExample.json")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("retired v1 tokens");
  }

  @Test
  void claims_haveTheLayoutOfTheSdkFixtures_inBothVersions() throws Exception {
    for (ClaimsVersion v : ClaimsVersion.values()) {
      GpuAttestation.Appraisal a = good("2024-06-01T00:00:00Z", Optional.of(v), Optional.empty());
      String suffix = v == ClaimsVersion.V2 ? "claims_local.json" : "granular_claims_local.json";
      JsonNode detachedFixture = fixture("gpu/detached_" + suffix);
      JsonNode overallFixture = fixture("gpu/overall_" + suffix);
      ObjectNode detached = a.claims().detached().get("GPU-0");
      assertLayout(detached, detachedFixture, "detached " + v.text());
      assertLayout(a.claims().overall(), overallFixture, "overall " + v.text());
      assertThat(detached.path("measres").asText()).isEqualTo("success");
      assertThat(a.claims().overall().path("x-nvidia-ver").asText()).isEqualTo(v.text());
      String digest = a.claims().overall().path("submods").path("GPU-0").get(1).get(1).asText();
      ObjectNode body = detached.deepCopy();
      body.remove(List.of("nbf", "exp", "iat", "jti"));
      assertThat(digest).isEqualTo(Claims.digest(body));
    }
  }

  /**
   * Same keys (the offline warning may be added), values of the same JSON type, objects likewise.
   */
  private static void assertLayout(JsonNode ours, JsonNode theirs, String what) {
    List<String> ourKeys = new ArrayList<>();
    ours.fieldNames().forEachRemaining(ourKeys::add);
    ourKeys.remove("x-nvidia-attestation-warning");
    List<String> theirKeys = new ArrayList<>();
    theirs.fieldNames().forEachRemaining(theirKeys::add);
    theirKeys.remove("x-nvidia-attestation-warning");
    assertThat(ourKeys).as(what).containsExactlyInAnyOrderElementsOf(theirKeys);
    for (String k : theirKeys) {
      JsonNode t = theirs.get(k);
      JsonNode o = ours.get(k);
      if (t.isNull() || o.isNull()) {
        continue;
      }
      assertThat(o.getNodeType()).as(what + " " + k).isEqualTo(t.getNodeType());
      if (t.isObject()) {
        assertLayout(o, t, what + " " + k);
      }
    }
  }

  @Test
  void pythonJson_writesWhatJsonDumpsWrites() {
    ObjectNode n = JSON.createObjectNode();
    n.put("a", true).put("b", "x\u00e9\"").putNull("c");
    n.putObject("d").put("e", 1);
    // json.dumps({"a": True, "b": "xé\"", "c": None, "d": {"e": 1}})
    assertThat(PythonJson.dumps(n))
        .isEqualTo("{\"a\": true, \"b\": \"x\\u00e9\\\"\", \"c\": null, \"d\": {\"e\": 1}}");
  }

  @Test
  void goodSample_satisfiesTheV3Policy_butV4WantsOcspGood() throws Exception {
    GpuAttestation.Appraisal v3 =
        good(
            "2024-06-01T00:00:00Z",
            Optional.empty(),
            Optional.of(data.resolve("sdk-tests/policies/local/NVGPULocalPolicyExample.json")));
    assertThat(v3.claimsVersion()).isEqualTo(ClaimsVersion.V2);
    assertThat(v3.violations()).isEmpty();
    assertThat(v3.passed()).isTrue();
    GpuAttestation.Appraisal v4 =
        good(
            "2024-06-01T00:00:00Z",
            Optional.empty(),
            Optional.of(data.resolve("sdk-tests/policies/local/NVGPULocalv4PolicyExample.json")));
    assertThat(v4.claimsVersion()).isEqualTo(ClaimsVersion.V3);
    assertThat(v4.violations())
        .extracting(AppraisalPolicy.Violation::claim)
        .containsExactlyInAnyOrder(
            "x-nvidia-gpu-attestation-report-cert-chain.x-nvidia-cert-ocsp-status",
            "x-nvidia-gpu-attestation-report-cert-chain-fwid-match",
            "x-nvidia-gpu-driver-rim-cert-chain.x-nvidia-cert-ocsp-status",
            "x-nvidia-gpu-vbios-rim-cert-chain.x-nvidia-cert-ocsp-status");
    GpuAttestation.Appraisal expired =
        good(
            "2026-01-01T00:00:00Z",
            Optional.empty(),
            Optional.of(data.resolve("sdk-tests/policies/local/NVGPULocalPolicyExample.json")));
    assertThat(expired.violations())
        .extracting(AppraisalPolicy.Violation::claim)
        .containsExactlyInAnyOrder(
            "x-nvidia-overall-att-result",
            "x-nvidia-gpu-driver-rim-cert-validated",
            "x-nvidia-gpu-vbios-rim-cert-validated");
  }
}
