package dev.bulwark.deception.dns;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The answers of an authoritative server for one zone that exists only to notice lookups of canary
 * names ({@code <token>.<zone>}, or any name below one). Every name in the zone but the apex is
 * answered NXDOMAIN with the zone's SOA (a short negative-cache time, so a later lookup reaches the
 * responder again); the apex has its SOA and NS; names outside the zone are REFUSED, so the
 * responder is never a resolver for anyone. Names in the records point at the zone's name in the
 * question (DNS name compression), so a reply is never larger than {@link DnsQuery#MAX_MESSAGE}
 * bytes: at most the header, the question (≤ 259 bytes) and two records (≤ 67 bytes).
 */
public final class CanaryZone {
  /** A token id as {@code bulwark canary create} mints it. */
  static final Pattern TOKEN = Pattern.compile("[a-z2-7]{20}");

  static final int TYPE_A = 1;
  static final int TYPE_NS = 2;
  static final int TYPE_SOA = 6;
  static final int TYPE_ANY = 255;
  static final int CLASS_IN = 1;
  static final int CLASS_ANY = 255;

  static final int NOERROR = 0;
  static final int FORMERR = 1;
  static final int NXDOMAIN = 3;
  static final int NOTIMP = 4;
  static final int REFUSED = 5;

  /** Seconds a resolver may cache the zone's answers, the negative ones included. */
  static final int TTL = 60;

  private final String zone;

  /** The zone, e.g. {@code canary.example.org}; a trailing dot is ignored, case does not matter. */
  public CanaryZone(String zone) {
    String z = zone == null ? "" : zone.strip().toLowerCase(Locale.ROOT);
    if (z.endsWith(".")) {
      z = z.substring(0, z.length() - 1);
    }
    if (z.isEmpty()
        || z.length() > 200
        || !z.matches(
            "([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*")) {
      throw new IllegalArgumentException("not a DNS zone name: " + zone);
    }
    this.zone = z;
  }

  public String zone() {
    return zone;
  }

  /**
   * What the responder does with one message: the reply to send (null: send nothing) and, when the
   * question names a canary, the token's id.
   */
  public record Reply(byte[] bytes, String token, String name, int type) {}

  /** Answers the first {@code length} bytes of {@code m}. Never throws for any content. */
  public Reply answer(byte[] m, int length) {
    DnsQuery.Parsed p = DnsQuery.parse(m, length);
    if (p instanceof DnsQuery.Refused r) {
      if (r.id() < 0) {
        return new Reply(null, null, null, 0);
      }
      return new Reply(
          header(r.id(), r.opcode(), false, false, r.notImplemented() ? NOTIMP : FORMERR, 0, 0, 0),
          null,
          null,
          0);
    }
    DnsQuery.Question q = (DnsQuery.Question) p;
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    boolean apex = q.name().equals(zone);
    boolean inZone = apex || q.name().endsWith("." + zone);
    boolean inClass = q.qclass() == CLASS_IN || q.qclass() == CLASS_ANY;
    if (!inZone || !inClass) {
      write(out, header(q.id(), 0, false, q.recursionDesired(), REFUSED, 1, 0, 0));
      out.write(m, DnsQuery.HEADER, q.end() - DnsQuery.HEADER);
      return new Reply(out.toByteArray(), null, q.name(), q.type());
    }
    String token = null;
    if (!apex) {
      String below = q.name().substring(0, q.name().length() - zone.length() - 1);
      String label = below.substring(below.lastIndexOf('.') + 1);
      if (TOKEN.matcher(label).matches()) {
        token = label;
      }
    }
    // the zone is the question's last labels, written as the zone is (its labels hold no escaped
    // byte), so its offset is the question name's end less the zone's wire length
    int zoneAt = q.end() - 4 - (zone.length() + 2);
    int answers = 0;
    ByteArrayOutputStream records = new ByteArrayOutputStream(128);
    if (apex && (q.type() == TYPE_SOA || q.type() == TYPE_ANY)) {
      soa(records, zoneAt);
      answers++;
    }
    if (apex && (q.type() == TYPE_NS || q.type() == TYPE_ANY)) {
      ns(records, zoneAt);
      answers++;
    }
    int rcode = apex ? NOERROR : NXDOMAIN;
    write(
        out,
        header(q.id(), 0, true, q.recursionDesired(), rcode, 1, answers, answers == 0 ? 1 : 0));
    out.write(m, DnsQuery.HEADER, q.end() - DnsQuery.HEADER);
    if (answers == 0) {
      // no data or no such name: the SOA in the authority section sets the negative-cache time
      soa(records, zoneAt);
    }
    write(out, records.toByteArray());
    return new Reply(out.toByteArray(), token, q.name(), q.type());
  }

  private static void soa(ByteArrayOutputStream out, int zoneAt) {
    ByteArrayOutputStream rdata = new ByteArrayOutputStream(64);
    name(rdata, "ns", zoneAt);
    name(rdata, "hostmaster", zoneAt);
    for (int v : new int[] {1, 3600, 600, 86400, TTL}) {
      u32(rdata, v);
    }
    record(out, zoneAt, TYPE_SOA, rdata.toByteArray());
  }

  private static void ns(ByteArrayOutputStream out, int zoneAt) {
    ByteArrayOutputStream rdata = new ByteArrayOutputStream(32);
    name(rdata, "ns", zoneAt);
    record(out, zoneAt, TYPE_NS, rdata.toByteArray());
  }

  private static void record(ByteArrayOutputStream out, int zoneAt, int type, byte[] rdata) {
    u16(out, 0xC000 | zoneAt);
    u16(out, type);
    u16(out, CLASS_IN);
    u32(out, TTL);
    u16(out, rdata.length);
    write(out, rdata);
  }

  /** One label, then a pointer to the zone's name in the question. */
  private static void name(ByteArrayOutputStream out, String label, int zoneAt) {
    out.write(label.length());
    write(out, label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    u16(out, 0xC000 | zoneAt);
  }

  private static byte[] header(
      int id, int opcode, boolean aa, boolean rd, int rcode, int qd, int an, int ns) {
    int flags = 0x8000 | (opcode << 11) | (aa ? 0x0400 : 0) | (rd ? 0x0100 : 0) | rcode;
    return new byte[] {
      (byte) (id >> 8),
      (byte) id,
      (byte) (flags >> 8),
      (byte) flags,
      0,
      (byte) qd,
      0,
      (byte) an,
      0,
      (byte) ns,
      0,
      0
    };
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v >> 8);
    out.write(v);
  }

  private static void u32(ByteArrayOutputStream out, int v) {
    u16(out, v >>> 16);
    u16(out, v & 0xFFFF);
  }

  private static void write(ByteArrayOutputStream out, byte[] b) {
    out.write(b, 0, b.length);
  }
}
