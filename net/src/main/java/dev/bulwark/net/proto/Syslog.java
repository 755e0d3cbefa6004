package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * Syslog into syslog.log: over UDP one message per datagram, over TCP (RFC 6587) messages framed by
 * an octet count or ended by a newline. A message without a {@code <PRI>} part is logged whole with
 * facility and severity {@code UNSPECIFIED}, as Zeek does.
 */
public final class Syslog implements Protocol {
  static final String[] FACILITIES = {
    "KERN",
    "USER",
    "MAIL",
    "DAEMON",
    "AUTH",
    "SYSLOG",
    "LPR",
    "NEWS",
    "UUCP",
    "CRON",
    "AUTHPRIV",
    "FTP",
    "NTP",
    "AUDIT",
    "ALERT",
    "CLOCK",
    "LOCAL0",
    "LOCAL1",
    "LOCAL2",
    "LOCAL3",
    "LOCAL4",
    "LOCAL5",
    "LOCAL6",
    "LOCAL7"
  };
  static final String[] SEVERITIES = {
    "EMERG", "ALERT", "CRIT", "ERR", "WARNING", "NOTICE", "INFO", "DEBUG"
  };

  /** A TCP message longer than this is cut here. */
  static final int MAX_MESSAGE = 64 * 1024;

  private final LogSet logs;
  private final int transport;

  private Syslog(LogSet logs, int transport) {
    this.logs = logs;
    this.transport = transport;
  }

  public static Syslog udp(LogSet logs) {
    return new Syslog(logs, 17);
  }

  public static Syslog tcp(LogSet logs) {
    return new Syslog(logs, 6);
  }

  @Override
  public String name() {
    return "syslog";
  }

  @Override
  public int transport() {
    return transport;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(514);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    return onPort && fromOrig && len > 0;
  }

  /** One message: facility, severity and text ({@code null} names for UNSPECIFIED). */
  public record Message(String facility, String severity, String text) {}

  public static Message parse(byte[] b, int off, int len) {
    int end = off + len;
    if (len >= 3 && b[off] == '<') {
      int p = off + 1;
      int pri = 0;
      while (p < end && p < off + 4 && b[p] >= '0' && b[p] <= '9') {
        pri = pri * 10 + (b[p] - '0');
        p++;
      }
      if (p > off + 1 && p < end && b[p] == '>' && pri / 8 < FACILITIES.length) {
        return new Message(
            FACILITIES[pri / 8], SEVERITIES[pri % 8], Text.of(b, p + 1, end - p - 1));
      }
    }
    return new Message("UNSPECIFIED", "UNSPECIFIED", Text.of(b, off, len));
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    c.addService(transport == 6 ? "syslog_tcp" : "syslog");
    if (transport == 17) {
      return (conn, fromOrig, ts, b, off, len) -> {
        if (fromOrig) {
          write(conn, ts, parse(b, off, len));
        }
      };
    }
    return new Framing();
  }

  /** RFC 6587 framing of the originator's stream. */
  private final class Framing implements AppAnalyzer {
    private final ByteArrayOutputStream msg = new ByteArrayOutputStream();
    private long count = -1; // octets still wanted by an octet-counted frame
    private final StringBuilder digits = new StringBuilder();
    private boolean counting;
    private boolean decided;
    private long ts;

    @Override
    public void data(Conn c, boolean fromOrig, long t, byte[] b, int off, int len) {
      if (!fromOrig) {
        return;
      }
      for (int i = off; i < off + len; i++) {
        byte x = b[i];
        if (!decided) {
          // each message says by its first byte whether an octet count frames it
          decided = true;
          counting = x >= '0' && x <= '9';
          ts = t;
        }
        if (counting) {
          if (count < 0) {
            if (x >= '0' && x <= '9' && digits.length() < 9) {
              digits.append((char) x);
            } else if (x == ' ' && !digits.isEmpty()) {
              count = Long.parseLong(digits.toString());
              digits.setLength(0);
              msg.reset();
              ts = t;
              if (count == 0) {
                emit(c);
              }
            } else {
              counting = false; // not octet counting after all
              msg.write(x);
            }
            continue;
          }
          if (msg.size() < MAX_MESSAGE) {
            msg.write(x);
          }
          if (--count == 0) {
            emit(c);
          }
        } else {
          if (msg.size() == 0) {
            ts = t;
          }
          if (x == '\n') {
            emit(c);
          } else if (msg.size() < MAX_MESSAGE) {
            msg.write(x);
          }
        }
      }
    }

    private void emit(Conn c) {
      byte[] m = msg.toByteArray();
      msg.reset();
      count = -1;
      decided = false;
      write(c, ts, parse(m, 0, m.length));
    }

    @Override
    public void end(Conn c) {
      if (msg.size() > 0) {
        emit(c);
      }
    }
  }

  private void write(Conn c, long ts, Message m) {
    logs.write(
        "syslog",
        Schemas.SYSLOG,
        new Time(ts),
        c.uid,
        c.origH.toString(),
        c.origP,
        c.respH.toString(),
        c.respP,
        c.transport(),
        m.facility(),
        m.severity(),
        m.text());
  }
}
