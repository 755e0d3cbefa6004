package dev.bulwark.attest.rim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RIMs are untrusted XML: no entity is resolved, and a signature that covers less is refused. */
class HostileRimTest {
  static String sample() throws Exception {
    try (InputStream in =
        HostileRimTest.class.getResourceAsStream(
            "/dev/bulwark/attest/nvtrust/Driver_RIM_test_no_gpu.swidtag")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void externalEntity_isRefusedBeforeAnythingIsRead() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<SoftwareIdentity xmlns=\""
            + RimReader.SWID_NS
            + "\">&e;</SoftwareIdentity>";
    assertThatThrownBy(() -> RimReader.parse(xxe.getBytes(StandardCharsets.UTF_8), "evil.swidtag"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("evil.swidtag: not well-formed XML")
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void notASwidTag_isAnInputError() {
    assertThatThrownBy(() -> RimReader.parse("<a/>".getBytes(StandardCharsets.UTF_8), "a.xml"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("a.xml: not a SWID tag");
  }

  @Test
  void secondSignature_orNone_failsTheSignatureCheck() throws Exception {
    String xml = sample();
    Rim good = RimReader.parse(xml.getBytes(StandardCharsets.UTF_8), "good");
    assertThat(good.signatureValid()).isTrue();
    assertThat(good.schemaValid()).isTrue();
    int start = xml.indexOf("<ds:Signature");
    int end = xml.indexOf("</ds:Signature>") + "</ds:Signature>".length();
    String unsigned = xml.substring(0, start) + xml.substring(end);
    Rim none = RimReader.parse(unsigned.getBytes(StandardCharsets.UTF_8), "none");
    assertThat(none.signatureValid()).isFalse();
    assertThat(none.signatureError()).contains("not exactly one ds:Signature");
    String twice = xml.substring(0, end) + xml.substring(start, end) + xml.substring(end);
    Rim two = RimReader.parse(twice.getBytes(StandardCharsets.UTF_8), "two");
    assertThat(two.signatureValid()).isFalse();
  }

  @Test
  void duplicateIndex_makesMeasurementsUnavailable() throws Exception {
    String xml = sample().replace("index=\"8\"", "index=\"7\"");
    Rim r = RimReader.parse(xml.getBytes(StandardCharsets.UTF_8), "dup");
    assertThat(r.measurementsAvailable()).isFalse();
    assertThat(r.measurementsError()).contains("index 7 appears twice");
    assertThat(r.signatureValid()).isFalse();
  }
}
