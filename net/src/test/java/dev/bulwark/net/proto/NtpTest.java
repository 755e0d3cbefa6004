package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.net.zeek.ZeekLogWriter.Interval;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import org.junit.jupiter.api.Test;

class NtpTest {
  private static byte[] header(int first, int stratum, int poll, int precision) {
    byte[] b = new byte[48];
    b[0] = (byte) first;
    b[1] = (byte) stratum;
    b[2] = (byte) poll;
    b[3] = (byte) precision;
    // root delay 1.5 s, root dispersion 0.25 s (16.16 fixed point)
    b[4] = 0;
    b[5] = 1;
    b[6] = (byte) 0x80;
    b[10] = 0x40;
    b[12] = 'G';
    b[13] = 'P';
    b[14] = 'S';
    // transmit time: 2019-05-31 exactly (3768336000 s since 1900) and a half second
    long sec = 3_768_336_000L;
    b[40] = (byte) (sec >>> 24);
    b[41] = (byte) (sec >>> 16);
    b[42] = (byte) (sec >>> 8);
    b[43] = (byte) sec;
    b[44] = (byte) 0x80;
    return b;
  }

  @Test
  void readsTheHeaderAsZeekLogsIt() {
    Ntp.Message m = Ntp.parse(header(0x24, 1, 6, -20), 0, 48); // v4, server
    assertThat(m.version()).isEqualTo(4);
    assertThat(m.mode()).isEqualTo(4);
    assertThat(m.stratum()).isEqualTo(1);
    assertThat(m.poll()).isEqualTo(new Interval(64_000_000_000L));
    assertThat(m.precision()).isEqualTo(new Interval(954)); // 2^-20 s
    assertThat(m.rootDelay()).isEqualTo(new Interval(1_500_000_000L));
    assertThat(m.rootDisp()).isEqualTo(new Interval(250_000_000L));
    assertThat(m.refId()).isEqualTo("GPS\0");
    assertThat(m.refTime()).isEqualTo(new Time(0));
    assertThat(m.xmtTime()).isEqualTo(new Time(1_559_347_200_500_000_000L));
    assertThat(m.numExts()).isZero();
  }

  @Test
  void aboveStratumOneTheReferenceIsAnAddress() {
    byte[] b = header(0x23, 3, 10, -6);
    b[12] = 10;
    b[13] = 0;
    b[14] = 0;
    b[15] = 7;
    assertThat(Ntp.parse(b, 0, 48).refId()).isEqualTo("10.0.0.7");
  }

  @Test
  void controlMessagesCarryOnlyVersionAndModeAndShortOnesNothing() {
    Ntp.Message control = Ntp.parse(new byte[] {0x16, 2, 0, 1}, 0, 4);
    assertThat(control.mode()).isEqualTo(6);
    assertThat(control.stratum()).isNull();
    assertThat(Ntp.parse(new byte[20], 0, 20)).isNull();
    assertThat(Ntp.parse(new byte[] {0x17, 0, 3, 42}, 0, 4)).isNull();
  }

  @Test
  void countsExtensionFieldsButNotTheMac() {
    byte[] b = new byte[48 + 16 + 20];
    System.arraycopy(header(0x23, 2, 6, -20), 0, b, 0, 48);
    b[48 + 3] = 16; // one 16-byte extension field, then a 20-byte MAC
    assertThat(Ntp.parse(b, 0, b.length).numExts()).isEqualTo(1);
  }
}
