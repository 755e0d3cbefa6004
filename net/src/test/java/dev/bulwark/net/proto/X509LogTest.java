package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class X509LogTest {
  static byte[] der() throws IOException {
    try (InputStream in = X509LogTest.class.getResourceAsStream("ec-ca.der")) {
      return in.readAllBytes();
    }
  }

  @Test
  void readsACertificateWithOpenSslsNames() throws IOException {
    // made with: openssl req -x509 -newkey ec (prime256v1) -set_serial 0x0badcafe
    //   -subj "/C=DE/O=Bulwark Test/CN=bulwark.test/emailAddress=ops@bulwark.test" with SANs
    //   and basicConstraints CA:TRUE, pathlen:2
    byte[] b = der();
    X509Log.Cert c = X509Log.read(b, 0, b.length);
    assertThat(c.version()).isEqualTo(3);
    assertThat(c.serial()).isEqualTo("0BADCAFE");
    assertThat(c.subject())
        .isEqualTo("emailAddress=ops@bulwark.test,CN=bulwark.test,O=Bulwark Test,C=DE");
    assertThat(c.issuer()).isEqualTo(c.subject());
    assertThat(c.keyAlg()).isEqualTo("id-ecPublicKey");
    assertThat(c.sigAlg()).isEqualTo("ecdsa-with-SHA256");
    assertThat(c.keyType()).isEqualTo("ecdsa");
    assertThat(c.keyLength()).isEqualTo(256);
    assertThat(c.curve()).isEqualTo("prime256v1");
    assertThat(c.exponent()).isNull();
    assertThat(c.dns()).containsExactly("bulwark.test", "*.bulwark.test");
    assertThat(c.ip()).containsExactly("10.0.0.1");
    assertThat(c.email()).containsExactly("ops@bulwark.test");
    assertThat(c.uri()).isNull();
    assertThat(c.ca()).isTrue();
    assertThat(c.pathLen()).isEqualTo(2);
    assertThat(c.notAfterNanos()).isGreaterThan(c.notBeforeNanos());
  }

  @Test
  void damagedCertificatesAreNotRead() throws IOException {
    byte[] b = der();
    assertThat(X509Log.read(b, 0, b.length / 2)).isNull();
    assertThat(X509Log.read(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, 0, 5)).isNull();
  }

  @Test
  void walksDerElementsWithinBounds() {
    assertThat(X509Log.element(new byte[] {0x30, 0x02, 1, 2}, 0, 0x30)).containsExactly(2, 2);
    assertThat(X509Log.element(new byte[] {0x30, 0x05, 1}, 0, 0x30)).isNull();
    assertThat(X509Log.element(new byte[] {0x30, (byte) 0x84, 1, 1, 1, 1}, 0, 0x30)).isNull();
    assertThat(X509Log.oid(new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 2, 1}, 0, 7))
        .isEqualTo("1.2.840.10045.2.1");
    assertThat(List.of(X509Log.bitStringLength(new byte[] {0x30, 0x00}))).containsExactly(-1);
  }
}
