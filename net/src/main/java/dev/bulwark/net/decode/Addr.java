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

  /** IPv4 224.0.0.0/4 and 255.255.255.255, IPv6 ff00::/8. */
  public boolean multicast() {
    int a = b[0] & 0xff;
    if (v4()) {
      return (a & 0xf0) == 0xe0 || (a == 255 && b[1] == -1 && b[2] == -1 && b[3] == -1);
    }
    return a == 0xff;
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

  private static final String[] SPECIAL = {
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.88.99.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::/128",
    "::1/128",
    "::ffff:0:0/96",
    "64:ff9b::/96",
    "100::/64",
    "2001::/23",
    "2001:db8::/32",
    "2002::/16",
    "fc00::/7",
    "fe80::/10"
  };
  private static final java.util.List<byte[]> NETS = new java.util.ArrayList<>();
  private static final java.util.List<Integer> BITS = new java.util.ArrayList<>();

  static {
    for (String n : SPECIAL) {
      String[] parts = n.split("/");
      try {
        NETS.add(java.net.InetAddress.getByName(parts[0]).getAddress());
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
      BITS.add(Integer.parseInt(parts[1]));
    }
  }

  /**
   * Whether the address is in IANA's special-purpose ranges (private, loopback, link-local,
   * documentation, multicast …), which Zeek treats as local when no local networks are configured.
   */
  public boolean privateRange() {
    for (int i = 0; i < NETS.size(); i++) {
      byte[] net = NETS.get(i);
      if (net.length != b.length) {
        continue;
      }
      int bits = BITS.get(i);
      boolean in = true;
      for (int k = 0; k < bits && in; k++) {
        int mask = 0x80 >> (k % 8);
        in = (b[k / 8] & mask) == (net[k / 8] & mask);
      }
      if (in) {
        return true;
      }
    }
    return false;
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
