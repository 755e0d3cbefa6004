package dev.bulwark.net.decode;

/** The Internet checksum (RFC 1071) and the pseudo-headers TCP, UDP and ICMPv6 add to it. */
public final class Checksums {
  private Checksums() {}

  /**
   * The one's-complement sum of {@code len} bytes folded to 16 bits, starting from {@code init}.
   */
  public static int sum(byte[] b, int off, int len, long init) {
    long s = init;
    int i = off;
    int end = off + len;
    for (; i + 1 < end; i += 2) {
      s += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }
    if (i < end) {
      s += (b[i] & 0xff) << 8;
    }
    while ((s >>> 16) != 0) {
      s = (s & 0xffff) + (s >>> 16);
    }
    return (int) s;
  }

  /** Whether a transport segment's checksum (with the pseudo-header) verifies. */
  public static boolean transportOk(IpPacket p, boolean pseudo) {
    long init = 0;
    if (pseudo) {
      byte[] s = p.src().bytes();
      byte[] d = p.dst().bytes();
      init += sum(s, 0, s.length, 0) + sum(d, 0, d.length, 0);
      init += p.proto() + p.wireLen();
    }
    return sum(p.buf(), p.off(), p.len(), init) == 0xffff;
  }
}
