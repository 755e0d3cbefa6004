package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** SSH banners into ssh.log (client and server software, protocol version). */
public final class Ssh implements Protocol {
  private final LogSet logs;

  public Ssh(LogSet logs) {
    this.logs = logs;
  }

  @Override
  public String name() {
    return "ssh";
  }

  @Override
  public int transport() {
    return 6;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(22);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    return len >= 4 && new String(b, off, 4, StandardCharsets.ISO_8859_1).equals("SSH-");
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    return new AppAnalyzer() {
      final StringBuilder[] line = {new StringBuilder(), new StringBuilder()};
      final String[] banner = new String[2];
      long ts;

      @Override
      public void data(Conn conn, boolean fromOrig, long t, byte[] b, int off, int len) {
        int s = fromOrig ? 0 : 1;
        if (ts == 0) {
          ts = t;
        }
        for (int i = off; i < off + len && banner[s] == null; i++) {
          char ch = (char) (b[i] & 0xff);
          if (ch == '\n') {
            String l = line[s].toString().replace("\r", "");
            line[s].setLength(0);
            if (l.startsWith("SSH-")) {
              banner[s] = l;
              if (banner[0] != null && banner[1] != null) {
                conn.addService("ssh");
              }
            }
          } else if (line[s].length() < 255) {
            line[s].append(ch);
          }
        }
      }

      @Override
      public void end(Conn conn) {
        if (banner[0] == null && banner[1] == null) {
          return;
        }
        String server = banner[1];
        Integer version = null;
        if (banner[0] != null && banner[1] != null) {
          boolean v1 = banner[0].startsWith("SSH-1.") && !banner[0].startsWith("SSH-1.99");
          boolean s1 = server.startsWith("SSH-1.") && !server.startsWith("SSH-1.99");
          version = v1 || s1 ? 1 : 2;
        }
        logs.write(
            "ssh",
            Schemas.SSH,
            new Time(ts),
            conn.uid,
            conn.origH.toString(),
            conn.origP,
            conn.respH.toString(),
            conn.respP,
            version,
            null,
            0,
            null,
            banner[0],
            server,
            null,
            null,
            null,
            null,
            null,
            null);
      }
    };
  }
}
