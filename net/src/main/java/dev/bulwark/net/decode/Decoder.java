package dev.bulwark.net.decode;

import dev.bulwark.net.capture.RawPacket;
import java.util.ArrayList;
import java.util.List;

/**
 * Undoes link layers (Ethernet, VLAN, MPLS, PPPoE, Linux cooked, loopback, raw IP, PPP, 802.11,
 * NFLOG), IP fragmentation and tunnels, and hands each IP packet to a {@link PacketHandler}. Damage
 * never throws: it becomes a weird with the frame number, and the frame is dropped.
 */
public final class Decoder {
  /** Tunnels nested deeper than this are not followed, as Zeek's {@code Tunnel::max_depth}. */
  static final int MAX_TUNNEL_DEPTH = 2;

  private final PacketHandler handler;
  private final boolean checkChecksums;
  private final Fragments fragments = new Fragments();
  private long frame;
  private long ts;
  private boolean wireTruncated;
  private byte[] frameData;
  private int frameWire;
  private int vlanTags;

  public Decoder(PacketHandler handler, boolean checkChecksums) {
    this.handler = handler;
    this.checkChecksums = checkChecksums;
  }

  public void decode(RawPacket p) {
    frame = p.number();
    ts = p.tsNanos();
    wireTruncated = p.truncated();
    frameData = p.data();
    frameWire = p.wireLength();
    vlanTags = 0;
    try {
      link(p.linkType(), p.data(), 0, p.data().length, List.of());
    } catch (IndexOutOfBoundsException cut) {
      handler.weird(frame, ts, "truncated_header", null, null);
    }
  }

  private void link(int type, byte[] b, int off, int len, List<Tunnel> tun) {
    switch (type) {
      case 1 -> ethernet(b, off, len, tun);
      case 113 -> {
        if (len < 16) {
          weird("truncated_link_header");
          return;
        }
        ether(u16(b, off + 14), b, off + 16, len - 16, tun);
      }
      case 276 -> {
        if (len < 20) {
          weird("truncated_link_header");
          return;
        }
        ether(u16(b, off), b, off + 20, len - 20, tun);
      }
      case 0, 108 -> {
        if (len < 4) {
          weird("truncated_link_header");
          return;
        }
        int fam = type == 108 ? u32(b, off) : Integer.reverseBytes(u32(b, off));
        if (fam > 0xffff) {
          fam = Integer.reverseBytes(fam);
        }
        if (fam == 2) {
          ipv4(b, off + 4, len - 4, tun);
        } else if (fam == 24 || fam == 28 || fam == 30 || fam == 10) {
          ipv6(b, off + 4, len - 4, tun);
        } else {
          weird("unknown_null_family");
        }
      }
      case 101, 12, 14 -> rawIp(b, off, len, tun);
      case 228 -> ipv4(b, off, len, tun);
      case 229 -> ipv6(b, off, len, tun);
      case 9, 50 -> ppp(b, off, len, tun);
      case 105 -> wifi(b, off, len, tun);
      case 127 -> {
        if (len < 4) {
          weird("truncated_link_header");
          return;
        }
        int rl = (b[off + 2] & 0xff) | (b[off + 3] & 0xff) << 8;
        wifi(b, off + rl, len - rl, tun);
      }
      case 239 -> nflog(b, off, len, tun);
      default -> weird("unknown_link_type_" + type);
    }
  }

  /** IP of either version, told by the header's first nibble as Zeek's IP analyzer does. */
  private void rawIp(byte[] b, int off, int len, List<Tunnel> tun) {
    if (len < 20) {
      weird("truncated_IP");
      return;
    }
    int v = (b[off] & 0xff) >> 4;
    if (v == 4) {
      ipv4(b, off, len, tun);
    } else if (v == 6) {
      ipv6(b, off, len, tun);
    } else {
      weird("unknown_ip_version");
    }
  }

  /**
   * The bytes of an outer IP packet the wire carried from {@code off} on: the frame's wire length
   * when the packet lies in the captured frame, else what is present.
   */
  private int wireAvailable(byte[] b, int off, int len) {
    return b == frameData ? Math.max(len, frameWire - off) : len;
  }

