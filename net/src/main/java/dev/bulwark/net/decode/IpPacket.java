package dev.bulwark.net.decode;

import java.util.List;

/**
 * An IP packet after link layers, fragments and tunnels are undone.
 *
 * @param ipBytes the IP datagram length its header states (what Zeek's {@code *_ip_bytes} sum)
 * @param buf the bytes holding the transport header and payload at {@code off}
 * @param len bytes of the transport header and payload actually present in {@code buf}
 * @param wireLen transport header and payload length the IP header states
 * @param tunnels outermost first; empty for a packet seen directly
 */
public record IpPacket(
    long frame,
    long ts,
    Addr src,
    Addr dst,
    int proto,
    int ipBytes,
    int ttl,
    byte[] buf,
    int off,
    int len,
    int wireLen,
    List<Tunnel> tunnels) {
  public boolean truncated() {
    return len < wireLen;
  }
}
