package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class QuicTest {
  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void initialKeysMatchRfc9001AppendixA() {
    byte[] dcid = HexFormat.of().parseHex("8394c8f03e515708");
    Quic.Keys client = Quic.Keys.of(Quic.V1, dcid, true);
    assertThat(hex(client.key())).isEqualTo("1f369613dd76d5467730efcbe3b1a22d");
    assertThat(hex(client.iv())).isEqualTo("fa044b2f42a3fd3b46fb255c");
    assertThat(hex(client.hp())).isEqualTo("9f50449e04a0e810283a1e9933adedd2");
    Quic.Keys server = Quic.Keys.of(Quic.V1, dcid, false);
    assertThat(hex(server.key())).isEqualTo("cf3a5331653c364c88f0f379b6067e37");
    assertThat(hex(server.iv())).isEqualTo("0ac1493ca1905853b0bba03e");
    assertThat(hex(server.hp())).isEqualTo("c206b8d9b9f0f37644430b490eeaa314");
  }

  @Test
  void variableLengthIntegersOfRfc9000() {
    byte[] b = HexFormat.of().parseHex("c2197c5eff14e88c" + "9d7f3e7d" + "7bbd" + "25");
    assertThat(Quic.varint(b, 0, b.length)).containsExactly(151288809941952652L, 8);
    assertThat(Quic.varint(b, 8, b.length)).containsExactly(494878333L, 4);
    assertThat(Quic.varint(b, 12, b.length)).containsExactly(15293L, 2);
    assertThat(Quic.varint(b, 14, b.length)).containsExactly(37L, 1);
    assertThat(Quic.varint(b, 8, 10)).isNull(); // cut short
  }

  @Test
  void onlyClientInitialsOfKnownVersionsStartTheAnalyzer() {
    Quic q = new Quic(null);
    byte[] v1 = HexFormat.of().parseHex("c000000001088394c8f03e515708");
    assertThat(q.matches(v1, 0, v1.length, true, true)).isTrue();
    assertThat(q.matches(v1, 0, v1.length, false, true)).isFalse();
    byte[] handshake = HexFormat.of().parseHex("e000000001088394c8f03e515708");
    assertThat(q.matches(handshake, 0, handshake.length, true, true)).isFalse();
    byte[] unknown = HexFormat.of().parseHex("c0ff00001d088394c8f03e515708");
    assertThat(q.matches(unknown, 0, unknown.length, true, true)).isFalse();
  }
}
