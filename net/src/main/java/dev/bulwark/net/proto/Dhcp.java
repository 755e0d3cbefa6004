package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Interval;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DHCP into dhcp.log as Zeek's DHCP script writes it: the messages of one transaction id, across
 * connections (client broadcasts, server replies), gathered into one record — the client's and
 * server's options by which side sends the message type, the message types in order and the time
 * from the first to the last — and logged when every connection that carried it has ended, or when
 * a message comes more than 30 seconds after the transaction's first.
 */
public final class Dhcp implements Protocol {
  static final String[] TYPES = {
    null,
    "DISCOVER",
    "OFFER",
    "REQUEST",
    "DECLINE",
    "ACK",
    "NAK",
    "RELEASE",
    "INFORM",
    "FORCERENEW",
    "LEASEQUERY",
    "LEASEUNASSIGNED",
    "LEASEUNKNOWN",
    "LEASEACTIVE",
    "BULKLEASEQUERY",
    "LEASEQUERYDONE",
    "ACTIVELEASEQUERY",
    "LEASEQUERYSTATUS",
    "TLS"
  };

  /** Zeek ties messages to one transaction for this long after its first. */
  static final long WATCH_NANOS = 30_000_000_000L;

  /** Transactions followed at once, at most; beyond it the oldest is logged early. */
  static final int MAX_TRANSACTIONS = 10_000;

  /** Message types a client sends; the others come from servers. */
  static final Set<Integer> FROM_CLIENT = Set.of(1, 3, 4, 7, 8);

  private final LogSet logs;
  private final Map<Long, Info> open = new LinkedHashMap<>();

  public Dhcp(LogSet logs) {
    this.logs = logs;
  }

  @Override
  public String name() {
    return "dhcp";
  }

  @Override
  public int transport() {
    return 17;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(67);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    return len >= 240
        && (b[off + 236] & 0xff) == 0x63
        && (b[off + 237] & 0xff) == 0x82
        && (b[off + 238] & 0xff) == 0x53
        && (b[off + 239] & 0xff) == 0x63;
  }

  /** The parts of one DHCP message dhcp.log uses. */
  public record Message(
      long xid,
      int type,
      String ciaddr,
      String yiaddr,
      String mac,
      String hostName,
      String clientFqdn,
      String domain,
      String requestedAddr,
      Long leaseSeconds,
      String serverId,
      String message) {}

  private static String ip(byte[] b, int p) {
    return (b[p] & 0xff)
        + "."
        + (b[p + 1] & 0xff)
        + "."
        + (b[p + 2] & 0xff)
        + "."
        + (b[p + 3] & 0xff);
  }

  /** Parses a BOOTP/DHCP message; {@code null} without the magic cookie or a message type. */
  public static Message parse(byte[] b, int off, int len) {
    if (len < 240
        || (b[off + 236] & 0xff) != 0x63
        || (b[off + 237] & 0xff) != 0x82
        || (b[off + 238] & 0xff) != 0x53
        || (b[off + 239] & 0xff) != 0x63) {
      return null;
    }
    long xid = Ssh.u32(b, off + 4);
    String ci = ip(b, off + 12);
    String yi = ip(b, off + 16);
    int hlen = Math.min(16, b[off + 2] & 0xff);
    StringBuilder mac = new StringBuilder();
    for (int i = 0; i < hlen; i++) {
      if (i > 0) {
        mac.append(':');
      }
      mac.append(String.format("%02x", b[off + 28 + i] & 0xff));
    }
    int type = 0;
    String host = null;
    String fqdn = null;
    String domain = null;
    String req = null;
    Long lease = null;
    String server = null;
    String msg = null;
    int p = off + 240;
    int end = off + len;
    while (p < end) {
      int code = b[p] & 0xff;
      if (code == 255) {
        break;
      }
      if (code == 0) {
        p++;
        continue;
      }
      if (p + 2 > end) {
        break;
      }
      int l = b[p + 1] & 0xff;
      int d = p + 2;
      if (d + l > end) {
        break;
      }
      switch (code) {
        case 53 -> type = l >= 1 ? b[d] & 0xff : 0;
        case 12 -> host = Text.of(b, d, l);
        case 15 -> domain = Text.of(b, d, l);
        case 56 -> msg = Text.of(b, d, l);
        case 50 -> req = l == 4 ? ip(b, d) : null;
        case 54 -> server = l == 4 ? ip(b, d) : null;
        case 51 -> lease = l == 4 ? Ssh.u32(b, d) : null;
        case 81 -> fqdn = l > 3 ? Text.of(b, d + 3, l - 3) : null;
        default -> {}
      }
      p = d + l;
    }
    if (type == 0) {
      return null;
    }
    return new Message(
        xid,
        type,
        ci.equals("0.0.0.0") ? null : ci,
        yi.equals("0.0.0.0") ? null : yi,
        mac.toString(),
        host,
        fqdn,
        domain,
        req,
        lease,
        server,
        msg);
  }

