package dev.bulwark.deception.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** DNS queries as a resolver sends them, built byte by byte for the tests. */
final class Queries {
  private Queries() {}

  /** A standard query (recursion desired) for {@code name} of {@code type}, class IN. */
  static byte[] query(int id, String name, int type) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(id >> 8);
    b.write(id);
    b.write(0x01); // RD
    b.write(0x00);
    b.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      b.write(l.length);
      b.writeBytes(l);
    }
    b.write(0);
    b.write(type >> 8);
    b.write(type);
    b.write(0);
    b.write(1);
    return b.toByteArray();
  }

  /** The same query with an EDNS OPT record in the additional section, as resolvers send it. */
  static byte[] withEdns(byte[] q) {
    byte[] out = java.util.Arrays.copyOf(q, q.length + 11);
    out[11] = 1; // ARCOUNT
    int at = q.length;
    out[at] = 0; // root name
    out[at + 1] = 0;
    out[at + 2] = 41; // OPT
    out[at + 3] = 0x04; // UDP payload 1232
    out[at + 4] = (byte) 0xD0;
    return out;
  }

  static int u16(byte[] m, int at) {
    return ((m[at] & 0xFF) << 8) | (m[at + 1] & 0xFF);
  }

  static int rcode(byte[] reply) {
    return reply[3] & 0x0F;
  }

  static boolean authoritative(byte[] reply) {
    return (reply[2] & 0x04) != 0;
  }
}
