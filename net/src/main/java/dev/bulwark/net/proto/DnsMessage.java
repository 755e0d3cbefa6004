package dev.bulwark.net.proto;

import dev.bulwark.net.decode.Addr;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed DNS message: header, first question, and the answer section as Zeek renders it. Names
 * follow compression pointers with a hop limit, so a looping message cannot hang the parser.
 */
public record DnsMessage(
    int id,
    boolean response,
    int opcode,
    boolean aa,
    boolean tc,
    boolean rd,
    boolean ra,
    int z,
    int rcode,
    String qname,
    Integer qtype,
    Integer qclass,
    List<String> answers,
    List<Long> ttls) {

  /** Returns {@code null} when the bytes are not a DNS message. */
  public static DnsMessage parse(byte[] b, int off, int len) {
    if (len < 12) {
      return null;
    }
    int end = off + len;
    int id = u16(b, off);
    int flags = u16(b, off + 2);
    int qd = u16(b, off + 4);
    int an = u16(b, off + 6);
    boolean qr = (flags & 0x8000) != 0;
    int opcode = (flags >> 11) & 0xf;
    int p = off + 12;
    String qname = null;
    Integer qtype = null;
    Integer qclass = null;
    int[] pos = {p};
    try {
      for (int i = 0; i < qd && i < 64; i++) {
        String name = name(b, off, end, pos);
        if (name == null || pos[0] + 4 > end) {
          return qr ? header(id, flags, opcode, null, null, null, List.of(), List.of()) : null;
        }
        if (i == 0) {
          qname = name;
          qtype = u16(b, pos[0]);
          qclass = u16(b, pos[0] + 2);
        }
        pos[0] += 4;
      }
      List<String> answers = new ArrayList<>();
      List<Long> ttls = new ArrayList<>();
      if (opcode == 5) {
        // dynamic update: Zeek labels the zone/prerequisite/update sections differently; keep names
        return header(id, flags, opcode, qname, null, null, answers, ttls);
      }
      for (int i = 0; i < an && i < 1024; i++) {
        String owner = name(b, off, end, pos);
        if (owner == null || pos[0] + 10 > end) {
          break;
        }
        int type = u16(b, pos[0]);
        long ttl = u32(b, pos[0] + 4);
        int rdlen = u16(b, pos[0] + 8);
        int rd = pos[0] + 10;
        if (rd + rdlen > end) {
          break;
        }
        String a = rdata(b, off, end, type, rd, rdlen);
        if (a != null) {
          answers.add(a);
          ttls.add(ttl);
        }
        pos[0] = rd + rdlen;
      }
      return header(id, flags, opcode, qname, qtype, qclass, answers, ttls);
    } catch (ArrayIndexOutOfBoundsException cut) {
      return null;
    }
  }

  private static DnsMessage header(
      int id,
      int flags,
      int opcode,
      String qname,
      Integer qtype,
      Integer qclass,
      List<String> an,
      List<Long> ttls) {
    return new DnsMessage(
        id,
        (flags & 0x8000) != 0,
        opcode,
        (flags & 0x0400) != 0,
        (flags & 0x0200) != 0,
        (flags & 0x0100) != 0,
        (flags & 0x0080) != 0,
        (flags >> 4) & 7,
        flags & 0xf,
        qname,
        qtype,
        qclass,
        List.copyOf(an),
        List.copyOf(ttls));
  }

  private static String rdata(byte[] b, int msg, int end, int type, int p, int len) {
    int[] pos = {p};
    switch (type) {
      case 1 -> {
        return len == 4 ? new Addr(b, p, 4).toString() : null;
      }
      case 28 -> {
        return len == 16 ? new Addr(b, p, 16).toString() : null;
      }
      case 2, 5, 12, 39 -> {
        return name(b, msg, end, pos);
      }
      case 15 -> {
        pos[0] = p + 2;
        return name(b, msg, end, pos);
      }
      case 6 -> {
        return name(b, msg, end, pos);
      }
      case 33 -> {
        pos[0] = p + 6;
        return name(b, msg, end, pos);
      }
      case 16, 99 -> {
        StringBuilder s = new StringBuilder();
        int q = p;
        while (q < p + len) {
          int l = b[q] & 0xff;
          if (q + 1 + l > p + len) {
            break;
          }
          if (s.length() > 0) {
            s.append(' ');
          }
          s.append(type == 16 ? "TXT " : "SPF ").append(l).append(' ').append(Text.of(b, q + 1, l));
          q += 1 + l;
        }
        return s.toString();
      }
      case 43 -> {
        return len >= 4 ? "DS " + (b[p + 2] & 0xff) + " " + (b[p + 3] & 0xff) : null;
      }
      case 46 -> {
        if (len < 18) {
          return null;
        }
        pos[0] = p + 18;
        String signer = name(b, msg, end, pos);
        return "RRSIG " + u16(b, p) + " " + (signer == null ? "" : signer);
      }
      case 48 -> {
        return len >= 4 ? "DNSKEY " + (b[p + 3] & 0xff) : null;
      }
      default -> {
        return null;
      }
    }
  }

  /** A domain name at {@code pos[0]}, advancing it past the name; {@code null} when damaged. */
  static String name(byte[] b, int msg, int end, int[] pos) {
    StringBuilder s = new StringBuilder();
    int p = pos[0];
    int hops = 0;
    int after = -1;
    while (true) {
      if (p >= end) {
        return null;
      }
      int l = b[p] & 0xff;
      if (l == 0) {
        p++;
        break;
      }
      if ((l & 0xc0) == 0xc0) {
        if (p + 1 >= end || ++hops > 32) {
          return null;
        }
        if (after < 0) {
          after = p + 2;
        }
        p = msg + ((l & 0x3f) << 8 | (b[p + 1] & 0xff));
        continue;
      }
      if ((l & 0xc0) != 0 || p + 1 + l > end) {
        return null;
      }
      if (s.length() > 0) {
        s.append('.');
      }
      s.append(Text.of(b, p + 1, l));
      p += 1 + l;
      if (s.length() > 1024) {
        return null;
      }
    }
    pos[0] = after >= 0 ? after : p;
    return s.toString();
  }

  public static String typeName(int t) {
    return switch (t) {
      case 1 -> "A";
      case 2 -> "NS";
      case 5 -> "CNAME";
      case 6 -> "SOA";
      case 12 -> "PTR";
      case 13 -> "HINFO";
      case 15 -> "MX";
      case 16 -> "TXT";
      case 28 -> "AAAA";
      case 29 -> "LOC";
      case 33 -> "SRV";
      case 35 -> "NAPTR";
      case 39 -> "DNAME";
      case 41 -> "OPT";
      case 43 -> "DS";
      case 46 -> "RRSIG";
      case 47 -> "NSEC";
      case 48 -> "DNSKEY";
      case 50 -> "NSEC3";
      case 52 -> "TLSA";
      case 64 -> "SVCB";
      case 65 -> "HTTPS";
      case 99 -> "SPF";
      case 251 -> "IXFR";
      case 252 -> "AXFR";
      case 255 -> "*";
      case 257 -> "CAA";
      default -> "query-" + t;
    };
  }

  public static String className(int c) {
    return switch (c) {
      case 1 -> "C_INTERNET";
      case 3 -> "C_CHAOS";
      case 4 -> "C_HESIOD";
      case 254 -> "C_NONE";
      case 255 -> "C_ANY";
      default -> (c & 0x7fff) == 1 ? "C_INTERNET" : "qclass-" + c;
    };
  }

  public static String rcodeName(int r) {
    return switch (r) {
      case 0 -> "NOERROR";
      case 1 -> "FORMERR";
      case 2 -> "SERVFAIL";
      case 3 -> "NXDOMAIN";
      case 4 -> "NOTIMP";
      case 5 -> "REFUSED";
      case 6 -> "YXDOMAIN";
      case 7 -> "YXRRSET";
      case 8 -> "NXRRSET";
      case 9 -> "NOTAUTH";
      case 10 -> "NOTZONE";
      default -> "rcode-" + r;
    };
  }

  public static String opcodeName(int o) {
    return switch (o) {
      case 0 -> "query";
      case 1 -> "inverse-query";
      case 2 -> "status";
      case 4 -> "notify";
      case 5 -> "dynamic-update";
      default -> "opcode-" + o;
    };
  }

  static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  static long u32(byte[] b, int off) {
    return ((long) (b[off] & 0xff) << 24
            | (b[off + 1] & 0xff) << 16
            | (b[off + 2] & 0xff) << 8
            | (b[off + 3] & 0xff))
        & 0xffffffffL;
  }
}