  /**
   * Zeek's checks of an IP header's lengths, in its order; returns the total length to use, or -1
   * when the packet is dropped (a weird reported).
   */
  private int outerLengths(byte[] b, int off, int len, int total, int headerLen) {
    if (total == 0) {
      // segmentation offload zeroes the length field; Zeek then takes what was captured
      weird("ip_hdr_len_zero");
      total = len;
    }
    if (wireAvailable(b, off, len) < total) {
      weird("truncated_IP_len");
      return -1;
    }
    if (headerLen > total) {
      weird("invalid_IP_header_size");
      return -1;
    }
    if (headerLen > len) {
      weird("internally_truncated_header");
      return -1;
    }
    return total;
  }

  /**
   * Zeek's test of the packet inside an IP-in-IP tunnel: 0 when whole, -2 for the wrong IP version,
   * -1 when cut short, 1 when followed by more bytes than its header states.
   */
  static int innerIp(int proto, byte[] b, int off, int len) {
    int min = proto == 41 ? 40 : 20;
    if (len < min) {
      return -1;
    }
    int v = (b[off] & 0xff) >> 4;
    if (v != (proto == 41 ? 6 : 4)) {
      return -2;
    }
    int total = proto == 41 ? 40 + u16(b, off + 4) : u16(b, off + 2);
    return len == total ? 0 : len < total ? -1 : 1;
  }

  private void ethernet(byte[] b, int off, int len, List<Tunnel> tun) {
    if (len < 14) {
      weird("truncated_link_header");
      return;
    }
    int type = u16(b, off + 12);
    if (type == 0x8903) {
      // Cisco FabricPath: a 16-byte outer header in front of the classic Ethernet frame
      ethernet(b, off + 16, len - 16, tun);
      return;
    }
    if (type <= 1500) {
      // 802.3 length field with LLC/SNAP
      if (len >= 22 && (b[off + 14] & 0xff) == 0xaa && (b[off + 15] & 0xff) == 0xaa) {
        ether(u16(b, off + 20), b, off + 22, len - 22, tun);
      }
      return;
    }
    ether(type, b, off + 14, len - 14, tun);
  }

  private void ether(int type, byte[] b, int off, int len, List<Tunnel> tun) {
    switch (type) {
      case 0x0800, 0x86dd -> rawIp(b, off, len, tun);
      case 0x8100, 0x88a8, 0x9100 -> {
        if (len < 4) {
          weird("truncated_VLAN_header");
          return;
        }
        if (++vlanTags == 3) {
          // Zeek keeps two tags per packet; a third overwrites the inner one
          handler.weird(
              frame, ts, "triple_tagged_vlan_unsupported", "inner VLAN tag overwritten", null);
        }
        ether(u16(b, off + 2), b, off + 4, len - 4, tun);
      }
      case 0x8847, 0x8848 -> {
        int p = off;
        while (true) {
          if (p + 4 > off + len) {
            weird("truncated_MPLS_header");
            return;
          }
          boolean bottom = (b[p + 2] & 1) != 0;
          p += 4;
          if (bottom) {
            break;
          }
        }
        rawIp(b, p, off + len - p, tun);
      }
      case 0x8864 -> {
        if (len < 8) {
          weird("truncated_PPPoE_header");
          return;
        }
        pppProto(u16(b, off + 6), b, off + 8, len - 8, tun);
      }
      case 0x0806, 0x8035, 0x88cc, 0x8863, 0x888e, 0x9000 -> {
        // ARP, RARP, LLDP, PPPoE discovery, 802.1X, loopback: no IP inside
      }
      default -> {
        // other Ethernet payloads carry nothing a connection log records
      }
    }
  }

  private void ppp(byte[] b, int off, int len, List<Tunnel> tun) {
    if (len >= 2 && (b[off] & 0xff) == 0xff && (b[off + 1] & 0xff) == 0x03) {
      off += 2;
      len -= 2;
    }
    if (len < 1) {
      weird("truncated_PPP_header");
      return;
    }
    // Protocol field compression: a 1-byte protocol has its low bit set.
    if ((b[off] & 1) != 0) {
      pppProto(b[off] & 0xff, b, off + 1, len - 1, tun);
    } else if (len >= 2) {
      pppProto(u16(b, off), b, off + 2, len - 2, tun);
    }
  }

  private void pppProto(int proto, byte[] b, int off, int len, List<Tunnel> tun) {
    if (proto == 0x0021) {
      ipv4(b, off, len, tun);
    } else if (proto == 0x0057) {
      ipv6(b, off, len, tun);
    }
  }

