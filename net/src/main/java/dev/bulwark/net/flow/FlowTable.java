package dev.bulwark.net.flow;

import dev.bulwark.net.decode.Addr;
import dev.bulwark.net.decode.Checksums;
import dev.bulwark.net.decode.Decoder;
import dev.bulwark.net.decode.IpPacket;
import dev.bulwark.net.decode.PacketHandler;
import dev.bulwark.net.decode.Tunnel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tracks connections as Zeek does: TCP state per side, history letters, sizes from sequence
 * numbers, Zeek's inactivity timeouts, and in-order delivery of TCP payload to the analyzer that
 * recognised the protocol. Memory is bounded: at most {@link #MAX_CONNECTIONS} connections (the
 * least recently active is ended first) and {@link Endpoint#MAX_PENDING} out-of-order bytes a side.
 */
public final class FlowTable implements PacketHandler {
  static final int MAX_CONNECTIONS = 1_000_000;
  static final long TCP_TIMEOUT = 300_000_000_000L;
  static final long UDP_TIMEOUT = 60_000_000_000L;
  static final long ICMP_TIMEOUT = 60_000_000_000L;
  static final long CLOSE_DELAY = 5_000_000_000L;

  /** What the table reports. */
  public interface Listener {
    void connection(Conn c);

    void weird(long ts, Conn c, Addr src, int sport, Addr dst, int dport, String name, String addl);

    default void tunnel(long ts, Tunnel t, String uid) {}
  }

  private record Key(int proto, Addr a, int pa, Addr b, int pb) {
    static Key of(int proto, Addr s, int sp, Addr d, int dp) {
      int c = s.compareTo(d);
      if (c < 0 || (c == 0 && sp <= dp)) {
        return new Key(proto, s, sp, d, dp);
      }
      return new Key(proto, d, dp, s, sp);
    }
  }

  private static final Map<Integer, String> TUNNEL_SERVICES =
      Map.of(4789, "vxlan", 6081, "geneve", 2152, "gtpv1", 3544, "teredo", 5072, "ayiya");

  private final LinkedHashMap<Key, Conn> table = new LinkedHashMap<>(1024, 0.75f, true);
  private final Listener listener;
  private final List<Protocol> protocols;
  private final Set<Integer> likelyTcp = new HashSet<>();
  private final Set<Integer> likelyUdp = new HashSet<>();
  private final Map<Tunnel, String> tunnelUids = new HashMap<>();
  private final Uids uids;
  private long now;
  private long lastSweep;

  public FlowTable(Listener listener, List<Protocol> protocols, long seed) {
    this.listener = listener;
    this.protocols = List.copyOf(protocols);
    this.uids = new Uids(seed);
    for (Protocol p : protocols) {
      (p.transport() == 6 ? likelyTcp : likelyUdp).addAll(p.ports());
    }
    // the tunnel decapsulators run in every mode, so their ports always count as server ports
    likelyUdp.addAll(TUNNEL_SERVICES.keySet());
  }

  @Override
  public void tunnel(long ts, Tunnel t) {
    Tunnel reverse = new Tunnel(t.kind(), t.dst(), t.dstPort(), t.src(), t.srcPort(), t.udp());
    if (!tunnelUids.containsKey(t) && tunnelUids.containsKey(reverse)) {
      // a tunnel is one tunnel in both directions, as Zeek logs it
      tunnelUids.put(t, tunnelUids.get(reverse));
      return;
    }
    if (!tunnelUids.containsKey(t)) {
      String uid = t.udp() ? null : uids.next();
      if (t.udp()) {
        Conn outer = table.get(Key.of(17, t.src(), t.srcPort(), t.dst(), t.dstPort()));
        uid = outer != null ? outer.uid : uids.next();
      }
      tunnelUids.put(t, uid);
      listener.tunnel(ts, t, uid);
    }
  }

  @Override
  public void weird(long frame, long ts, String name, String addl, IpPacket p) {
    listener.weird(
        ts, null, p == null ? null : p.src(), 0, p == null ? null : p.dst(), 0, name, addl);
  }

  @Override
  public void ip(IpPacket p, Decoder decoder) {
    now = Math.max(now, p.ts());
    if (now - lastSweep > 1_000_000_000L) {
      sweep(now);
      lastSweep = now;
    }
    switch (p.proto()) {
      case 6 -> tcp(p, decoder);
      case 17 -> udp(p, decoder);
      case 1, 58 -> icmp(p, decoder);
      default -> other(p);
    }
  }

  private Conn lookup(Key k) {
    return table.get(k);
  }

  private Conn create(Key k, Addr oh, int op, Addr rh, int rp, int proto, IpPacket p) {
    if (table.size() >= MAX_CONNECTIONS) {
      Iterator<Conn> it = table.values().iterator();
      Conn eldest = it.next();
      it.remove();
      finish(eldest);
    }
    Conn c = new Conn(uids.next(), oh, op, rh, rp, proto, p.ts());
    for (Tunnel t : p.tunnels()) {
      String uid = tunnelUids.get(t);
      if (uid != null && !c.tunnelParents.contains(uid)) {
        c.tunnelParents.clear(); // Zeek lists the innermost tunnel only
        c.tunnelParents.add(uid);
      }
    }
    for (Protocol pr : protocols) {
      String service = pr.expectedService(c);
      if (service != null) {
        c.addService(service);
      }
    }
    table.put(k, c);
    return c;
  }

  private void count(Conn c, boolean fromOrig, IpPacket p) {
    Endpoint e = fromOrig ? c.orig : c.resp;
    e.pkts++;
    e.ipBytes += p.ipBytes();
    e.seen = true;
    c.last = Math.max(c.last, p.ts());
  }

  // ---------------------------------------------------------------- UDP

  private void udp(IpPacket p, Decoder decoder) {
    byte[] b = p.buf();
    if (p.len() < 8) {
      listener.weird(p.ts(), null, p.src(), 0, p.dst(), 0, "truncated_header", null);
      return;
    }
    int sp = u16(b, p.off());
    int dp = u16(b, p.off() + 2);
    int ulen = u16(b, p.off() + 4);
    Key k = Key.of(17, p.src(), sp, p.dst(), dp);
    Conn c = lookup(k);
    boolean created = false;
    if (c == null) {
      boolean flip = likelyUdp.contains(sp) && !likelyUdp.contains(dp);
      c =
          flip
              ? create(k, p.dst(), dp, p.src(), sp, 17, p)
              : create(k, p.src(), sp, p.dst(), dp, 17, p);
      if (flip) {
        c.flipped = true;
        c.once('^');
      }
      created = true;
    }
    boolean fromOrig = p.src().equals(c.origH) && sp == c.origP;
    count(c, fromOrig, p);
    int payloadLen = Math.max(0, Math.min(ulen, p.wireLen()) - 8);
    if (ulen < 8 || ulen > p.wireLen()) {
      listener.weird(p.ts(), c, c.origH, c.origP, c.respH, c.respP, "bad_UDP_len", null);
    }
    if (decoder.checkChecksums()
        && !p.truncated()
        && u16(b, p.off() + 6) != 0
        && !Checksums.transportOk(p, true)) {
      c.scaled(fromOrig ? 'C' : 'c');
      listener.weird(p.ts(), c, c.origH, c.origP, c.respH, c.respP, "bad_UDP_checksum", null);
      return;
    }
    (fromOrig ? c.orig : c.resp).payloadBytes += payloadLen;
    c.once(fromOrig ? 'D' : 'd');
    int have = Math.max(0, Math.min(p.len(), Math.min(ulen, p.wireLen())) - 8);
    String service = decoder.udpTunnel(p, sp, dp, b, p.off() + 8, have);
    if (service != null) {
      if (c.orig.seen && c.resp.seen) {
        c.addService(service);
      }
      return;
    }
    if (have > 0) {
      deliverDatagram(c, fromOrig, p.ts(), b, p.off() + 8, have);
    }
    if (created && c.analyzer == null) {
      c.sniffTries = 0;
    }
  }

  private void deliverDatagram(Conn c, boolean fromOrig, long ts, byte[] b, int off, int len) {
    if (c.analyzer == null && c.sniffTries < 4) {
      c.sniffTries++;
      for (Protocol pr : protocols) {
        if (pr.transport() != c.proto) {
          continue;
        }
        boolean onPort = pr.ports().contains(c.respP) || pr.ports().contains(c.origP);
        if (pr.matches(b, off, len, fromOrig, onPort)) {
          c.analyzer = pr.attach(c);
          break;
        }
      }
    }
    if (c.analyzer != null) {
      c.analyzer.data(c, fromOrig, ts, b, off, len);
    }
  }

  // ---------------------------------------------------------------- ICMP and others

  private void icmp(IpPacket p, Decoder decoder) {
    byte[] b = p.buf();
    if (p.len() < 4) {
      listener.weird(p.ts(), null, p.src(), 0, p.dst(), 0, "truncated_header", null);
      return;
    }
    int type = b[p.off()] & 0xff;
    int code = b[p.off() + 1] & 0xff;
    boolean v6 = p.proto() == 58;
    int[] counter = Icmp.counterpart(type, code, v6);
    int sp = type;
    int dp = counter[0];
    // the pair (type, counterpart) is symmetric, so a reply finds its request's connection
    Key k = Key.of(p.proto(), p.src(), sp, p.dst(), dp);
    Conn c = lookup(k);
    if (c == null) {
      c = create(k, p.src(), sp, p.dst(), dp, p.proto(), p);
    }
    boolean fromOrig = p.src().equals(c.origH) && (!c.origH.equals(c.respH) || sp == c.origP);
    count(c, fromOrig, p);
    if (decoder.checkChecksums() && !p.truncated() && !Checksums.transportOk(p, v6)) {
      listener.weird(p.ts(), c, c.origH, c.origP, c.respH, c.respP, "bad_ICMP_checksum", null);
      return;
    }
    (fromOrig ? c.orig : c.resp).payloadBytes += Math.max(0, p.wireLen() - 8);
  }

  private void other(IpPacket p) {
    Key k = Key.of(p.proto(), p.src(), 0, p.dst(), 0);
    Conn c = lookup(k);
    if (c == null) {
      c = create(k, p.src(), 0, p.dst(), 0, p.proto(), p);
    }
    boolean fromOrig = p.src().equals(c.origH);
    count(c, fromOrig, p);
  }

  // ---------------------------------------------------------------- TCP

  private void tcp(IpPacket p, Decoder decoder) {
    byte[] b = p.buf();
    int off = p.off();
    if (p.len() < 20) {
      listener.weird(p.ts(), null, p.src(), 0, p.dst(), 0, "truncated_header", null);
      return;
    }
    int sp = u16(b, off);
    int dp = u16(b, off + 2);
    long seq = u32(b, off + 4);
    long ack = u32(b, off + 8);
    int hl = ((b[off + 12] & 0xff) >> 4) * 4;
    int flags = b[off + 13] & 0xff;
    int window = u16(b, off + 14);
    boolean syn = (flags & 0x02) != 0;
    boolean fin = (flags & 0x01) != 0;
    boolean rst = (flags & 0x04) != 0;
    boolean ackf = (flags & 0x10) != 0;
    if (hl < 20 || hl > p.wireLen()) {
      listener.weird(p.ts(), null, p.src(), sp, p.dst(), dp, "bad_TCP_header_len", null);
      return;
    }
    Key k = Key.of(6, p.src(), sp, p.dst(), dp);
    Conn c = lookup(k);
    if (c != null && syn && !ackf && reuse(c, p.src(), sp)) {
      table.remove(k);
      finish(c);
      c = null;
    }
    if (c == null) {
      boolean flip = false;
      if (syn && ackf) {
        flip = true;
      } else if (!syn && likelyTcp.contains(sp) && !likelyTcp.contains(dp)) {
        flip = true;
      }
      c =
          flip
              ? create(k, p.dst(), dp, p.src(), sp, 6, p)
              : create(k, p.src(), sp, p.dst(), dp, 6, p);
      if (flip) {
        c.flipped = true;
        c.once('^');
      }
    }
    boolean fromOrig = p.src().equals(c.origH) && sp == c.origP;
    // Zeek stops advancing a TCP connection's last time once both sides have closed
    long lastBefore = c.last;
    boolean bothClosed = closedState(c.orig.state) && closedState(c.resp.state);
    count(c, fromOrig, p);
    if (bothClosed) {
      c.last = lastBefore;
    }
    Endpoint me = fromOrig ? c.orig : c.resp;
    Endpoint peer = fromOrig ? c.resp : c.orig;
    if (decoder.checkChecksums() && !p.truncated() && !Checksums.transportOk(p, true)) {
      c.scaled(fromOrig ? 'C' : 'c');
      listener.weird(p.ts(), c, c.origH, c.origP, c.respH, c.respP, "bad_TCP_checksum", null);
      return;
    }
    int dataLen = Math.max(0, p.wireLen() - hl);
    int have = Math.max(0, Math.min(p.len() - hl, dataLen));
    // history letters
    if (syn && fin || syn && rst) {
      c.once(fromOrig ? 'Q' : 'q');
    }
    if (syn) {
      c.once(ackf ? (fromOrig ? 'H' : 'h') : (fromOrig ? 'S' : 's'));
    }
    if (fin) {
      c.once(fromOrig ? 'F' : 'f');
    }
    if (rst) {
      c.once(fromOrig ? 'R' : 'r');
    }
    if (ackf && dataLen == 0 && !syn && !fin && !rst) {
      c.once(fromOrig ? 'A' : 'a');
    }
    if (dataLen > 0) {
      c.once(fromOrig ? 'D' : 'd');
    }
    if (window == 0 && !syn && !fin && !rst) {
      c.scaled(fromOrig ? 'W' : 'w');
    }
    // sequence space
    if (!me.started) {
      me.start(seq, syn);
    }
    long rel = me.rel(seq);
    if (syn && rel != 0 && me.maxEnd <= 1 && !me.syn) {
      // a SYN after a midstream start re-bases the side on it
      me.start(seq, true);
      rel = 0;
    }
    if (syn) {
      me.syn = true;
    }
    long dataStart = syn ? rel + 1 : rel;
    long end = dataStart + dataLen + (fin ? 1 : 0);
    boolean retransmit = dataLen > 0 && dataStart + dataLen <= me.delivered && me.uniqueData > 0;
    if (end > me.maxEnd && !rst) {
      me.maxEnd = end;
    } else if (rst && dataLen > 0 && end > me.maxEnd) {
      me.maxEnd = end;
    }
    if (fin) {
      me.fin = true;
      me.finRel = dataStart + dataLen;
    }
    if (ackf && peer.started) {
      long a = peer.rel(ack);
      if (a > peer.peerAck && a - peer.maxEnd < (1L << 30)) {
        peer.peerAck = a;
      }
    }
    stateMachine(c, me, peer, syn, ackf, fin, rst, dataLen);
    if (retransmit) {
      c.scaled(fromOrig ? 'T' : 't');
    }
    if (have > 0) {
      stream(c, fromOrig, me, p.ts(), b, off + hl, have, dataStart);
    }
    if (have < dataLen) {
      // the capture cut the segment: what is missing is a gap for the analyzers
      me.maxEnd = Math.max(me.maxEnd, dataStart + dataLen);
    }
  }

  private static boolean closedState(Endpoint.TcpState s) {
    return s == Endpoint.TcpState.CLOSED || s == Endpoint.TcpState.RESET;
  }

  private static boolean reuse(Conn c, Addr src, int sp) {
    Endpoint.TcpState o = c.orig.state;
    Endpoint.TcpState r = c.resp.state;
    boolean done =
        (o == Endpoint.TcpState.CLOSED || o == Endpoint.TcpState.RESET)
            && (r == Endpoint.TcpState.CLOSED
                || r == Endpoint.TcpState.RESET
                || r == Endpoint.TcpState.INACTIVE);
    boolean oneReset = o == Endpoint.TcpState.RESET || r == Endpoint.TcpState.RESET;
    return (done || oneReset) && src.equals(c.origH) && sp == c.origP;
  }

  private static void stateMachine(
      Conn c,
      Endpoint me,
      Endpoint peer,
      boolean syn,
      boolean ack,
      boolean fin,
      boolean rst,
      int len) {
    if (rst) {
      // a reset after both sides closed normally does not undo the normal close
      if (!(me.state == Endpoint.TcpState.CLOSED && peer.state == Endpoint.TcpState.CLOSED)) {
        me.state = Endpoint.TcpState.RESET;
      }
      return;
    }
    switch (me.state) {
      case INACTIVE -> {
        if (syn) {
          me.state = ack ? Endpoint.TcpState.SYN_ACK_SENT : Endpoint.TcpState.SYN_SENT;
          if (ack && peer.state == Endpoint.TcpState.SYN_SENT) {
            // handshake answered
          }
        } else if (fin) {
          me.state = Endpoint.TcpState.CLOSED;
        } else {
          me.state = Endpoint.TcpState.PARTIAL;
        }
      }
      case SYN_SENT, SYN_ACK_SENT -> {
        if (fin) {
          me.state = Endpoint.TcpState.CLOSED;
        } else if (ack && !syn) {
          me.state = Endpoint.TcpState.ESTABLISHED;
          if (peer.state == Endpoint.TcpState.SYN_SENT
              || peer.state == Endpoint.TcpState.SYN_ACK_SENT) {
            peer.state = Endpoint.TcpState.ESTABLISHED;
          }
        } else if (len > 0) {
          me.state = Endpoint.TcpState.ESTABLISHED;
        }
      }
      case PARTIAL, ESTABLISHED -> {
        if (fin) {
          me.state = Endpoint.TcpState.CLOSED;
        }
      }
      default -> {}
    }
  }

  private void stream(
      Conn c, boolean fromOrig, Endpoint me, long ts, byte[] b, int off, int len, long at) {
    if (at + len <= me.delivered) {
      return; // retransmitted bytes already delivered
    }
    if (at > me.delivered) {
      if (me.pendingBytes + len <= Endpoint.MAX_PENDING) {
        byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
        byte[] old = me.pending.put(at, copy);
        me.pendingBytes += len - (old == null ? 0 : old.length);
        return;
      }
      drainWithGaps(c, fromOrig, me, ts);
      if (at > me.delivered) {
        gap(c, fromOrig, me, at - me.delivered);
      }
    }
    int skip = (int) (me.delivered - at);
    deliver(c, fromOrig, me, ts, b, off + skip, len - skip);
    drain(c, fromOrig, me, ts);
  }

  private void deliver(Conn c, boolean fromOrig, Endpoint me, long ts, byte[] b, int off, int len) {
    me.delivered += len;
    me.uniqueData += len;
    if (c.analyzer == null && c.sniffTries < 4) {
      c.sniffTries++;
      for (Protocol pr : protocols) {
        if (pr.transport() != 6) {
          continue;
        }
        boolean onPort = pr.ports().contains(c.respP);
        if (pr.matches(b, off, len, fromOrig, onPort)) {
          c.analyzer = pr.attach(c);
          break;
        }
      }
    }
    if (c.analyzer != null) {
      c.analyzer.data(c, fromOrig, ts, b, off, len);
    }
  }

  private void drain(Conn c, boolean fromOrig, Endpoint me, long ts) {
    while (!me.pending.isEmpty()) {
      Map.Entry<Long, byte[]> e = me.firstPending();
      long at = e.getKey();
      byte[] d = e.getValue();
      if (at > me.delivered) {
        return;
      }
      me.pending.pollFirstEntry();
      me.pendingBytes -= d.length;
      if (at + d.length > me.delivered) {
        int skip = (int) (me.delivered - at);
        deliver(c, fromOrig, me, ts, d, skip, d.length - skip);
      }
    }
  }

  private void drainWithGaps(Conn c, boolean fromOrig, Endpoint me, long ts) {
    while (!me.pending.isEmpty()) {
      long at = me.firstPending().getKey();
      if (at > me.delivered) {
        gap(c, fromOrig, me, at - me.delivered);
      }
      drain(c, fromOrig, me, ts);
    }
  }

  private void gap(Conn c, boolean fromOrig, Endpoint me, long len) {
    me.missed += len;
    me.delivered += len;
    c.scaled(fromOrig ? 'G' : 'g');
    if (c.analyzer != null) {
      c.analyzer.gap(c, fromOrig, len);
    }
  }

  // ---------------------------------------------------------------- ending

  private void sweep(long t) {
    Iterator<Conn> it = table.values().iterator();
    List<Conn> done = new ArrayList<>();
    while (it.hasNext()) {
      Conn c = it.next();
      long idle = t - c.last;
      long limit =
          switch (c.proto) {
            case 6 -> tcpDone(c) ? CLOSE_DELAY : TCP_TIMEOUT;
            case 17 -> UDP_TIMEOUT;
            default -> ICMP_TIMEOUT;
          };
      if (idle > limit) {
        it.remove();
        done.add(c);
      } else if (idle <= CLOSE_DELAY) {
        break; // access order: everything after is more recent
      }
    }
    done.forEach(this::finish);
  }

  private static boolean tcpDone(Conn c) {
    Endpoint.TcpState o = c.orig.state;
    Endpoint.TcpState r = c.resp.state;
    return (o == Endpoint.TcpState.CLOSED && r == Endpoint.TcpState.CLOSED)
        || o == Endpoint.TcpState.RESET
        || r == Endpoint.TcpState.RESET;
  }

  private void finish(Conn c) {
    if (c.closed) {
      return;
    }
    c.closed = true;
    if (c.proto == 6) {
      for (boolean o : new boolean[] {true, false}) {
        Endpoint e = o ? c.orig : c.resp;
        drainWithGaps(c, o, e, c.last);
        long top = e.fin ? e.finRel : Math.max(e.maxEnd, e.peerAck);
        if (e.started && top > e.delivered && e.uniqueData + e.missed > 0) {
          gap(c, o, e, top - e.delivered);
        } else if (e.started && top > e.delivered && e.peerAck > e.delivered && !e.fin) {
          gap(c, o, e, e.peerAck - e.delivered);
        }
        e.clearPending();
      }
    }
    if (c.analyzer != null) {
      c.analyzer.end(c);
    }
    listener.connection(c);
  }

  /** Ends every connection still open, as Zeek does when the capture ends. */
  public void flush() {
    List<Conn> all = new ArrayList<>(table.values());
    table.clear();
    all.forEach(this::finish);
  }

  public int open() {
    return table.size();
  }

  // ---------------------------------------------------------------- conn.log values

  /** Zeek's conn_state for a finished connection. */
  public static String connState(Conn c) {
    if (c.proto == 17) {
      if (c.orig.seen) {
        return c.resp.seen ? "SF" : "S0";
      }
      return c.resp.seen ? "SHR" : "OTH";
    }
    if (c.proto != 6) {
      return "OTH";
    }
    Endpoint.TcpState os = c.orig.state;
    Endpoint.TcpState rs = c.resp.state;
    boolean oInactive = os == Endpoint.TcpState.INACTIVE || os == Endpoint.TcpState.PARTIAL;
    boolean rInactive = rs == Endpoint.TcpState.INACTIVE || rs == Endpoint.TcpState.PARTIAL;
    if (rs == Endpoint.TcpState.RESET) {
      if (os == Endpoint.TcpState.SYN_SENT
          || os == Endpoint.TcpState.SYN_ACK_SENT
          || (os == Endpoint.TcpState.RESET && c.orig.size() == 0 && c.resp.size() == 0)) {
        return "REJ";
      }
      return oInactive ? "RSTRH" : "RSTR";
    }
    if (os == Endpoint.TcpState.RESET) {
      return rInactive ? "RSTOS0" : "RSTO";
    }
    if (rs == Endpoint.TcpState.CLOSED && os == Endpoint.TcpState.CLOSED) {
      return "SF";
    }
    if (os == Endpoint.TcpState.CLOSED) {
      return rInactive ? "SH" : "S2";
    }
    if (rs == Endpoint.TcpState.CLOSED) {
      return oInactive ? "SHR" : "S3";
    }
    if (os == Endpoint.TcpState.SYN_SENT && rs == Endpoint.TcpState.INACTIVE) {
      return "S0";
    }
    if (os == Endpoint.TcpState.ESTABLISHED && rs == Endpoint.TcpState.ESTABLISHED) {
      return "S1";
    }
    return "OTH";
  }

  public static long origBytes(Conn c) {
    return c.proto == 6 ? c.orig.size() : c.orig.payloadBytes;
  }

  public static long respBytes(Conn c) {
    return c.proto == 6 ? c.resp.size() : c.resp.payloadBytes;
  }

  public static long missedBytes(Conn c) {
    return c.orig.missed + c.resp.missed;
  }

  public static long[] packets(Conn c) {
    return new long[] {c.orig.pkts, c.orig.ipBytes, c.resp.pkts, c.resp.ipBytes};
  }

  public static List<String> tunnelParents(Conn c) {
    return List.copyOf(c.tunnelParents);
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

  /** Unused consumer hook kept for symmetry with the listener. */
  static Consumer<Conn> none() {
    return c -> {};
  }
}
