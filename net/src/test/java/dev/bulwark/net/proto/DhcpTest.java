package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DhcpTest {
  /** An ACK: xid 0x01020304, yiaddr 192.168.0.10, lease 3600 s, server id 10.10.0.1. */
  static byte[] ack() {
    byte[] b = new byte[240 + 3 + 6 + 6 + 5 + 1];
    b[0] = 2;
    b[1] = 1;
    b[2] = 6;
    b[4] = 1;
    b[5] = 2;
    b[6] = 3;
    b[7] = 4;
    b[16] = (byte) 192;
    b[17] = (byte) 168;
    b[19] = 10;
    for (int i = 0; i < 6; i++) {
      b[28 + i] = (byte) (0xa0 + i);
    }
    b[236] = 0x63;
    b[237] = (byte) 0x82;
    b[238] = 0x53;
    b[239] = 0x63;
    int p = 240;
    b[p++] = 53;
    b[p++] = 1;
    b[p++] = 5;
    b[p++] = 51;
    b[p++] = 4;
    b[p++] = 0;
    b[p++] = 0;
    b[p++] = 0x0e;
    b[p++] = 0x10;
    b[p++] = 54;
    b[p++] = 4;
    b[p++] = 10;
    b[p++] = 10;
    b[p++] = 0;
    b[p++] = 1;
    b[p++] = 15;
    b[p++] = 3;
    b[p++] = 'l';
    b[p++] = 'a';
    b[p++] = 'n';
    b[p] = (byte) 255;
    return b;
  }

  @Test
  void readsTheFieldsDhcpLogUses() {
    byte[] b = ack();
    Dhcp.Message m = Dhcp.parse(b, 0, b.length);
    assertThat(m.xid()).isEqualTo(0x01020304L);
    assertThat(Dhcp.TYPES[m.type()]).isEqualTo("ACK");
    assertThat(m.ciaddr()).isNull();
    assertThat(m.yiaddr()).isEqualTo("192.168.0.10");
    assertThat(m.mac()).isEqualTo("a0:a1:a2:a3:a4:a5");
    assertThat(m.leaseSeconds()).isEqualTo(3600L);
    assertThat(m.serverId()).isEqualTo("10.10.0.1");
    assertThat(m.domain()).isEqualTo("lan");
  }

  @Test
  void refusesMessagesWithoutCookieOrTypeAndStopsAtCutOptions() {
    byte[] b = ack();
    b[236] = 0;
    assertThat(Dhcp.parse(b, 0, b.length)).isNull();
    byte[] c = ack();
    assertThat(Dhcp.parse(c, 0, 240)).isNull(); // no options, so no message type
    Dhcp.Message cut = Dhcp.parse(c, 0, 245); // the lease option is cut short
    assertThat(cut.type()).isEqualTo(5);
    assertThat(cut.leaseSeconds()).isNull();
  }
}
