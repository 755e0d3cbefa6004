package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MysqlTest {
  @Test
  void findsTheQueryAfterItsAttributes() {
    // two string attributes n1=v1, n2=v2, then "select now()"
    byte[] b =
        HexFormat.of().parseHex("02010001fe00026e31fe00026e3202763102763273656c656374206e6f772829");
    int q = Mysql.queryStart(b, 0, b.length);
    assertThat(new String(b, q, b.length - q, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("select now()");
    byte[] none = HexFormat.of().parseHex("000173656c656374");
    assertThat(Mysql.queryStart(none, 0, none.length)).isEqualTo(2);
    byte[] cut = HexFormat.of().parseHex("0201");
    assertThat(Mysql.queryStart(cut, 0, cut.length)).isEqualTo(-1);
  }

  @Test
  void readsLengthEncodedIntegers() {
    byte[] b = HexFormat.of().parseHex("fa fc3412 fd010203".replace(" ", ""));
    int[] at = {0};
    assertThat(Mysql.lenenc(b, at, b.length)).isEqualTo(0xfa);
    assertThat(Mysql.lenenc(b, at, b.length)).isEqualTo(0x1234);
    assertThat(Mysql.lenenc(b, at, b.length)).isEqualTo(0x030201);
    assertThat(Mysql.lenenc(b, at, b.length)).isEqualTo(-1);
  }

  @Test
  void splitsPacketsAcrossSegmentsAndCapsWhatItKeeps() {
    Mysql.Packets p = new Mysql.Packets();
    List<String> seen = new ArrayList<>();
    Mysql.Packets.Sink sink =
        (seq, b, off, len) -> {
          seen.add(seq + ":" + len);
          return true;
        };
    byte[] one = HexFormat.of().parseHex("03000000616263" + "0100");
    p.feed(one, 0, one.length, sink);
    byte[] rest = HexFormat.of().parseHex("00000e");
    p.feed(rest, 0, rest.length, sink);
    assertThat(seen).containsExactly("0:3", "0:1");
    // a 16 MiB - 1 packet is skipped after the kept bytes, whatever arrives
    byte[] big = new byte[4 + 200_000];
    big[0] = (byte) 0xff;
    big[1] = (byte) 0xff;
    big[2] = (byte) 0xff;
    seen.clear();
    p.feed(big, 0, big.length, sink);
    assertThat(seen).isEmpty();
  }
}
