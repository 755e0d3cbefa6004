package dev.bulwark.attest.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.attest.cert.Certificates;
import dev.bulwark.attest.evidence.AttestationReport;
import dev.bulwark.attest.evidence.HexText;
import dev.bulwark.attest.evidence.ReportParser;
import dev.bulwark.attest.rim.Rim;
import dev.bulwark.attest.rim.RimReader;
import dev.bulwark.core.testing.SharedData;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample / RIM / nonce / time combination NVIDIA's data set documents, appraised here and
 * compared check by check with {@code expected-results.json}.
 */
class ExpectedResultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> combinations() throws Exception {
    Optional<Path> dir = SharedData.dir("attestation");
    Assumptions.assumeTrue(dir.isPresent(), SharedData.skipMessage("attestation"));
    JsonNode all = JSON.readTree(dir.get().resolve("expected-results.json").toFile());
    List<Arguments> out = new ArrayList<>();
    all.forEach(c -> out.add(Arguments.of(c.path("case").asText(), c)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void combination_givesTheDocumentedOutcomePerCheck(String name, JsonNode c) throws Exception {
    Path dir = SharedData.dir("attestation").orElseThrow();
    AttestationReport report = ReportParser.read(dir.resolve(c.path("report").asText()));
    Rim driver = RimReader.read(dir.resolve(c.path("driver_rim").asText()));
    Rim vbios = RimReader.read(dir.resolve(c.path("vbios_rim").asText()));
    Evidence e =
        new Evidence(
            report,
            Certificates.readPem(dir.resolve(c.path("cert_chain").asText())),
            HexText.decode(c.path("nonce").asText(), "nonce"),
            Optional.of(driver),
            Optional.of(vbios));
    Verification v =
        GpuVerifier.withNvidiaRoots()
            .verify(e, Instant.parse(c.path("verification_time").asText()));

    JsonNode p = c.path("parsed");
    assertThat(report.requestParam1()).isEqualTo(p.path("request_param1").asInt());
    assertThat(report.requestParam2()).isEqualTo(p.path("request_param2").asInt());
    assertThat(report.slotId()).isEqualTo(p.path("slot_id").asInt());
    assertThat(report.blocks()).hasSize(p.path("number_of_blocks").asInt());
    assertThat(report.recordLength()).isEqualTo(p.path("measurement_record_length").asInt());
    assertThat(report.opaqueLength()).isEqualTo(p.path("opaque_length").asInt());
    assertThat(HexText.of(report.requestNonce())).isEqualTo(p.path("request_nonce").asText());
    assertThat(HexText.of(report.responseNonce())).isEqualTo(p.path("response_nonce").asText());
    assertThat(report.driverVersion()).isEqualTo(p.path("driver_version").asText());
    assertThat(report.vbiosVersion()).isEqualTo(p.path("vbios_version").asText());
    assertThat(report.project()).isEqualTo(p.path("project").asText());
    assertThat(report.projectSku()).isEqualTo(p.path("project_sku").asText());
    assertThat(report.chipSku()).isEqualTo(p.path("chip_sku").asText());
    assertThat(String.format("%02x", report.nvdec0Status()))
        .isEqualTo(p.path("nvdec0_status").asText());
    assertThat(report.fwid().map(HexText::of).orElse("")).isEqualTo(p.path("fwid").asText());
    List<String> fields = new ArrayList<>();
    p.path("opaque_fields").forEach(f -> fields.add(f.asText()));
    assertThat(report.opaque().stream().map(f -> f.type().name()).distinct().sorted().toList())
        .isEqualTo(fields);
    assertThat(report.vbiosRimId()).isEqualTo(p.path("vbios_rim_id").asText());
    assertThat(report.driverRimId()).isEqualTo(p.path("driver_rim_id").asText());

    JsonNode k = c.path("checks");
    assertThat(v.passed(CheckId.GPU_CERT_CHAIN_LENGTH))
        .isEqualTo(k.path("gpu_cert_chain_length_ok").asBoolean());
    JsonNode fwid = k.path("gpu_cert_fwid_match");
    if (fwid.isBoolean()) {
      assertThat(v.passed(CheckId.GPU_CERT_FWID)).isEqualTo(fwid.asBoolean());
    } else {
      assertThat(fwid.asText()).startsWith("skipped");
      assertThat(v.check(CheckId.GPU_CERT_FWID).status()).isEqualTo(Check.Status.SKIPPED);
    }
    assertThat(v.passed(CheckId.GPU_CERT_CHAIN))
        .isEqualTo(k.path("gpu_cert_chain_valid").asBoolean());
    assertThat(v.gpuChain().expiration()).isEqualTo(instant(k.path("gpu_cert_expiration_date")));
    assertThat(v.passed(CheckId.NONCE_MATCH)).isEqualTo(k.path("nonce_match").asBoolean());
    assertThat(v.passed(CheckId.REPORT_SIGNATURE))
        .isEqualTo(k.path("report_signature_valid").asBoolean());
    rim(
        v,
        driver,
        v.driverRimChain().orElseThrow(),
        k.path("driver_rim"),
        CheckId.DRIVER_RIM_SCHEMA,
        CheckId.DRIVER_RIM_CERT_CHAIN,
        CheckId.DRIVER_RIM_SIGNATURE);
    rim(
        v,
        vbios,
        v.vbiosRimChain().orElseThrow(),
        k.path("vbios_rim"),
        CheckId.VBIOS_RIM_SCHEMA,
        CheckId.VBIOS_RIM_CERT_CHAIN,
        CheckId.VBIOS_RIM_SIGNATURE);
    assertThat(v.passed(CheckId.DRIVER_RIM_VERSION))
        .isEqualTo(k.path("driver_rim_version_match").asBoolean());
    assertThat(v.passed(CheckId.VBIOS_RIM_VERSION))
        .isEqualTo(k.path("vbios_rim_version_match").asBoolean());
    assertThat(v.passed(CheckId.INDEX_NO_CONFLICT))
        .isEqualTo(k.path("index_no_conflict").asBoolean());
    assertThat(v.goldenIndexes()).isEqualTo(ints(k.path("golden_indexes")));
    assertThat(v.mismatches().stream().map(Mismatch::index).toList())
        .isEqualTo(ints(k.path("mismatched_indexes")));
    assertThat(v.measurementsMatch() ? "success" : "fail").isEqualTo(k.path("measres").asText());
    assertThat(v.overall()).isEqualTo(k.path("overall").asBoolean());

    JsonNode id = c.path("claims_identity");
    assertThat(v.hwmodel()).isEqualTo(id.path("hwmodel").asText());
    assertThat(v.ueid()).isEqualTo(id.path("ueid").asText());
    assertThat(v.oemid()).isEqualTo(id.path("oemid").asText());
  }

  private static void rim(
      Verification v,
      Rim rim,
      dev.bulwark.attest.cert.ChainResult chain,
      JsonNode k,
      CheckId schema,
      CheckId certs,
      CheckId sig) {
    assertThat(Path.of(rim.source()).getFileName().toString()).isEqualTo(k.path("file").asText());
    assertThat(v.passed(schema)).isEqualTo(k.path("schema_valid").asBoolean());
    assertThat(rim.colloquialVersion()).isEqualTo(k.path("colloquial_version").asText());
    assertThat(rim.firmwareManufacturerId()).isEqualTo(k.path("firmware_manufacturer_id").asText());
    assertThat(v.passed(certs)).isEqualTo(k.path("cert_chain_valid").asBoolean());
    if (!k.path("cert_chain_valid").asBoolean()) {
      assertThat(chain.status()).isEqualTo("expired");
      assertThat(chain.error()).isEqualTo(k.path("cert_chain_error").asText());
    }
    assertThat(chain.expiration()).isEqualTo(instant(k.path("cert_expiration_date")));
    assertThat(v.passed(sig)).isEqualTo(k.path("signature_valid").asBoolean());
    assertThat(rim.measurements()).hasSize(k.path("measurements").asInt());
    assertThat(rim.active().stream().map(g -> g.index()).toList())
        .isEqualTo(ints(k.path("active_indexes")));
  }

  private static Instant instant(JsonNode n) {
    return LocalDateTime.parse(n.asText()).toInstant(ZoneOffset.UTC);
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }
}
