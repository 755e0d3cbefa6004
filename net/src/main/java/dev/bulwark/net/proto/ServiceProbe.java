package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Protocols recognised for conn.log's service column only (their own logs are not written yet): a
 * port set and a content test on the first payload. Line protocols that can upgrade to TLS (SMTP,
 * POP3, IMAP, FTP) hand the rest of the connection to the TLS analyzer after a successful STARTTLS,
 * so ssl.log sees the handshake.
 */
public final class ServiceProbe implements Protocol {
  private final String name;
  private final int transport;
  private final Set<Integer> ports;
  private final boolean needsPort;
  private final Predicate<String> fromServer;
  private final Predicate<String> fromClient;
  private final String startTls;
  private final LogSet logs;

  ServiceProbe(
      String name,
      int transport,
      Set<Integer> ports,
      boolean needsPort,
      Predicate<String> fromClient,
      Predicate<String> fromServer,
      String startTls,
      LogSet logs) {
    this.name = name;
    this.transport = transport;
    this.ports = ports;
    this.needsPort = needsPort;
    this.fromClient = fromClient;
    this.fromServer = fromServer;
    this.startTls = startTls;
    this.logs = logs;
  }

  static ServiceProbe pop3(LogSet logs) {
    return new ServiceProbe(
        "pop3", 6, Set.of(110), true, s -> false, s -> s.startsWith("+OK"), "STLS", logs);
  }

  static ServiceProbe imap(LogSet logs) {
    return new ServiceProbe(
        "imap", 6, Set.of(143), true, s -> false, s -> s.startsWith("* OK"), "STARTTLS", logs);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int transport() {
    return transport;
  }

  @Override
  public Set<Integer> ports() {
    return ports;
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    if (needsPort && !onPort) {
      return false;
    }
    String s = new String(b, off, Math.min(len, 512), StandardCharsets.ISO_8859_1);
    return fromOrig ? fromClient.test(s) : fromServer.test(s);
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    c.addService(name);
    return startTls == null || logs == null
        ? new AppAnalyzer() {
          @Override
          public void data(Conn conn, boolean fromOrig, long ts, byte[] b, int off, int len) {}
        }
        : new Upgrade();
  }

  /** Watches the command lines for STARTTLS and its positive reply, then speaks TLS. */
  private final class Upgrade implements AppAnalyzer {
    private boolean asked;
    private AppAnalyzer tls;
    private final StringBuilder line = new StringBuilder();

    @Override
    public void data(Conn c, boolean fromOrig, long ts, byte[] b, int off, int len) {
      if (tls != null) {
        tls.data(c, fromOrig, ts, b, off, len);
        return;
      }
      // a TLS handshake after the protocol's own upgrade request: MySQL's 36-byte SSLRequest may
      // share the segment with the ClientHello
      for (int at : new int[] {0, 36}) {
        if (len >= at + 3
            && b[off + at] == 0x16
            && b[off + at + 1] == 3
            && (b[off + at + 2] & 0xff) <= 4) {
          tls = new Tls(logs).attach(c);
          tls.data(c, fromOrig, ts, b, off + at, len - at);
          return;
        }
      }
      String s = new String(b, off, Math.min(len, 256), StandardCharsets.ISO_8859_1);
      if (startTls.isEmpty()) {
        return;
      }
      if (fromOrig) {
        if (s.regionMatches(true, 0, startTls, 0, startTls.length())) {
          asked = true;
        }
        return;
      }
      if (asked
          && (s.startsWith("220")
              || s.startsWith("+OK")
              || s.startsWith("234")
              || s.contains("OK"))) {
        tls = new Tls(logs).attach(c);
      }
      line.setLength(0);
    }

    @Override
    public void gap(Conn c, boolean fromOrig, long len) {
      if (tls != null) {
        tls.gap(c, fromOrig, len);
      }
    }

    @Override
    public void end(Conn c) {
      if (tls != null) {
        tls.end(c);
      }
    }
  }
}