  /** One transaction being gathered. */
  private static final class Info {
    long first;
    long last;
    final Set<String> uids = new LinkedHashSet<>();
    final Set<Conn> live = new HashSet<>();
    String clientAddr;
    String serverAddr;
    String mac;
    String hostName;
    String clientFqdn;
    String domain;
    String requestedAddr;
    String assignedAddr;
    Long lease;
    String clientMessage;
    String serverMessage;
    final List<String> types = new ArrayList<>();
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    c.addService("dhcp");
    return new AppAnalyzer() {
      @Override
      public void data(Conn conn, boolean fromOrig, long ts, byte[] b, int off, int len) {
        Message m = parse(b, off, len);
        if (m != null) {
          message(conn, ts, m);
        }
      }

      @Override
      public void end(Conn conn) {
        List<Long> done = new ArrayList<>();
        for (var e : open.entrySet()) {
          Info i = e.getValue();
          if (i.live.remove(conn) && i.live.isEmpty()) {
            done.add(e.getKey());
          }
        }
        for (Long xid : done) {
          write(open.remove(xid));
        }
      }
    };
  }

  private void message(Conn c, long ts, Message m) {
    Info i = open.get(m.xid());
    if (i != null && ts - i.first > WATCH_NANOS) {
      write(open.remove(m.xid()));
      i = null;
    }
    if (i == null) {
      if (open.size() >= MAX_TRANSACTIONS) {
        Long oldest = open.keySet().iterator().next();
        write(open.remove(oldest));
      }
      i = new Info();
      i.first = ts;
      open.put(m.xid(), i);
    }
    i.last = ts;
    i.uids.add(c.uid);
    i.live.add(c);
    i.mac = m.mac();
    i.types.add(m.type() < TYPES.length ? TYPES[m.type()] : "UNKNOWN_" + m.type());
    // the client's address is set once: its own (ciaddr) or the first one a server gives it
    if (i.clientAddr == null && m.ciaddr() != null) {
      i.clientAddr = m.ciaddr();
    } else if (i.clientAddr == null && !FROM_CLIENT.contains(m.type()) && m.yiaddr() != null) {
      i.clientAddr = m.yiaddr();
    }
    if (FROM_CLIENT.contains(m.type())) {
      if (m.hostName() != null) {
        i.hostName = m.hostName();
      }
      if (m.clientFqdn() != null) {
        i.clientFqdn = m.clientFqdn();
      }
      if (m.requestedAddr() != null) {
        i.requestedAddr = m.requestedAddr();
      }
      if (m.message() != null) {
        i.clientMessage = m.message();
      }
    } else {
      // an INFORM exchange leases nothing: Zeek names no server for it
      if (m.serverId() != null && !"INFORM".equals(i.types.get(0))) {
        i.serverAddr = m.serverId();
      }
      if (m.domain() != null) {
        i.domain = m.domain();
      }
      if (m.leaseSeconds() != null) {
        i.lease = m.leaseSeconds();
      }
      if (m.message() != null) {
        i.serverMessage = m.message();
      }
      if (m.yiaddr() != null) {
        i.assignedAddr = m.yiaddr();
      }
    }
  }

  private void write(Info i) {
    logs.write(
        "dhcp",
        Schemas.DHCP,
        new Time(i.first),
        List.copyOf(i.uids),
        i.clientAddr,
        i.serverAddr,
        i.mac,
        i.hostName,
        i.clientFqdn,
        i.domain,
        i.requestedAddr,
        i.assignedAddr,
        i.lease == null ? null : new Interval(i.lease * 1_000_000_000L),
        i.clientMessage,
        i.serverMessage,
        List.copyOf(i.types),
        new Interval(i.last - i.first));
  }
}