  private void wifi(byte[] b, int off, int len, List<Tunnel> tun) {
    if (len < 24) {
      return;
    }
    int fc = b[off] & 0xff;
    int flags = b[off + 1] & 0xff;
    int ftype = (fc >> 2) & 3;
    if (ftype != 2 || (flags & 0x40) != 0) {
      return; // management/control frames, or protected (encrypted) data
    }
    int subtype = (fc >> 4) & 0xf;
    if ((subtype & 4) != 0) {
      return; // null data
    }
    int h = 24;
    if ((flags & 3) == 3) {
      h += 6;
    }
    if ((subtype & 8) != 0) {
      h += 2;
      if ((flags & 0x80) != 0) {
        h += 4;
      }
    }
    if (len < h + 8) {
      return;
    }
    int p = off + h;
    if ((b[p] & 0xff) == 0xaa && (b[p + 1] & 0xff) == 0xaa) {
      ether(u16(b, p + 6), b, p + 8, len - h - 8, tun);
    }
  }

  private void nflog(byte[] b, int off, int len, List<Tunnel> tun) {
    if (len < 4) {
      weird("truncated_link_header");
      return;
    }
    int fam = b[off] & 0xff;
    int p = off + 4;
    int end = off + len;
    while (p + 4 <= end) {
      int tl = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
      int tt = (b[p + 2] & 0xff) | (b[p + 3] & 0xff) << 8;
      if (tl < 4 || p + tl > end) {
        handler.weird(frame, ts, "nflog_bad_tlv_len", "(" + tl + " > " + (end - p) + ")", null);
        return;
      }
      if (tt == 9) {
        if (fam == 2) {
          ipv4(b, p + 4, tl - 4, tun);
        } else {
          ipv6(b, p + 4, tl - 4, tun);
        }
        return;
      }
      p += (tl + 3) & ~3;
    }
  }

  void ipv4(byte[] b, int off, int len, List<Tunnel> tun) {
    if (len < 20) {
      weird("truncated_IP");
      return;
    }
    int v = (b[off] & 0xff) >> 4;
    if (v != 4) {
      if (tun.isEmpty()) {
        weird("unknown_ip_version");
      } else {
        flowWeird("invalid_inner_IP_version", tun.get(tun.size() - 1));
      }
      return;
    }
    int hl = (b[off] & 0x0f) * 4;
    int total = u16(b, off + 2);
    if (tun.isEmpty()) {
      total = outerLengths(b, off, len, total, hl);
      if (total < 0) {
        return;
      }
    }
    if (hl < 20) {
      weird("IPv4_min_header_size");
      return;
    }
    if (total < hl) {
      weird("invalid_IP_header_size");
      return;
    }
    if (len < hl) {
      weird("internally_truncated_header");
      return;
    }
    if (checkChecksums && Checksums.sum(b, off, hl, 0) != 0xffff) {
      // Zeek names the addresses (ports 0) of a packet it drops for its header checksum
      handler.weird(
          frame,
          ts,
          "bad_IP_checksum",
          null,
          new IpPacket(
              frame,
              ts,
              new Addr(b, off + 12, 4),
              new Addr(b, off + 16, 4),
              b[off + 9] & 0xff,
              total,
              0,
              b,
              off,
              0,
              0,
              tun));
      return;
    }
    Addr src = new Addr(b, off + 12, 4);
    Addr dst = new Addr(b, off + 16, 4);
    int proto = b[off + 9] & 0xff;
    int ttl = b[off + 8] & 0xff;
    int fragWord = u16(b, off + 6);
    boolean more = (fragWord & 0x2000) != 0;
    int fragOff = (fragWord & 0x1fff) * 8;
    int have = Math.min(len, total) - hl;
    if (more || fragOff != 0) {
      Fragments.Done whole =
          fragments.add(
              src, dst, u16(b, off + 4), proto, ts, fragOff, more, b, off + hl, have, total - hl);
      if (whole == null) {
        return;
      }
      transport(
          src,
          dst,
          proto,
          whole.data().length + hl,
          ttl,
          whole.data(),
          0,
          whole.data().length,
          whole.data().length,
          tun);
      return;
    }
    transport(src, dst, proto, total, ttl, b, off + hl, have, total - hl, tun);
  }

