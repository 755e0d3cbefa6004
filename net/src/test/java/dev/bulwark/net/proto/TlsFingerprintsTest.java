package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlsFingerprintsTest {
  /** A TLS 1.3 browser hello, GREASE values mixed in as browsers send them. */
  static final TlsFingerprints.ClientHello BROWSER =
      new TlsFingerprints.ClientHello(
          0x0303,
          List.of(
              0x2a2a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8,
              0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035),
          List.of(
              0x1a1a, 0x0000, 0x0017, 0xff01, 0x000a, 0x000b, 0x0023, 0x0010, 0x0005, 0x000d,
              0x0012, 0x0033, 0x002d, 0x002b, 0x001b, 0x0015, 0x4469),
          List.of(0x3a3a, 29, 23, 24),
          List.of(0),
          List.of(0x4a4a, 0x0304, 0x0303),
          List.of(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601),
          "h2",
          true);

  @Test
  void ja4FollowsTheSpecification() {
    // the published example: 15 ciphers, 16 extensions, h2, and its two hashes
    assertThat(TlsFingerprints.ja4(BROWSER, 't')).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
  }

  @Test
  void ja4MarksMissingPartsAsJa4Does() {
    TlsFingerprints.ClientHello bare =
        new TlsFingerprints.ClientHello(
            0x0301, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, false);
    assertThat(TlsFingerprints.ja4(bare, 'd')).isEqualTo("d10i000000_000000000000_000000000000");
    TlsFingerprints.ClientHello odd =
        new TlsFingerprints.ClientHello(
            0x0303,
            List.of(0x002f),
            List.of(0x0010),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            "h/",
            false);
    // an ALPN value ending in a non-alphanumeric character shows the first and last hex digits
    assertThat(TlsFingerprints.ja4(odd, 't')).isEqualTo("t12i01016f_ba72b8082249_000000000000");
  }

  @Test
  void ja3LeavesGreaseOut() {
    assertThat(TlsFingerprints.ja3String(BROWSER))
        .isEqualTo(
            "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,"
                + "0-23-65281-10-11-35-16-5-13-18-51-45-43-27-21-17513,29-23-24,0");
    TlsFingerprints.ClientHello old =
        new TlsFingerprints.ClientHello(
            769,
            List.of(47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4),
            List.of(0, 10, 11),
            List.of(23, 24, 25),
            List.of(0),
            List.of(),
            List.of(),
            null,
            true);
    assertThat(TlsFingerprints.ja3(old)).isEqualTo("ada70206e40642a3e4461f35503241d5");
  }

  @Test
  void ja3sHashesTheServersChoice() {
    assertThat(TlsFingerprints.ja3s(771, 49199, List.of(65281, 0, 11)))
        .isEqualTo(TlsFingerprints.ja3s(771, 49199, List.of(0x2a2a, 65281, 0, 11)))
        .hasSize(32);
  }
}
