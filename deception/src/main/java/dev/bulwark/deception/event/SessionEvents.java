package dev.bulwark.deception.event;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events of one connection, each carrying Cowrie's connection fields ({@code session}, {@code
 * src_ip}, {@code src_port}, {@code dst_ip}, {@code dst_port}, {@code protocol}).
 */
public final class SessionEvents {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EventLog log;
  private final String session;
  private final String protocol;
  private final String srcIp;
  private final int srcPort;
  private final String dstIp;
  private final int dstPort;

  public SessionEvents(EventLog log, String protocol, SocketAddress remote, SocketAddress local) {
    this.log = log;
    this.protocol = protocol;
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    this.session = HexFormat.of().formatHex(id);
    this.srcIp = ip(remote);
    this.srcPort = port(remote);
    this.dstIp = ip(local);
    this.dstPort = port(local);
  }

  private static String ip(SocketAddress a) {
    return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() : String.valueOf(a);
  }

  private static int port(SocketAddress a) {
    return a instanceof InetSocketAddress i ? i.getPort() : 0;
  }

  public String session() {
    return session;
  }

  public String srcIp() {
    return srcIp;
  }

  public String protocol() {
    return protocol;
  }

  /** Writes an event; {@code kv} alternates field names and values. */
  public void emit(String eventid, String message, Object... kv) {
    if (kv.length % 2 != 0) {
      throw new IllegalArgumentException("fields come in name/value pairs: " + kv.length);
    }
    Map<String, Object> f = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      f.put((String) kv[i], kv[i + 1]);
    }
    f.putIfAbsent("src_ip", srcIp);
    f.putIfAbsent("src_port", srcPort);
    f.putIfAbsent("dst_ip", dstIp);
    f.putIfAbsent("dst_port", dstPort);
    f.put("session", session);
    f.put("protocol", protocol);
    f.put("message", message);
    log.write(eventid, f);
  }
}
