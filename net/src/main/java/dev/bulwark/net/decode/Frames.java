package dev.bulwark.net.decode;

import java.nio.ByteBuffer;

/**
 * Builds Ethernet/IPv4/TCP frames with valid checksums, for synthetic captures in tests, fixtures
 * and benchmarks.
 */
public final class Frames {
  private Frames() {}

  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int ACK = 0x10;
  public static final int FIN = 0x01;
  public static final int PSH = 0x08;

  public static byte[] tcp(
      byte[] src, int sport, byte[] dst, int dport, long seq, long ack, int flags, byte[] payload) {
    int tcpLen = 20 + payload.length;
    int ipLen = 20 + tcpLen;
    ByteBuffer b = ByteBuffer.allocate(14 + ipLen);
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
    int ip = b.position();
    b.put((byte) 0x45)
        .put((byte) 0)
        .putShort((short) ipLen)
        .putShort((short) 1)
        .putShort((short) 0x4000);
    b.put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
    int tcp = b.position();
    b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
    b.put((byte) 0x50)
        .put((byte) flags)
        .putShort((short) 65535)
        .putShort((short) 0)
        .putShort((short) 0);
    b.put(payload);
    byte[] a = b.array();
    int ipSum = ~Checksums.sum(a, ip, 20, 0) & 0xffff;
    a[ip + 10] = (byte) (ipSum >> 8);
    a[ip + 11] = (byte) ipSum;
    long pseudo = Checksums.sum(src, 0, 4, 0) + Checksums.sum(dst, 0, 4, 0) + 6 + tcpLen;
    int sum = ~Checksums.sum(a, tcp, tcpLen, pseudo) & 0xffff;
    a[tcp + 16] = (byte) (sum >> 8);
    a[tcp + 17] = (byte) sum;
    return a;
  }
}