  void ipv6(byte[] b, int off, int len, List<Tunnel> tun) {
    if (len < 40) {
      weird("truncated_IP");
      return;
    }
    if ((b[off] & 0xff) >> 4 != 6) {
      if (tun.isEmpty()) {
        weird("unknown_ip_version");
      } else {
        flowWeird("invalid_inner_IP_version", tun.get(tun.size() - 1));
      }
      return;
    }
    int payload = u16(b, off + 4);
    if (tun.isEmpty() && outerLengths(b, off, len, 40 + payload, 40) < 0) {
      return;
    }
    Addr src = new Addr(b, off + 8, 16);
    Addr dst = new Addr(b, off + 24, 16);
    int next = b[off + 6] & 0xff;
    int ttl = b[off + 7] & 0xff;
    int end = off + Math.min(len, 40 + payload);
    int p = off + 40;
    Addr finalDst = dst;
    // extension headers
    while (true) {
      switch (next) {
        case 0, 60, 43, 135, 139, 140 -> {
          if (p + 8 > end) {
            weird("truncated_IPv6_extension_header");
            return;
          }
          int hlen = ((b[p + 1] & 0xff) + 1) * 8;
          if (next == 43 && (b[p + 2] & 0xff) == 0 && (b[p + 3] & 0xff) > 0 && p + hlen <= end) {
            // type 0 routing header: the last address is the final destination, as Zeek uses it
            int segs = (hlen - 8) / 16;
            if (segs > 0) {
              finalDst = new Addr(b, p + 8 + (segs - 1) * 16, 16);
            }
          } else if (next == 43 && (b[p + 2] & 0xff) == 2 && p + 24 <= end) {
            finalDst = new Addr(b, p + 8, 16);
          }
          if (next == 60) {
            // Mobile IPv6 home address option names the true source
            int q = p + 2;
            while (q + 2 <= p + hlen && q + 2 <= end) {
              int ot = b[q] & 0xff;
              if (ot == 0) {
                q++;
                continue;
              }
              int ol = b[q + 1] & 0xff;
              if (ot == 0xc9 && ol == 16 && q + 18 <= end) {
                src = new Addr(b, q + 2, 16);
              }
              q += 2 + ol;
            }
          }
          next = b[p] & 0xff;
          p += hlen;
          if (next == 59 || p > end) {
            return;
          }
          if (next == 135 || next == 139 || next == 140) {
            return; // mobility, HIP, shim6: no transport inside
          }
        }
        case 44 -> {
          if (p + 8 > end) {
            weird("truncated_IPv6_extension_header");
            return;
          }
          int nh = b[p] & 0xff;
          int word = u16(b, p + 2);
          int fragOff = word & 0xfff8;
          boolean more = (word & 1) != 0;
          int id = u32(b, p + 4);
          int have = end - (p + 8);
          int declared = off + 40 + payload - (p + 8);
          Fragments.Done whole =
              fragments.add(src, finalDst, id, nh, ts, fragOff, more, b, p + 8, have, declared);
          if (whole == null) {
            return;
          }
          byte[] d = whole.data();
          // continue with the reassembled payload as if it followed the fixed header
          ipv6Payload(src, finalDst, nh, d.length + 40, ttl, d, 0, d.length, d.length, tun);
          return;
        }
        case 59 -> {
          return;
        }
        default -> {
          int have = end - p;
          int declared = off + 40 + payload - p;
          ipv6Payload(src, finalDst, next, payload + 40, ttl, b, p, have, declared, tun);
          return;
        }
      }
    }
  }

  private void ipv6Payload(
      Addr src,
      Addr dst,
      int next,
      int ipBytes,
      int ttl,
      byte[] b,
      int off,
      int have,
      int declared,
      List<Tunnel> tun) {
    transport(src, dst, next, ipBytes, ttl, b, off, have, declared, tun);
  }

