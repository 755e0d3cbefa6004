package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipTest {
  private static Sip.Message parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return Sip.parse(b, 0, b.length);
  }

  @Test
  void readsARequestLineAndUpperCasesHeaderNames() {
    Sip.Message m =
        parse(
            "INVITE sip:bob@example.org SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9\r\n"
                + "from: <sip:alice@example.org>;tag=1\r\nCall-ID: a@b\r\n  continued\r\n\r\nv=0\r\n");
    assertThat(m.request()).isTrue();
    assertThat(m.method()).isEqualTo("INVITE");
    assertThat(m.uri()).isEqualTo("sip:bob@example.org");
    assertThat(m.headers())
        .extracting(h -> h[0] + "=" + h[1])
        .containsExactly(
            "VIA=SIP/2.0/UDP 10.0.0.1;branch=z9",
            "FROM=<sip:alice@example.org>;tag=1",
            "CALL-ID=a@b continued");
  }

  @Test
  void readsAStatusLineWithItsWholeReason() {
    Sip.Message m = parse("SIP/2.0 100 trying -- your call is important\r\nCSeq: 1 INVITE\r\n\r\n");
    assertThat(m.request()).isFalse();
    assertThat(m.code()).isEqualTo(100);
    assertThat(m.reason()).isEqualTo("trying -- your call is important");
  }

  @Test
  void refusesWhatIsNotSip() {
    assertThat(parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).isNull();
    assertThat(parse("SIP/2.0 abc\r\n\r\n")).isNull();
    assertThat(parse("")).isNull();
  }
}
