package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartTest {
  @Test
  void fileNamesOfThePartsInOrder() {
    Multipart m = Multipart.of("multipart/form-data; boundary=----XyZ");
    String body =
        "\r\n------XyZ\r\n"
            + "Content-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n"
            + "------XyZ\r\n"
            + "Content-Disposition: form-data; name=\"up\"; filename=\"one.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "Content-Disposition: form-data; filename=\"not-a-header.txt\"\r\n"
            + "------XyZ\r\n"
            + "content-disposition: attachment; filename=two.txt\r\n\r\nx\r\n"
            + "------XyZ--\r\n";
    byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < b.length; i += 5) {
      m.feed(b, i, Math.min(5, b.length - i));
    }
    assertThat(m.names()).containsExactly("one.bin", "two.txt");
  }

  @Test
  void onlyMultipartWithABoundaryIsRead() {
    assertThat(Multipart.of("text/plain")).isNull();
    assertThat(Multipart.of("multipart/mixed")).isNull();
    assertThat(Multipart.of(null)).isNull();
  }
}
