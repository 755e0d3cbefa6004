package dev.bulwark.net.flow;

import java.util.Map;
import java.util.TreeMap;

/** One side of a connection: counters, and for TCP the sequence space and the reassembly buffer. */
final class Endpoint {
  /** Out-of-order bytes held per side before a hole is given up as a gap. */
  static final int MAX_PENDING = 256 * 1024;

  enum TcpState {
    INACTIVE,
    SYN_SENT,
    SYN_ACK_SENT,
    PARTIAL,
    ESTABLISHED,
    CLOSED,
    RESET
  }

  long pkts;
  long ipBytes;
  long payloadBytes; // UDP, ICMP and other IP protocols
  boolean seen;

  TcpState state = TcpState.INACTIVE;
  boolean started;
  boolean syn;
  boolean fin;
  long finRel;
  long lastSeq32;
  long lastRel;
  long maxEnd;
  long peerAck; // highest rel ack the peer sent for this side's data
  long delivered = 1; // next rel offset due to the analyzer
  long missed;
  final TreeMap<Long, byte[]> pending = new TreeMap<>();
  int pendingBytes;
  long uniqueData;

  /** Makes {@code seq} relative to this side's initial sequence number, unwrapping 32 bits. */
  long rel(long seq32) {
    if (!started) {
      return 0;
    }
    long d = (int) (seq32 - lastSeq32);
    long r = lastRel + d;
    if (d > 0) {
      lastSeq32 = seq32;
      lastRel = r;
    }
    return r;
  }

  void start(long seq32, boolean isSyn) {
    started = true;
    // rel 0 is the SYN; without one, pretend one preceded the first byte seen
    lastSeq32 = isSyn ? seq32 : (seq32 - 1) & 0xffffffffL;
    lastRel = 0;
  }

  /** Zeek's endpoint size: the sequence space used, less the SYN and FIN octets. */
  long size() {
    if (!started) {
      return 0;
    }
    long top = Math.max(maxEnd, peerAck);
    long s = top;
    if (s > 0) {
      s--;
    }
    if (fin && s > 0) {
      s--;
    }
    return Math.max(0, s);
  }

  void clearPending() {
    pending.clear();
    pendingBytes = 0;
  }

  Map.Entry<Long, byte[]> firstPending() {
    return pending.firstEntry();
  }
}
