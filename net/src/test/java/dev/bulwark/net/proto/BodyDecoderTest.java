package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {
  static final byte[] TEXT =
      "<html><body>"
          .concat("hello world ".repeat(2000))
          .concat("</body></html>")
          .getBytes(StandardCharsets.US_ASCII);

  static byte[] deflate(boolean raw) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    d.setInput(TEXT);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[512];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  /** Feeds the body in small pieces, as TCP segments would bring it. */
  static BodyDecoder decode(String encoding, byte[] body) {
    BodyDecoder d = BodyDecoder.of(encoding, 64);
    for (int i = 0; i < body.length; i += 7) {
      d.feed(body, i, Math.min(7, body.length - i));
    }
    d.end();
    return d;
  }

  @Test
  void gzipBodiesAreCountedDecoded() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(TEXT);
    }
    BodyDecoder d = decode("gzip", bytes.toByteArray());
    assertThat(d.usable()).isTrue();
    assertThat(d.decoded()).isEqualTo(TEXT.length);
    assertThat(new String(d.head(), StandardCharsets.US_ASCII)).startsWith("<html><body>hello");
    assertThat(d.head()).hasSize(64);
  }

  @Test
  void deflateIsReadWithOrWithoutItsZlibHeader() {
    assertThat(decode("deflate", deflate(false)).decoded()).isEqualTo(TEXT.length);
    assertThat(decode("deflate", deflate(true)).decoded()).isEqualTo(TEXT.length);
  }

  @Test
  void aBodyThatIsNotWhatItsEncodingSaysIsNotDecoded() {
    byte[] plain = "plain text, not gzip".getBytes(StandardCharsets.US_ASCII);
    assertThat(decode("gzip", plain).usable()).isFalse();
    assertThat(BodyDecoder.of("br", 64)).isNull();
    assertThat(BodyDecoder.of(" X-GZIP ", 64)).isNotNull();
  }
}
