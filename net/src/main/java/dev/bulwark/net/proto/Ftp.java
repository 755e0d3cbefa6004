package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FTP control channel into ftp.log, as Zeek's FTP script writes it: the commands it logs
 * (transfers, data-channel setup, deletions) each with its final reply, the user (and the password
 * of anonymous users only), file names as {@code ftp://} URLs resolved against the working
 * directory, sizes from the server's replies, and the data channel PASV/EPSV/PORT/EPRT announce. A
 * successful {@code AUTH TLS} hands the connection to the TLS analyzer.
 */
public final class Ftp implements Protocol {
  /** Commands Zeek logs. */
  static final Set<String> LOGGED =
      Set.of("APPE", "DELE", "RETR", "STOR", "STOU", "ACCT", "PORT", "PASV", "EPRT", "EPSV");

  /** User names whose password Zeek logs. */
  static final Set<String> GUESTS = Set.of("anonymous", "ftp", "ftpuser", "guest");

  /** Commands waiting for their reply, at most. */
  static final int MAX_PENDING = 100;

  /** A control line longer than this is cut. */
  static final int MAX_LINE = 8192;

  private static final Pattern PASV = Pattern.compile("(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)");
  private static final Pattern EPSV = Pattern.compile("\\(([^0-9])\\1\\1(\\d+)\\1\\)");
  private static final Pattern SIZE_IN_150 = Pattern.compile("\\((\\d+) bytes\\)");

  private final LogSet logs;
  private final boolean tls;

  /** Data connections announced and not yet seen ("host|port" of their responder), bounded. */
  private final java.util.LinkedHashSet<String> expected = new java.util.LinkedHashSet<>();

  static final int MAX_EXPECTED = 10_000;

  private void expect(Channel ch) {
    if (expected.size() >= MAX_EXPECTED) {
      expected.remove(expected.iterator().next());
    }
    expected.add(ch.respH() + "|" + ch.respP());
  }

  /** A connection to an announced data channel is Zeek's ftp-data service. */
  @Override
  public String expectedService(Conn c) {
    if (expected.isEmpty() || c.proto != 6) {
      return null;
    }
    if (expected.remove(c.respH + "|" + c.respP) || expected.remove(c.origH + "|" + c.origP)) {
      return "ftp-data";
    }
    return null;
  }

  public Ftp(LogSet logs, boolean tls) {
    this.logs = logs;
    this.tls = tls;
  }

  @Override
  public String name() {
    return "ftp";
  }

  @Override
  public int transport() {
    return 6;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(21, 2811);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    if (!onPort) {
      return false;
    }
    String s = new String(b, off, Math.min(len, 8), StandardCharsets.ISO_8859_1);
    return fromOrig
        ? s.length() >= 3 && Character.isLetter(s.charAt(0))
        : s.matches("(?s)^\\d{3}[ -].*");
  }

  /** A data channel: passive or not, and its endpoints. */
  record Channel(boolean passive, String origH, String respH, int respP) {}

  /** The data channel a PASV or EPSV reply announces, or an EPRT/PORT argument asks for. */
  static Channel pasv(String msg, String client) {
    Matcher m = PASV.matcher(msg);
    if (!m.find()) {
      return null;
    }
    String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
    int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
    return port > 65535 ? null : new Channel(true, client, host, port);
  }

  static Channel epsv(String msg, String client, String server) {
    Matcher m = EPSV.matcher(msg);
    if (!m.find()) {
      return null;
    }
    int port = Integer.parseInt(m.group(2).length() > 5 ? "99999" : m.group(2));
    return port > 65535 ? null : new Channel(true, client, server, port);
  }

  static Channel port(String cmd, String arg, String server) {
    if (cmd.equals("PORT")) {
      Matcher m = PASV.matcher(arg);
      if (!m.find()) {
        return null;
      }
      int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
      String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
      return port > 65535 ? null : new Channel(false, server, host, port);
    }
    if (arg.length() < 2) {
      return null;
    }
    String[] p = arg.split(Pattern.quote(arg.substring(0, 1)), -1);
    if (p.length < 4 || !p[3].matches("\\d{1,5}") || Integer.parseInt(p[3]) > 65535) {
      return null;
    }
    return new Channel(false, server, p[2], Integer.parseInt(p[3]));
  }

  /** A path resolved against the working directory, {@code .} and {@code ..} folded. */
  static String resolve(String cwd, String path) {
    String full = path.startsWith("/") ? path : (cwd.endsWith("/") ? cwd : cwd + "/") + path;
    Deque<String> parts = new ArrayDeque<>();
    for (String p : full.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    String out = "/" + String.join("/", parts);
    return full.endsWith("/") && !out.equals("/") ? out + "/" : out;
  }

  /** One command waiting for its final reply. */
  private static final class Pending {
    long ts;
    String cmd;
    String arg;
    Long size;
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    c.addService("ftp");
    return new Session();
  }

  private final class Session implements AppAnalyzer {
    private final StringBuilder[] line = {new StringBuilder(), new StringBuilder()};
    private final Deque<Pending> pending = new ArrayDeque<>();
    private String user = "<unknown>";
    private String password;
    private String cwd = "/";
    private String multiline; // the code of a multi-line reply being read
    private Long lastSize;
    private AppAnalyzer tlsAnalyzer;
    private boolean authTls;

    @Override
    public void data(Conn c, boolean fromOrig, long ts, byte[] b, int off, int len) {
      if (tlsAnalyzer != null) {
        tlsAnalyzer.data(c, fromOrig, ts, b, off, len);
        return;
      }
      int s = fromOrig ? 0 : 1;
      for (int i = off; i < off + len; i++) {
        char ch = (char) (b[i] & 0xff);
        if (ch == '\n') {
          String l = line[s].toString();
          line[s].setLength(0);
          if (l.endsWith("\r")) {
            l = l.substring(0, l.length() - 1);
          }
          if (fromOrig) {
            command(ts, l);
          } else {
            reply(c, l);
            if (tlsAnalyzer != null) {
              // what follows the 234 reply is the TLS handshake
              if (i + 1 < off + len) {
                tlsAnalyzer.data(c, fromOrig, ts, b, i + 1, off + len - i - 1);
              }
              return;
            }
          }
        } else if (line[s].length() < MAX_LINE) {
          line[s].append(ch);
        }
      }
    }

    private void command(long ts, String l) {
      int sp = l.indexOf(' ');
      String cmd = (sp < 0 ? l : l.substring(0, sp)).toUpperCase(Locale.ROOT);
      String arg = sp < 0 ? "" : l.substring(sp + 1);
      if (cmd.equals("USER")) {
        user = arg;
      } else if (cmd.equals("PASS")) {
        password = arg;
      } else if (cmd.equals("AUTH") && arg.toUpperCase(Locale.ROOT).startsWith("TLS")) {
        authTls = true;
      }
      if (pending.size() < MAX_PENDING) {
        Pending p = new Pending();
        p.ts = ts;
        p.cmd = cmd;
        p.arg = arg;
        pending.addLast(p);
      }
    }

    private void reply(Conn c, String l) {
      if (l.length() < 3 || !l.substring(0, 3).chars().allMatch(Character::isDigit)) {
        return; // a line inside a multi-line reply
      }
      String code = l.substring(0, 3);
      boolean more = l.length() > 3 && l.charAt(3) == '-';
      if (multiline != null) {
        if (code.equals(multiline) && !more) {
          multiline = null;
        }
        return;
      }
      if (more) {
        multiline = code;
      }
      String msg = l.length() > 4 ? l.substring(4) : "";
      int n = Integer.parseInt(code);
      Pending p = pending.peekFirst();
      if (n < 200) {
        if (p != null && n == 150) {
          Matcher m = SIZE_IN_150.matcher(msg);
          if (m.find() && m.group(1).length() < 19) {
            p.size = Long.parseLong(m.group(1));
          }
        }
        return;
      }
      if (p == null) {
        return;
      }
      pending.pollFirst();
      if (p.cmd.equals("SIZE") && n == 213 && msg.strip().matches("\\d{1,18}")) {
        lastSize = Long.parseLong(msg.strip());
      }
      if (p.cmd.equals("CWD") && n == 250) {
        cwd = resolve(cwd, p.arg);
      } else if (p.cmd.equals("CDUP") && n == 250) {
        cwd = resolve(cwd, "..");
      }
      if (p.cmd.equals("AUTH") && authTls && n == 234 && tls) {
        tlsAnalyzer = new Tls(logs).attach(c);
        return;
      }
      if (!LOGGED.contains(p.cmd)) {
        return;
      }
      String client = c.origH.toString();
      String server = c.respH.toString();
      Channel ch = null;
      if (p.cmd.equals("PASV") && n == 227) {
        ch = pasv(msg, client);
      } else if (p.cmd.equals("EPSV") && n == 229) {
        ch = epsv(msg, client, server);
      } else if ((p.cmd.equals("PORT") || p.cmd.equals("EPRT")) && n == 200) {
        ch = port(p.cmd, p.arg, server);
      }
      if (ch != null) {
        expect(ch);
      }
      String arg = p.arg.isEmpty() ? null : p.arg;
      Long size = null;
      if (Set.of("RETR", "STOR", "STOU", "APPE", "DELE").contains(p.cmd)) {
        String host = server.contains(":") ? "[" + server + "]" : server;
        arg = "ftp://" + host + resolve(cwd, p.arg);
        size = p.size != null ? p.size : lastSize;
      }
      logs.write(
          "ftp",
          Schemas.FTP,
          new Time(p.ts),
          c.uid,
          c.origH.toString(),
          c.origP,
          c.respH.toString(),
          c.respP,
          user,
          GUESTS.contains(user.toLowerCase(Locale.ROOT)) ? password : null,
          p.cmd,
          arg,
          null,
          size,
          n,
          msg,
          ch == null ? null : ch.passive(),
          ch == null ? null : ch.origH(),
          ch == null ? null : ch.respH(),
          ch == null ? null : ch.respP(),
          null);
    }

    @Override
    public void gap(Conn c, boolean fromOrig, long len) {
      if (tlsAnalyzer != null) {
        tlsAnalyzer.gap(c, fromOrig, len);
      }
    }

    @Override
    public void end(Conn c) {
      if (tlsAnalyzer != null) {
        tlsAnalyzer.end(c);
      }
    }
  }
}
