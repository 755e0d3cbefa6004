package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Interval;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DNS over UDP and TCP into dns.log: one record per query and its answer. */
public final class Dns {
  private Dns() {}

  static final Set<Integer> UDP_PORTS = Set.of(53, 137, 5353, 5355);
  static final Set<Integer> TCP_PORTS = Set.of(53);

  /** Queries waiting for an answer, per connection. */
  static final int MAX_PENDING = 1000;

  /** DNS over UDP. */
  public static Protocol udp(LogSet logs) {
    return new Transport(logs, 17, UDP_PORTS, 12, false);
  }

  /** DNS over TCP: messages with a two-byte length in front. */
  public static Protocol tcp(LogSet logs) {
    return new Transport(logs, 6, TCP_PORTS, 2, true);
  }

  /** DNS over one transport: the smallest first segment it accepts, and whether it is framed. */
  private record Transport(
      LogSet logs, int transport, Set<Integer> ports, int minFirst, boolean framed)
      implements Protocol {
    @Override
    public String name() {
      return "dns";
    }

    @Override
    public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
      return onPort && len >= minFirst;
    }

    @Override
    public AppAnalyzer attach(Conn c) {
      return new Session(logs, framed);
    }
  }

  static final class Info {
    long ts;
    int transId;
    Long rttNanos;
    String query;
    Integer qclass;
    Integer qtype;
    Integer rcode;
    boolean aa;
    boolean tc;
    boolean rd;
    boolean ra;
    int z;
    List<String> answers;
    List<Interval> ttls;
    int opcode;
  }

  static final class Session implements AppAnalyzer {
    private final LogSet logs;
    private final boolean tcp;
    private boolean seen;
    private boolean fromOrigNow;
    private final Map<Integer, ArrayDeque<Info>> pending = new HashMap<>();
    private int pendingCount;
    private final byte[][] buf = new byte[2][];
    private final int[] have = new int[2];

    Session(LogSet logs, boolean tcp) {
      this.logs = logs;
      this.tcp = tcp;
    }

    @Override
    public void data(Conn c, boolean fromOrig, long ts, byte[] b, int off, int len) {
      fromOrigNow = fromOrig;
      if (!tcp) {
        message(c, ts, b, off, len);
        return;
      }
      int side = fromOrig ? 0 : 1;
      byte[] cur = buf[side];
      int n = have[side];
      byte[] all;
      if (cur == null || n == 0) {
        all = java.util.Arrays.copyOfRange(b, off, off + len);
        n = len;
      } else {
        all = java.util.Arrays.copyOf(cur, n + len);
        System.arraycopy(b, off, all, n, len);
        n += len;
      }
      int p = 0;
      while (n - p >= 2) {
        int m = (all[p] & 0xff) << 8 | (all[p + 1] & 0xff);
        if (n - p - 2 < m) {
          break;
        }
        message(c, ts, all, p + 2, m);
        p += 2 + m;
      }
      int rest = n - p;
      if (rest > 65537) {
        rest = 0; // not DNS after all; forget it rather than grow
      }
      buf[side] = java.util.Arrays.copyOfRange(all, p, p + rest);
      have[side] = rest;
    }

    @Override
    public void gap(Conn c, boolean fromOrig, long len) {
      have[fromOrig ? 0 : 1] = 0;
    }

    private void message(Conn c, long ts, byte[] b, int off, int len) {
      DnsMessage m = DnsMessage.parse(b, off, len);
      if (m == null) {
        return;
      }
      c.addService("dns");
      if (!seen) {
        seen = true;
        // (a multicast destination, as in mDNS, cannot be the server)
        if (m.response() && !tcp && fromOrigNow && !c.respH.multicast()) {
          c.flip(); // the first message was an answer: its sender is the server
        }
      }
      if (!m.response()) {
        Info i = new Info();
        i.ts = ts;
        i.transId = m.id();
        i.query = m.qname();
        i.qclass = m.qclass();
        i.qtype = m.qtype();
        i.rd = m.rd();
        i.z = m.z();
        i.opcode = m.opcode();
        if (pendingCount < MAX_PENDING) {
          pending.computeIfAbsent(m.id(), k -> new ArrayDeque<>()).add(i);
          pendingCount++;
        } else {
          log(c, i);
        }
        return;
      }
      ArrayDeque<Info> q = pending.get(m.id());
      Info i;
      if (q != null && !q.isEmpty()) {
        i = q.poll();
        pendingCount--;
        if (q.isEmpty()) {
          pending.remove(m.id());
        }
        i.rttNanos = ts - i.ts;
      } else {
        i = new Info();
        i.ts = ts;
        i.transId = m.id();
        i.query = m.qname();
        i.opcode = m.opcode();
      }
      if (i.query == null) {
        i.query = m.qname();
      }
      i.rcode = m.rcode();
      i.aa = m.aa();
      i.tc = m.tc();
      i.rd = m.rd();
      i.ra = m.ra();
      i.z = m.z();
      i.answers = m.answers();
      i.ttls = new ArrayList<>();
      for (long t : m.ttls()) {
        i.ttls.add(new Interval(t * 1_000_000_000L));
      }
      log(c, i);
    }

    @Override
    public void end(Conn c) {
      List<Info> rest = new ArrayList<>();
      pending.values().forEach(rest::addAll);
      rest.sort((x, y) -> Long.compare(x.ts, y.ts));
      for (Info i : rest) {
        log(c, i);
      }
      pending.clear();
    }

    private void log(Conn c, Info i) {
      logs.write(
          "dns",
          Schemas.DNS,
          new Time(i.ts),
          c.uid,
          c.origH.toString(),
          c.origP,
          c.respH.toString(),
          c.respP,
          c.transport(),
          i.transId,
          i.rttNanos == null ? null : new Interval(i.rttNanos),
          i.query,
          i.qclass,
          i.qclass == null ? null : DnsMessage.className(i.qclass),
          i.qtype,
          i.qtype == null ? null : DnsMessage.typeName(i.qtype),
          i.rcode,
          i.rcode == null ? null : DnsMessage.rcodeName(i.rcode),
          i.aa,
          i.tc,
          i.rd,
          i.ra,
          i.z,
          i.answers == null || i.answers.isEmpty() ? null : i.answers,
          i.ttls == null || i.ttls.isEmpty() ? null : i.ttls,
          false,
          i.opcode,
          DnsMessage.opcodeName(i.opcode));
    }
  }
}
