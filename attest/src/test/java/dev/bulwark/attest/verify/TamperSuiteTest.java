package dev.bulwark.attest.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.attest.cert.Certificates;
import dev.bulwark.attest.evidence.AttestationReport;
import dev.bulwark.attest.evidence.HexText;
import dev.bulwark.attest.evidence.MeasurementBlock;
import dev.bulwark.attest.evidence.OpaqueField;
import dev.bulwark.attest.evidence.OpaqueType;
import dev.bulwark.attest.evidence.ReportFormatException;
import dev.bulwark.attest.evidence.ReportParser;
import dev.bulwark.attest.rim.Rim;
import dev.bulwark.attest.rim.RimReader;
import dev.bulwark.core.testing.SharedData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Variants of the one fully verifying sample (v2.0.0 evidence, test RIMs, at 2024-06-01), each
 * altered in one way an attacker could: every one must be rejected, and for the reason expected —
 * exactly the checks listed fail, no more and no fewer.
 */
class TamperSuiteTest {
  static final Instant AT = Instant.parse("2024-06-01T00:00:00Z");
  static final String NONCE = "4cff7f5380ead8fad8ec2c531c110aca4302a88f603792801a8ca29ee151af2e";
  static Path dir;
  static byte[] report;
  static List<X509Certificate> chain;
  static byte[] driverXml;
  static byte[] vbiosXml;