  private void transport(
      Addr src,
      Addr dst,
      int proto,
      int ipBytes,
      int ttl,
      byte[] b,
      int off,
      int have,
      int declared,
      List<Tunnel> tun) {
    switch (proto) {
      case 4, 41 -> {
        if (tun.size() >= MAX_TUNNEL_DEPTH) {
          weird("exceeded_tunnel_max_depth");
          return;
        }
        Tunnel t = new Tunnel("Tunnel::IP", src, 0, dst, 0, false);
        int whole = innerIp(proto, b, off, have);
        if (whole != 0) {
          flowWeird(
              whole == -2
                  ? "invalid_inner_IP_version"
                  : whole < 0 ? "truncated_inner_IP" : "inner_IP_payload_length_mismatch",
              t);
          return;
        }
        List<Tunnel> inner = push(tun, t);
        if (proto == 4) {
          ipv4(b, off, have, inner);
        } else {
          ipv6(b, off, have, inner);
        }
        return;
      }
      case 47 -> {
        if (gre(src, dst, b, off, have, tun)) {
          return;
        }
      }
      default -> {}
    }
    handler.ip(
        new IpPacket(
            frame,
            ts,
            src,
            dst,
            proto,
            ipBytes,
            ttl,
            b,
            off,
            Math.max(0, have),
            Math.max(0, declared),
            tun),
        this);
  }

  /** Returns true when the GRE payload was decapsulated (else the packet is logged as GRE). */
  private boolean gre(Addr src, Addr dst, byte[] b, int off, int len, List<Tunnel> tun) {
    if (len < 4) {
      weird("truncated_GRE");
      return true;
    }
    int flags = u16(b, off);
    int version = flags & 7;
    int proto = u16(b, off + 2);
    int h = 4;
    if ((flags & 0x8000) != 0) {
      h += 4;
    }
    if ((flags & 0x2000) != 0) {
      h += 4;
    }
    boolean seq = (flags & 0x1000) != 0;
    if (seq) {
      h += 4;
    }
    if (version == 1 && (flags & 0x0080) != 0) {
      h += 4;
    }
    if (version > 1) {
      weird("unknown_gre_version_" + version);
      return true;
    }
    if (len < h) {
      weird("truncated_GRE");
      return true;
    }
    if (tun.size() >= MAX_TUNNEL_DEPTH) {
      weird("exceeded_tunnel_max_depth");
      return true;
    }
    List<Tunnel> inner = push(tun, new Tunnel("Tunnel::GRE", src, 0, dst, 0, false));
    int p = off + h;
    int rest = len - h;
    switch (proto) {
      case 0x0800 -> ipv4(b, p, rest, inner);
      case 0x86dd -> ipv6(b, p, rest, inner);
      case 0x6558 -> ethernet(b, p, rest, inner);
      case 0x88be -> {
        if (seq) {
          if (rest < 8) {
            weird("truncated_GRE");
            return true;
          }
          ethernet(b, p + 8, rest - 8, inner); // ERSPAN type II
        } else {
          ethernet(b, p, rest, inner); // ERSPAN type I has no header of its own
        }
      }
      case 0x22eb -> {
        if (rest < 12) {
          weird("truncated_GRE");
          return true;
        }
        int eh = 12 + ((b[p + 11] & 1) != 0 ? 8 : 0);
        ethernet(b, p + eh, rest - eh, inner);
      }
      case 0x880b -> ppp(b, p, rest, inner);
      default -> {
        weird("unknown_gre_protocol_" + proto);
        return true;
      }
    }
    return true;
  }

