package dev.bulwark.net.decode;

/** Receives what the decoder makes of each frame. */
public interface PacketHandler {
  /** A decoded IP packet (possibly reassembled from fragments, possibly inner to a tunnel). */
  void ip(IpPacket p, Decoder decoder);

  /**
   * Something unusual, named as Zeek names it in weird.log ({@code bad_IP_checksum}, {@code
   * truncated_IP} …); {@code p} is the packet it concerns when there is one.
   */
  void weird(long frame, long ts, String name, String addl, IpPacket p);

  /** A tunnel seen for the first time, for tunnel.log. */
  default void tunnel(long ts, Tunnel t) {}
}
