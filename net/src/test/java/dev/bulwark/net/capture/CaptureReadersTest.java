package dev.bulwark.net.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The readers on captures built byte by byte: byte orders, resolutions, interfaces, damage. */
class CaptureReadersTest {

  static byte[] pcap(
      ByteOrder order, boolean nanos, int link, long sec, long frac, byte[]... frames) {
    ByteBuffer b = ByteBuffer.allocate(24 + frames.length * 16 + 4096).order(order);
    b.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4);
    b.putInt(0).putInt(0).putInt(65535).putInt(link);
    for (byte[] f : frames) {
      b.putInt((int) sec).putInt((int) frac).putInt(f.length).putInt(f.length + 10).put(f);
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  static List<RawPacket> all(byte[] capture) throws IOException {
    List<RawPacket> out = new ArrayList<>();
    try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture))) {
      RawPacket p;
      while ((p = r.next()) != null) {
        out.add(p);
      }
    }
    return out;
  }

  @Test
  void pcap_readsBothByteOrdersAndResolutions() throws IOException {
    for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
      List<RawPacket> micro =
          all(pcap(order, false, 1, 1_700_000_000L, 250_000, new byte[] {1, 2, 3}));
      assertThat(micro).hasSize(1);
      assertThat(micro.get(0).tsNanos()).isEqualTo(1_700_000_000_250_000_000L);
      assertThat(micro.get(0).linkType()).isEqualTo(1);
      assertThat(micro.get(0).wireLength()).isEqualTo(13);
      assertThat(micro.get(0).truncated()).isTrue();
      List<RawPacket> nano = all(pcap(order, true, 101, 1_700_000_000L, 123, new byte[] {9}));
      assertThat(nano.get(0).tsNanos()).isEqualTo(1_700_000_000_000_000_123L);
      assertThat(nano.get(0).linkType()).isEqualTo(101);
    }
  }

  @Test
  void gzip_isReadThrough() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 5, 0, new byte[] {1}, new byte[] {2}));
    }
    assertThat(all(bytes.toByteArray())).hasSize(2);
  }

  @Test
  void cutRecord_isAProblemNamingTheFrame_andEarlierFramesAreKept() throws IOException {
    byte[] whole =
        pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 5, 0, new byte[] {1, 1}, new byte[] {2, 2, 2, 2});
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 2);
    try (CaptureReader r = Captures.open(new ByteArrayInputStream(cut))) {
      assertThat(r.next()).isNotNull();
      assertThat(r.next()).isNull();
      assertThat(r.problems()).singleElement().asString().contains("frame 2").contains("cut");
    }
  }

  @Test
  void notACapture_isRefusedWithTheReason() {
    assertThatThrownBy(() -> all("hello world, not a pcap".getBytes()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a pcap");
  }

  /** A pcapng with two interfaces: Ethernet in microseconds, raw IP in nanoseconds (tsresol 9). */
  @Test
  void pcapng_interfacesKeepTheirLinkTypeAndResolution() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0);
    b.putLong(-1).putInt(28);
    b.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(0).putInt(20);
    b.putInt(1).putInt(32).putShort((short) 101).putShort((short) 0).putInt(0);
    b.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]);
    b.putShort((short) 0).putShort((short) 0).putInt(32);
    long micros = 1_700_000_000_000_001L;
    b.putInt(6).putInt(36).putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros);
    b.putInt(4).putInt(4).put(new byte[] {1, 2, 3, 4}).putInt(36);
    long nanos = 1_700_000_000_000_000_007L;
    b.putInt(6).putInt(36).putInt(1).putInt((int) (nanos >>> 32)).putInt((int) nanos);
    b.putInt(4).putInt(4).put(new byte[] {5, 6, 7, 8}).putInt(36);
    byte[] bytes = new byte[b.position()];
    b.flip().get(bytes);
    List<RawPacket> ps = all(bytes);
    assertThat(ps).hasSize(2);
    assertThat(ps.get(0).linkType()).isEqualTo(1);
    assertThat(ps.get(0).tsNanos()).isEqualTo(1_700_000_000_000_001_000L);
    assertThat(ps.get(1).linkType()).isEqualTo(101);
    assertThat(ps.get(1).tsNanos()).isEqualTo(nanos);
  }
}