  /**
   * Called by the flow layer for UDP payloads that look like a tunnel; returns the tunnel's service
   * name (vxlan, geneve …) or {@code null} when it was none.
   */
  public String udpTunnel(IpPacket outer, int sport, int dport, byte[] b, int off, int len) {
    List<Tunnel> tun = outer.tunnels();
    if (tun.size() >= MAX_TUNNEL_DEPTH) {
      return null;
    }
    long savedTs = ts;
    long savedFrame = frame;
    try {
      if (dport == 4789 && len >= 8 && (b[off] & 0x08) != 0) {
        ethernet(b, off + 8, len - 8, push(tun, udpTunnel("Tunnel::VXLAN", outer, sport, dport)));
        return "vxlan";
      }
      if (dport == 6081 && len >= 8) {
        int optLen = (b[off] & 0x3f) * 4;
        int ptype = u16(b, off + 2);
        if (len < 8 + optLen) {
          weird("geneve_truncated");
          return "geneve";
        }
        List<Tunnel> inner = push(tun, udpTunnel("Tunnel::GENEVE", outer, sport, dport));
        if (ptype == 0x6558) {
          ethernet(b, off + 8 + optLen, len - 8 - optLen, inner);
        } else {
          ether(ptype, b, off + 8 + optLen, len - 8 - optLen, inner);
        }
        return "geneve";
      }
      if ((dport == 2152 || sport == 2152) && len >= 8 && ((b[off] & 0xff) >> 5) == 1) {
        int flags = b[off] & 0xff;
        int type = b[off + 1] & 0xff;
        if (type != 0xff) {
          return "gtpv1";
        }
        int h = 8;
        if ((flags & 0x07) != 0) {
          if (len < 12) {
            weird("GTPv1_truncated");
            return "gtpv1";
          }
          h = 12;
          int ext = b[off + 11] & 0xff;
          while (ext != 0) {
            if (off + h >= off + len) {
              weird("GTPv1_truncated");
              return "gtpv1";
            }
            int el = (b[off + h] & 0xff) * 4;
            if (el == 0 || h + el > len) {
              weird("GTPv1_truncated");
              return "gtpv1";
            }
            ext = b[off + h + el - 1] & 0xff;
            h += el;
          }
        }
        if (len <= h) {
          return "gtpv1";
        }
        rawIp(b, off + h, len - h, push(tun, udpTunnel("Tunnel::GTPv1", outer, sport, dport)));
        return "gtpv1";
      }
      if (len >= 40) {
        int p = off;
        int end = off + len;
        if (u16(b, p) == 1 && p + 4 <= end) {
          p += 4 + (b[p + 2] & 0xff) + (b[p + 3] & 0xff) + 9; // authentication header
        }
        if (p + 8 <= end && u16(b, p) == 0) {
          p += 8; // origin indication
        }
        boolean teredoPort = dport == 3544 || sport == 3544;
        boolean exact = p + 40 <= end && 40 + u16(b, p + 4) == end - p;
        if (p + 40 <= end
            && ((b[p] & 0xff) >> 4) == 6
            && (exact || teredoPort && 40 + u16(b, p + 4) <= end - p)) {
          ipv6(b, p, end - p, push(tun, udpTunnel("Tunnel::TEREDO", outer, sport, dport)));
          return "teredo";
        }
        return null;
      }
      if ((dport == 5072 || sport == 5072) && len >= 8) {
        int idLen = 1 << ((b[off] & 0xff) >> 4);
        int sigLen = ((b[off + 1] & 0xff) >> 4) * 4;
        int next = b[off + 3] & 0xff;
        int h = 8 + idLen + sigLen;
        if (len < h) {
          weird("truncated_AYIYA");
          return "ayiya";
        }
        List<Tunnel> inner = push(tun, udpTunnel("Tunnel::AYIYA", outer, sport, dport));
        if (next == 4) {
          ipv4(b, off + h, len - h, inner);
        } else if (next == 41) {
          ipv6(b, off + h, len - h, inner);
        }
        return "ayiya";
      }
      return null;
    } finally {
      ts = savedTs;
      frame = savedFrame;
    }
  }

  private static Tunnel udpTunnel(String kind, IpPacket outer, int sport, int dport) {
    return new Tunnel(kind, outer.src(), sport, outer.dst(), dport, true);
  }

  private List<Tunnel> push(List<Tunnel> tun, Tunnel t) {
    if (!tun.contains(t)) {
      handler.tunnel(ts, t);
    }
    List<Tunnel> l = new ArrayList<>(tun.size() + 1);
    l.addAll(tun);
    l.add(t);
    return List.copyOf(l);
  }

  public boolean checkChecksums() {
    return checkChecksums;
  }

  /** Whether the current frame was cut at the snapshot length. */
  public boolean frameTruncated() {
    return wireTruncated;
  }

  private void weird(String name) {
    handler.weird(frame, ts, name, null, null);
  }

  /** A weird about the packet between two addresses (Zeek's flow weird, ports 0). */
  private void flowWeird(String name, Tunnel between) {
    handler.weird(
        frame,
        ts,
        name,
        null,
        new IpPacket(
            frame, ts, between.src(), between.dst(), 0, 0, 0, new byte[0], 0, 0, 0, List.of()));
  }

  static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  static int u32(byte[] b, int off) {
    return (b[off] & 0xff) << 24
        | (b[off + 1] & 0xff) << 16
        | (b[off + 2] & 0xff) << 8
        | (b[off + 3] & 0xff);
  }
}
