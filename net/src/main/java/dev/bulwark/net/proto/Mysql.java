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
 * The MySQL client/server protocol into mysql.log as Zeek's MySQL script writes it: the login (user
 * name) and every command with its argument, marked successful on an OK or end-of-result packet
 * (rows = the OK packet's affected rows) and failed on an error packet (response = its message). A
 * client that asks for TLS hands the connection to the TLS analyzer, and no login is logged, as in
 * Zeek.
 */
public final class Mysql implements Protocol {
  /** Zeek's names for the command bytes. */
  static final String[] COMMANDS = {
    "sleep",
    "quit",
    "init_db",
    "query",
    "field_list",
    "create_db",
    "drop_db",
    "refresh",
    "shutdown",
    "statistics",
    "processlist",
    "connect",
    "kill",
    "debug",
    "ping",
    "time",
    "delayed_insert",
    "change_user",
    "binlog_dump",
    "table_dump",
    "connect_out",
    "register_slave",
    "stmt_prepare",
    "stmt_execute",
    "stmt_send_long_data",
    "stmt_close",
    "stmt_reset",
    "set_option",
    "stmt_fetch",
    "daemon",
    "binlog_dump_gtid",
    "reset_connection"
  };

  static final int CLIENT_SSL = 0x800;
  static final int CLIENT_DEPRECATE_EOF = 0x0100_0000;
  static final int CLIENT_QUERY_ATTRIBUTES = 0x0800_0000;

  /** Bytes of one packet kept to read it; the rest of a larger packet is skipped unread. */
  static final int MAX_KEPT = 64 * 1024;

  private final LogSet logs;
  private final boolean tls;

  /**
   * @param tls whether the TLS analyzer runs, so that a connection upgraded to TLS reaches ssl.log
   */
  public Mysql(LogSet logs, boolean tls) {
    this.logs = logs;
    this.tls = tls;
  }

  @Override
  public String name() {
    return "mysql";
  }

  @Override
  public int transport() {
    return 6;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(3306);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    // the server's greeting: a packet with sequence 0 carrying protocol version 10
    return onPort && !fromOrig && len > 5 && b[off + 3] == 0 && b[off + 4] == 10;
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    c.addService("mysql");
    return new Session();
  }

  /** Splits one direction's bytes into MySQL packets (3-byte length, sequence, payload). */
  static final class Packets {
    private final byte[] header = new byte[4];
    private int headerHave;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long remaining = -1;

    interface Sink {
      /** A whole packet, or its first {@link #MAX_KEPT} bytes; returns false to stop feeding. */
      boolean packet(int seq, byte[] payload, int off, int len);
    }

    /** Feeds bytes; returns the offset where feeding stopped (the sink declined) or end. */
    int feed(byte[] b, int off, int len, Sink sink) {
      int end = off + len;
      int i = off;
      while (i < end) {
        if (remaining < 0) {
          header[headerHave++] = b[i++];
          if (headerHave == 4) {
            remaining = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            body.reset();
            headerHave = 0;
          } else {
            continue;
          }
        }
        int take = (int) Math.min(remaining, end - i);
        int keep = Math.max(0, Math.min(take, MAX_KEPT - body.size()));
        body.write(b, i, keep);
        i += take;
        remaining -= take;
        if (remaining == 0) {
          remaining = -1;
          byte[] p = body.toByteArray();
          if (!sink.packet(header[3] & 0xff, p, 0, p.length)) {
            return i;
          }
        }
      }
      return i;
    }

    void gap() {
      remaining = -1;
      headerHave = 0;
      body.reset();
    }
  }

  /** A length-encoded integer at {@code at[0]}, advancing it; -1 when cut short. */
  static long lenenc(byte[] b, int[] at, int end) {
    int p = at[0];
    if (p >= end) {
      return -1;
    }
    int first = b[p] & 0xff;
    int n = first < 0xfb ? 0 : first == 0xfc ? 2 : first == 0xfd ? 3 : first == 0xfe ? 8 : -1;
    if (n < 0 || p + 1 + n > end) {
      return -1;
    }
    long v = n == 0 ? first : 0;
    for (int k = 0; k < n; k++) {
      v |= (b[p + 1 + k] & 0xffL) << (8 * k);
    }
    at[0] = p + 1 + n;
    return v;
  }

  /**
   * Where a COM_QUERY's text starts when the client sends query attributes: past the parameter
   * count, the set count, the null bitmap, the types and names and the values; -1 when the
   * attributes cannot be walked.
   */
  static int queryStart(byte[] b, int off, int end) {
    int[] at = {off};
    long count = lenenc(b, at, end);
    long sets = lenenc(b, at, end);
    if (count < 0 || sets < 0 || count > 4096) {
      return -1;
    }
    if (count == 0) {
      return at[0];
    }
    int n = (int) count;
    int bitmap = at[0];
    at[0] += (n + 7) / 8;
    if (at[0] >= end) {
      return -1;
    }
    boolean bound = b[at[0]++] == 1;
    if (!bound) {
      return at[0];
    }
    int[] types = new int[n];
    for (int k = 0; k < n; k++) {
      if (at[0] + 2 > end) {
        return -1;
      }
      types[k] = b[at[0]] & 0xff;
      at[0] += 2;
      long nameLen = lenenc(b, at, end);
      if (nameLen < 0 || at[0] + nameLen > end) {
        return -1;
      }
      at[0] += (int) nameLen;
    }
    for (int k = 0; k < n; k++) {
      if ((b[bitmap + k / 8] & (1 << (k % 8))) != 0) {
        continue; // a NULL value is not sent
      }
      int size =
          switch (types[k]) {
            case 0x01 -> 1;
            case 0x02, 0x0d -> 2;
            case 0x03, 0x04, 0x09 -> 4;
            case 0x05, 0x08 -> 8;
            case 0x06 -> 0;
            case 0x07, 0x0a, 0x0b, 0x0c, 0x11, 0x12, 0x13 -> {
              // temporal values carry a one-byte length
              yield at[0] < end ? 1 + (b[at[0]] & 0xff) : -1;
            }
            default -> {
              long l = lenenc(b, at, end);
              yield l < 0 ? -1 : (int) Math.min(l, Integer.MAX_VALUE);
            }
          };
      if (size < 0 || at[0] + (long) size > end) {
        return -1;
      }
      at[0] += size;
    }
    return at[0];
  }

  private static String text(byte[] b, int off, int end) {
    if (end > off && b[end - 1] == 0) {
      end--; // Zeek drops one trailing NUL
    }
    return Text.of(b, off, Math.max(0, end - off));
  }

  private final class Session implements AppAnalyzer {
    private final Packets client = new Packets();
    private final Packets server = new Packets();
    private int caps;
    private boolean loggedIn;
    private boolean greeted;
    private AppAnalyzer tlsAnalyzer;
    private boolean encrypted;

    // the record being filled: Zeek's c$mysql
    private String cmd;
    private String arg;
    private long ts;
    private boolean inResult;
    private int eofs;

    @Override
    public void data(Conn c, boolean fromOrig, long t, byte[] b, int off, int len) {
      if (tlsAnalyzer != null) {
        tlsAnalyzer.data(c, fromOrig, t, b, off, len);
        return;
      }
      if (encrypted) {
        return;
      }
      Packets p = fromOrig ? client : server;
      int stop = p.feed(b, off, len, (seq, pl, po, pn) -> packet(c, fromOrig, t, seq, pl, po, pn));
      if (tlsAnalyzer != null && stop < off + len) {
        tlsAnalyzer.data(c, fromOrig, t, b, stop, off + len - stop);
      }
    }

    @Override
    public void gap(Conn c, boolean fromOrig, long len) {
      if (tlsAnalyzer != null) {
        tlsAnalyzer.gap(c, fromOrig, len);
        return;
      }
      (fromOrig ? client : server).gap();
    }

    private boolean packet(Conn c, boolean fromOrig, long t, int seq, byte[] b, int off, int n) {
      int end = off + n;
      if (!fromOrig) {
        if (!greeted) {
          greeted = true;
          return true;
        }
        response(c, b, off, n);
        return true;
      }
      if (!loggedIn) {
        if (cmd == null && seq == 1 && n >= 32) {
          caps =
              (b[off] & 0xff)
                  | (b[off + 1] & 0xff) << 8
                  | (b[off + 2] & 0xff) << 16
                  | (b[off + 3] & 0xff) << 24;
          if (n == 32 && (caps & CLIENT_SSL) != 0) {
            // an SSLRequest: the handshake continues inside TLS
            if (tls) {
              tlsAnalyzer = new Tls(logs).attach(c);
            } else {
              encrypted = true;
            }
            return false;
          }
          int u = off + 32;
          int z = u;
          while (z < end && b[z] != 0) {
            z++;
          }
          open(c, t, "login", Text.of(b, u, z - u));
        }
        return true; // further authentication exchanges are not commands
      }
      if (seq != 0 || n < 1) {
        return true;
      }
      if (cmd != null) {
        write(c, null, null, null); // a command no response answered
      }
      int code = b[off] & 0xff;
      String name = code < COMMANDS.length ? COMMANDS[code] : "unknown-" + code;
      String a;
      if (code == 17) {
        int z = off + 1;
        while (z < end && b[z] != 0) {
          z++;
        }
        a = Text.of(b, off + 1, z - off - 1);
      } else if (code == 3 && (caps & CLIENT_QUERY_ATTRIBUTES) != 0) {
        int q = queryStart(b, off + 1, end);
        a = text(b, q < 0 ? off + 1 : q, end);
      } else {
        a = text(b, off + 1, end);
      }
      open(c, t, name, a);
      if (code == 1) {
        write(c, null, null, null); // no response comes to a quit
      }
      return true;
    }

    private void open(Conn c, long t, String command, String argument) {
      cmd = command;
      arg = argument;
      ts = t;
      inResult = false;
      eofs = 0;
    }

    private void response(Conn c, byte[] b, int off, int n) {
      if (n < 1) {
        return;
      }
      int first = b[off] & 0xff;
      boolean login = "login".equals(cmd) || "change_user".equals(cmd);
      if (first == 0xff) {
        String msg = "";
        if (n >= 3) {
          int m = off + 3;
          if (m < off + n && b[m] == '#') {
            m += 6; // SQL state marker and state
          }
          msg = Text.of(b, Math.min(m, off + n), Math.max(0, off + n - m));
        }
        if (cmd != null) {
          write(c, false, null, msg);
        }
        if (login && !loggedIn) {
          loggedIn = true; // commands may follow a failed change of user
        }
        return;
      }
      if (first == 0xfe && login && n > 1 && n >= 9) {
        return; // an authentication method switch: the login goes on
      }
      if (first == 0x00 && !inResult && n >= 3) {
        int[] at = {off + 1};
        long rows = lenenc(b, at, off + n);
        if (cmd != null) {
          write(c, true, rows < 0 ? 0 : rows, null);
        }
        loggedIn = true;
        return;
      }
      if (first == 0xfe && n < 9
          || first == 0xfe && (caps & CLIENT_DEPRECATE_EOF) != 0 && inResult) {
        boolean intermediate =
            inResult
                && eofs == 0
                && (caps & CLIENT_DEPRECATE_EOF) == 0
                && !"field_list".equals(cmd);
        eofs++;
        if (!intermediate && cmd != null) {
          write(c, true, 0L, null);
        }
        loggedIn = true;
        return;
      }
      if (login) {
        return; // more authentication data
      }
      inResult = true; // column count, column definitions, rows
    }

    private void write(Conn c, Boolean success, Long rows, String response) {
      logs.write(
          "mysql",
          Schemas.MYSQL,
          new Time(ts),
          c.uid,
          c.origH.toString(),
          c.origP,
          c.respH.toString(),
          c.respP,
          cmd,
          arg,
          success,
          rows,
          response);
      cmd = null;
      arg = null;
      inResult = false;
      eofs = 0;
    }

    @Override
    public void end(Conn c) {
      if (tlsAnalyzer != null) {
        tlsAnalyzer.end(c);
      }
      if (cmd != null) {
        write(c, null, null, null);
      }
    }
  }
}
