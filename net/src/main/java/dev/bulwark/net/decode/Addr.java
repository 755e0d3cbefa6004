package dev.bulwark.net.decode;

import java.util.Arrays;

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address, printed as Zeek prints it. */
public final class Addr implements Comparable<Addr> {
  private final byte[] b;
  private final int hash;

  public Addr(byte[] buf, int off, int len) {
    this.b = Arrays.copyOfRange(buf, off, off + len);
    this.hash = Arrays.hashCode(b);
  }

  public boolean v4() {
    return b.length == 4;
  }

  public byte[] bytes() {
    return b.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Addr a && a.hash == hash && Arrays.equals(a.b, b);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Addr o) {
    return Arrays.compareUnsigned(b, o.b);
  }

  /** RFC 1918, loopback, link-local and unique-local ranges: what a site usually calls local. */
  public boolean privateRange() {
    int a = b[0] & 0xff;
    if (v4()) {
      int a2 = b[1] & 0xff;
      return a == 10
          || a == 127
          || (a == 172 && a2 >= 16 && a2 < 32)
          || (a == 192 && a2 == 168)
          || (a == 169 && a2 == 254);
    }
    return (a & 0xfe) == 0xfc || (a == 0xfe && (b[1] & 0xc0) == 0x80);
  }

  @Override
  public String toString() {
    if (v4()) {
      return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }
    int[] w = new int[8];
    for (int i = 0; i < 8; i++) {
      w[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
    }
    // IPv4-mapped and -compatible forms print their last 32 bits dotted, as inet_ntop does.
    boolean zero5 = w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0;
    if (zero5 && w[5] == 0xffff) {
      return "::ffff:"
          + (b[12] & 0xff)
          + "."
          + (b[13] & 0xff)
          + "."
          + (b[14] & 0xff)
          + "."
          + (b[15] & 0xff);
    }
    if (zero5 && w[5] == 0 && (w[6] != 0 || w[7] > 1)) {
      return "::"
          + (b[12] & 0xff)
          + "."
          + (b[13] & 0xff)
          + "."
          + (b[14] & 0xff)
          + "."
          + (b[15] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (w[i] == 0) {
        int j = i;
        while (j < 8 && w[j] == 0) {
          j++;
        }
        if (j - i > bestLen && j - i >= 2) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLen - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(w[i]));
    }
    return s.toString();
  }
}