  record Variant(String name, Supplier<Evidence> evidence, Set<CheckId> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void load() throws Exception {
    Optional<Path> d = SharedData.dir("attestation");
    Assumptions.assumeTrue(d.isPresent(), SharedData.skipMessage("attestation"));
    dir = d.get();
    report = ReportParser.read(dir.resolve("samples-v2.0.0/attestationReport.txt")).bytes();
    chain = Certificates.readPem(dir.resolve("samples-v2.0.0/gpuAkCertChain.txt"));
    driverXml = Files.readAllBytes(dir.resolve("rims/Driver_RIM_test_no_gpu.swidtag"));
    vbiosXml = Files.readAllBytes(dir.resolve("rims/1010_0200_882_96005E0001_test_no_gpu.swidtag"));
  }

  static Evidence evidence(
      byte[] reportBytes, List<X509Certificate> certs, String nonce, byte[] driver, byte[] vbios) {
    try {
      return new Evidence(
          ReportParser.parse(reportBytes, "variant report"),
          certs,
          HexText.decode(nonce, "nonce"),
          Optional.of(RimReader.parse(driver, "driver RIM variant")),
          Optional.of(RimReader.parse(vbios, "VBIOS RIM variant")));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] flip(byte[] b, int offset, int bit) {
    byte[] c = b.clone();
    c[offset] ^= (byte) (1 << bit);
    return c;
  }

  static Stream<Variant> variants() throws Exception {
    load();
    AttestationReport good = ReportParser.parse(report, "good");
    List<Variant> out = new ArrayList<>();
    Set<Integer> golden =
        Set.copyOf(
            GpuVerifier.withNvidiaRoots()
                .verify(evidence(report, chain, NONCE, driverXml, vbiosXml), AT)
                .goldenIndexes());

    // measurement class: one bit of every block's value
    for (MeasurementBlock b : good.blocks()) {
      int off = b.offset() + 7 + b.index() % 48;
      Set<CheckId> expect = EnumSet.of(CheckId.REPORT_SIGNATURE);
      if (golden.contains(b.index() - 1)) {
        expect.add(CheckId.MEASUREMENTS);
      }
      byte[] v = flip(report, off, b.index() % 8);
      out.add(
          new Variant(
              "measurement block " + b.index() + " bit flipped",
              () -> evidence(v, chain, NONCE, driverXml, vbiosXml),
              expect));
    }
    // nonce class: one bit in each byte of the request nonce
    for (int i = 0; i < 32; i++) {
      byte[] v = flip(report, 4 + i, i % 8);
      out.add(
          new Variant(
              "request nonce byte " + i + " flipped",
              () -> evidence(v, chain, NONCE, driverXml, vbiosXml),
              EnumSet.of(CheckId.REPORT_SIGNATURE, CheckId.NONCE_MATCH)));
    }
    // opaque data class: one bit in each field's value
    for (OpaqueField f : good.opaque()) {
      if (f.data().length == 0) {
        continue;
      }
      Set<CheckId> expect = EnumSet.of(CheckId.REPORT_SIGNATURE);
      if (f.type() == OpaqueType.DRIVER_VERSION) {
        expect.add(CheckId.DRIVER_RIM_VERSION);
      } else if (f.type() == OpaqueType.VBIOS_VERSION) {
        expect.add(CheckId.VBIOS_RIM_VERSION);
      }
      // the low bit of the first byte: a printable digit stays printable, a version changes
      byte[] v = flip(report, f.offset() + 4, 0);
      out.add(
          new Variant(
              "opaque " + f.type() + " bit flipped",
              () -> evidence(v, chain, NONCE, driverXml, vbiosXml),
              expect));
    }
    // signature class: one bit in each of r and s, and in every 8th byte
    int sig = report.length - AttestationReport.SIGNATURE_LENGTH;
    for (int i = 0; i < AttestationReport.SIGNATURE_LENGTH; i += 8) {
      byte[] v = flip(report, sig + i, i % 8);
      out.add(
          new Variant(
              "signature byte " + i + " flipped",
              () -> evidence(v, chain, NONCE, driverXml, vbiosXml),
              EnumSet.of(CheckId.REPORT_SIGNATURE)));
    }
    // the responder's nonce is signed too
    byte[] rn = flip(report, sig - 2 - good.opaqueLength() - 32, 3);
    out.add(
        new Variant(
            "response nonce bit flipped",
            () -> evidence(rn, chain, NONCE, driverXml, vbiosXml),
            EnumSet.of(CheckId.REPORT_SIGNATURE)));

    // chains
    List<X509Certificate> reordered = new ArrayList<>(chain);
    java.util.Collections.swap(reordered, 1, 2);
    out.add(
        new Variant(
            "GPU chain reordered",
            () -> evidence(report, reordered, NONCE, driverXml, vbiosXml),
            EnumSet.of(CheckId.GPU_ARCH, CheckId.GPU_CERT_CHAIN)));
    List<X509Certificate> shortChain = new ArrayList<>(chain);
    shortChain.remove(2);
    out.add(
        new Variant(
            "GPU chain missing an intermediate",
            () -> evidence(report, shortChain, NONCE, driverXml, vbiosXml),
            EnumSet.of(CheckId.GPU_CERT_CHAIN_LENGTH, CheckId.GPU_CERT_CHAIN)));
    List<X509Certificate> otherGpu =
        Certificates.readPem(dir.resolve("samples/hopperCertChain.txt"));
    out.add(
        new Variant(
            "another GPU's chain",
            () -> evidence(report, otherGpu, NONCE, driverXml, vbiosXml),
            EnumSet.of(CheckId.REPORT_SIGNATURE)));
    List<X509Certificate> mixed = new ArrayList<>(chain);
    mixed.set(1, otherGpu.get(1));
    out.add(
        new Variant(
            "another GPU's BROM certificate as intermediate",
            () -> evidence(report, mixed, NONCE, driverXml, vbiosXml),
            EnumSet.of(CheckId.GPU_CERT_CHAIN)));
    List<X509Certificate> expired = new ArrayList<>(chain);
    expired.set(2, resourceCert("expired-intermediate.pem"));
    out.add(
        new Variant(
            "expired intermediate",
            () -> evidence(report, expired, NONCE, driverXml, vbiosXml),
            EnumSet.of(CheckId.GPU_CERT_CHAIN)));
    List<X509Certificate> foreign = new ArrayList<>(chain);
    foreign.set(2, resourceCert("foreign-intermediate.pem"));
    out.add(
        new Variant(
            "foreign intermediate",
            () -> evidence(report, foreign, NONCE, driverXml, vbiosXml),
            EnumSet.of(CheckId.GPU_CERT_CHAIN)));
    List<X509Certificate> rimChainAsGpu = new ArrayList<>(chain);
    rimChainAsGpu.set(3, RimReader.parse(driverXml, "rim").certificates().get(1));
    out.add(
        new Variant(
            "RIM CA as GPU intermediate",
            () -> evidence(report, rimChainAsGpu, NONCE, driverXml, vbiosXml),
            EnumSet.of(CheckId.GPU_CERT_CHAIN)));

    // RIMs
    String driverText = new String(driverXml, StandardCharsets.UTF_8);
    Rim driverRim = RimReader.parse(driverXml, "driver");
    String g7 = driverRim.measurements().get(7).alternatives().get(0);
    String altered = g7.substring(0, 10) + (g7.charAt(10) == '0' ? '1' : '0') + g7.substring(11);
    byte[] d1 = driverText.replace(g7, altered).getBytes(StandardCharsets.UTF_8);
    out.add(
        new Variant(
            "driver RIM golden value altered",
            () -> evidence(report, chain, NONCE, d1, vbiosXml),
            EnumSet.of(CheckId.DRIVER_RIM_SIGNATURE, CheckId.MEASUREMENTS)));
    String vbiosText = new String(vbiosXml, StandardCharsets.UTF_8);
    Rim vbiosRim = RimReader.parse(vbiosXml, "vbios");
    String g0 = vbiosRim.measurements().get(0).alternatives().get(0);
    String altered0 = (g0.charAt(0) == 'a' ? 'b' : 'a') + g0.substring(1);
    byte[] v1 = vbiosText.replace(g0, altered0).getBytes(StandardCharsets.UTF_8);
    out.add(
        new Variant(
            "VBIOS RIM golden value altered",
            () -> evidence(report, chain, NONCE, driverXml, v1),
            EnumSet.of(CheckId.VBIOS_RIM_SIGNATURE, CheckId.MEASUREMENTS)));
    byte[] d2 =
        driverText
            .replace("index=\"7\" active=\"True\"", "index=\"7\" active=\"False\"")
            .getBytes(StandardCharsets.UTF_8);
    out.add(
        new Variant(
            "driver RIM measurement deactivated",
            () -> evidence(report, chain, NONCE, d2, vbiosXml),
            EnumSet.of(CheckId.DRIVER_RIM_SIGNATURE)));
    byte[] d3 =
        driverText
            .replace("colloquialVersion=\"545.00\"", "colloquialVersion=\"550.00\"")
            .getBytes(StandardCharsets.UTF_8);
    out.add(
        new Variant(
            "driver RIM version edited",
            () -> evidence(report, chain, NONCE, d3, vbiosXml),
            EnumSet.of(CheckId.DRIVER_RIM_SIGNATURE, CheckId.DRIVER_RIM_VERSION)));
    byte[] v3 = Files.readAllBytes(dir.resolve("rims/1010_0200_882_96005E0003_PROD.swidtag"));
    Set<CheckId> otherVersion = EnumSet.of(CheckId.VBIOS_RIM_VERSION);
    if (!GpuVerifier.withNvidiaRoots()
        .verify(evidence(report, chain, NONCE, driverXml, v3), AT)
        .measurementsMatch()) {
      otherVersion.add(CheckId.MEASUREMENTS);
    }
    out.add(
        new Variant(
            "VBIOS RIM of another version",
            () -> evidence(report, chain, NONCE, driverXml, v3),
            otherVersion));
    byte[] swapped = vbiosXml;
    out.add(
        new Variant(
            "VBIOS RIM given as the driver RIM",
            () -> evidence(report, chain, NONCE, swapped, vbiosXml),
            EnumSet.of(CheckId.DRIVER_RIM_VERSION, CheckId.INDEX_NO_CONFLICT)));

    // replay: the same evidence offered for another nonce
    out.add(
        new Variant(
            "replay under another nonce",
            () ->
                evidence(
                    report,
                    chain,
                    "931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb",
                    driverXml,
                    vbiosXml),
            EnumSet.of(CheckId.NONCE_MATCH)));
    byte[] hopper = ReportParser.read(dir.resolve("samples/hopperAttestationReport.txt")).bytes();
    out.add(
        new Variant(
            "another GPU's report with this chain",
            () -> evidence(hopper, chain, NONCE, driverXml, vbiosXml),
            EnumSet.of(
                CheckId.GPU_CERT_FWID,
                CheckId.NONCE_MATCH,
                CheckId.REPORT_SIGNATURE,
                CheckId.DRIVER_RIM_VERSION,
                CheckId.VBIOS_RIM_VERSION,
                CheckId.MEASUREMENTS)));
    return out.stream();
  }

  static X509Certificate resourceCert(String name) throws Exception {
    try (InputStream in =
        TamperSuiteTest.class.getResourceAsStream("/dev/bulwark/attest/tamper/" + name)) {
      return Certificates.parsePem(new String(in.readAllBytes(), StandardCharsets.US_ASCII), name)
          .get(0);
    }
  }

  @Test
  void goodSample_passesEveryCheck() {
    Verification v =
        GpuVerifier.withNvidiaRoots()
            .verify(evidence(report, chain, NONCE, driverXml, vbiosXml), AT);
    assertThat(v.failures()).isEmpty();
    assertThat(v.overall()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void variant_isRejected_forTheExpectedReason(Variant variant) {
    Verification v = GpuVerifier.withNvidiaRoots().verify(variant.evidence().get(), AT);
    assertThat(v.overall()).as(variant.name()).isFalse();
    assertThat(v.failures().stream().map(Check::id).toList())
        .as(variant.name() + ": " + v.failures())
        .containsExactlyInAnyOrderElementsOf(variant.expected());
  }

  @Test
  void suite_countsItsVariants_andRejectsAll() throws Exception {
    List<Variant> all = variants().toList();
    long rejected =
        all.stream()
            .filter(x -> !GpuVerifier.withNvidiaRoots().verify(x.evidence().get(), AT).overall())
            .count();
    System.out.println(
        "attest tamper suite: " + all.size() + " variants, " + rejected + " rejected");
    assertThat(all).hasSizeGreaterThan(130);
    assertThat(rejected).isEqualTo(all.size());
  }

  @Test
  void structuralDamage_isAnErrorNamingTheOffset() {
    byte[] truncated = java.util.Arrays.copyOf(report, report.length - 1);
    assertThatThrownBy(() -> ReportParser.parse(truncated, "r.hex"))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageContaining("r.hex: at byte offset")
        .hasMessageContaining("signature");
    byte[] longer = java.util.Arrays.copyOf(report, report.length + 3);
    assertThatThrownBy(() -> ReportParser.parse(longer, "r.hex"))
        .hasMessageContaining("3 bytes follow the signature");
    byte[] badSpec = report.clone();
    badSpec[37 + 8 + 1] = 2;
    assertThatThrownBy(() -> ReportParser.parse(badSpec, "r.hex"))
        .hasMessageContaining("at byte offset 46")
        .hasMessageContaining("not 1 (DMTF)");
    byte[] hugeRecord = report.clone();
    hugeRecord[37 + 5 + 2] = (byte) 0x7f;
    assertThatThrownBy(() -> ReportParser.parse(hugeRecord, "r.hex"))
        .hasMessageContaining("measurement record of");
  }
}
