package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SMTP into smtp.log with the bookkeeping of Zeek's SMTP script: one record per transaction, logged
 * when the server accepts the message (or when a new MAIL FROM or the connection's end flushes it),
 * holding the envelope (HELO, MAIL FROM, RCPT TO), the message's main headers, the server's last
 * reply, the path of addresses and whether STARTTLS succeeded. Message data comes after DATA up to
 * the lone dot, or in BDAT chunks. A successful STARTTLS hands the connection to the TLS analyzer.
 */
public final class Smtp implements Protocol {
  /** A command, reply or header line longer than this is cut. */
  static final int MAX_LINE = 8192;

  /** Recipients, To and Cc addresses kept per message at most. */
  static final int MAX_ADDRESSES = 1000;

  private final LogSet logs;
  private final boolean tls;

  public Smtp(LogSet logs, boolean tls) {
    this.logs = logs;
    this.tls = tls;
  }

  @Override
  public String name() {
    return "smtp";
  }

  @Override
  public int transport() {
    return 6;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(25, 587);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    if (!onPort) {
      return false;
    }
    String s =
        new String(b, off, Math.min(len, 5), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
    return fromOrig
        ? s.startsWith("HELO") || s.startsWith("EHLO") || s.startsWith("MAIL")
        : s.matches("(?s)^\\d{3}[ -].*");
  }

  /** The address inside angle brackets, else the first word. */
  static String address(String arg) {
    int lt = arg.indexOf('<');
    int gt = arg.indexOf('>', lt + 1);
    if (lt >= 0 && gt > lt) {
      return arg.substring(lt + 1, gt);
    }
    String t = arg.strip();
    int sp = t.indexOf(' ');
    return sp < 0 ? t : t.substring(0, sp);
  }

  /** One smtp.log record being filled. */
  static final class Info {
    long ts;
    int transDepth;
    String helo;
    String mailfrom;
    final Set<String> rcptto = new LinkedHashSet<>();
    String date;
    String from;
    Set<String> to;
    Set<String> cc;
    String replyTo;
    String msgId;
    String inReplyTo;
    String subject;
    String xOriginatingIp;
    String firstReceived;
    String secondReceived;
    String lastReply;
    String userAgent;
    boolean tls;
    boolean clientActivity;
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    c.addService("smtp");
    return new Session(c);
  }

  private final class Session implements AppAnalyzer {
    private final StringBuilder[] line = {new StringBuilder(), new StringBuilder()};
    private Info info;
    private int transferred;
    private String helo;
    private String lastCommand;
    private boolean inData; // reading message lines after DATA
    private boolean inHeaders;
    private long bdatLeft; // bytes of a BDAT chunk still to come
    private boolean bdatLast;
    private String header; // a header being unfolded
    private boolean startTls;
    private AppAnalyzer tlsAnalyzer;

    Session(Conn c) {
      info = fresh(c.start);
    }

    private Info fresh(long ts) {
      Info i = new Info();
      i.ts = ts;
      i.transDepth = transferred + 1;
      i.helo = helo;
      return i;
    }

    @Override
    public void data(Conn c, boolean fromOrig, long ts, byte[] b, int off, int len) {
      if (tlsAnalyzer != null) {
        tlsAnalyzer.data(c, fromOrig, ts, b, off, len);
        return;
      }
      int s = fromOrig ? 0 : 1;
      for (int i = off; i < off + len; i++) {
        if (fromOrig && bdatLeft > 0) {
          // chunk bytes: read as message lines, but counted, not ended by a dot
          bdatLeft--;
          messageByte(b[i]);
          if (bdatLeft == 0) {
            endLine();
            if (bdatLast) {
              inHeaders = false;
            }
          }
          continue;
        }
        char ch = (char) (b[i] & 0xff);
        if (ch == '\n') {
          String l = line[s].toString();
          line[s].setLength(0);
          if (l.endsWith("\r")) {
            l = l.substring(0, l.length() - 1);
          }
          if (fromOrig) {
            clientLine(c, ts, l);
          } else {
            reply(c, ts, l);
            if (tlsAnalyzer != null) {
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

    private final StringBuilder chunkLine = new StringBuilder();

    private void messageByte(byte x) {
      char ch = (char) (x & 0xff);
      if (ch == '\n') {
        endLine();
      } else if (chunkLine.length() < MAX_LINE) {
        chunkLine.append(ch);
      }
    }

    private void endLine() {
      String l = chunkLine.toString();
      chunkLine.setLength(0);
      if (l.endsWith("\r")) {
        l = l.substring(0, l.length() - 1);
      }
      if (inHeaders) {
        headerLine(l);
      }
    }

    private void clientLine(Conn c, long ts, String l) {
      if (inData) {
        if (l.equals(".")) {
          inData = false;
          headerLine("");
          lastCommand = ".";
          return;
        }
        if (inHeaders) {
          headerLine(l.startsWith("..") ? l.substring(1) : l);
        }
        return;
      }
      int sp = l.indexOf(' ');
      String cmd = (sp < 0 ? l : l.substring(0, sp)).toUpperCase(Locale.ROOT);
      String arg = sp < 0 ? "" : l.substring(sp + 1);
      lastCommand = cmd;
      switch (cmd) {
        case "HELO", "EHLO" -> {
          helo = arg;
          info.helo = arg;
        }
        case "MAIL" -> {
          if (arg.regionMatches(true, 0, "FROM:", 0, 5)) {
            if (info.mailfrom != null || !info.rcptto.isEmpty()) {
              flush(c, ts); // a new transaction: the last one goes out if the server never said
            }
            info.mailfrom = address(arg.substring(5));
          }
        }
        case "RCPT" -> {
          if (arg.regionMatches(true, 0, "TO:", 0, 3) && info.rcptto.size() < MAX_ADDRESSES) {
            info.rcptto.add(address(arg.substring(3)));
          }
        }
        case "DATA" -> {
          inData = true;
          inHeaders = true;
        }
        case "BDAT" -> bdat(c, ts, arg.strip());
        case "STARTTLS" -> startTls = true;
        default -> {}
      }
      if (!cmd.equals("QUIT")) {
        info.clientActivity = true; // a QUIT alone makes no transaction
      }
    }

    /** BDAT's argument: a chunk size and maybe LAST; what Zeek finds wrong becomes a weird. */
    private void bdat(Conn c, long ts, String arg) {
      if (arg.isEmpty()) {
        weird(c, ts, "smtp_invalid_bdat_command", "BDAT argument bad length");
        return;
      }
      int n = 0;
      while (n < arg.length() && Character.isDigit(arg.charAt(n))) {
        n++;
      }
      if (n == 0) {
        weird(c, ts, "smtp_invalid_bdat_command", "BDAT not followed by a valid chunk-size");
        return;
      }
      if (n > 20) {
        weird(c, ts, "smtp_invalid_bdat_command", "BDAT argument bad length");
        return;
      }
      String rest = arg.substring(n).strip();
      if (!rest.isEmpty() && !rest.equalsIgnoreCase("LAST")) {
        weird(c, ts, "smtp_invalid_bdat_command", "BDAT chunk-size followed by junk");
        return;
      }
      java.math.BigInteger size = new java.math.BigInteger(arg.substring(0, n));
      if (size.bitLength() > 63) {
        weird(c, ts, "smtp_huge_bdat_chunk", arg.substring(0, n));
        return;
      }
      bdatLeft = size.longValue();
      bdatLast = !rest.isEmpty();
      if (info.date == null && info.from == null && info.subject == null) {
        inHeaders = true;
      }
    }

    private final ConnWeird weirds = new ConnWeird(logs, "SMTP");

    private void weird(Conn c, long ts, String name, String addl) {
      weirds.report(c, ts, name, addl);
    }

    private void headerLine(String l) {
      if (!inHeaders) {
        return;
      }
      if (!l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '\t') && header != null) {
        header = header + l; // folded: Zeek keeps the continuation's whitespace
        return;
      }
      if (header != null) {
        oneHeader(header);
        header = null;
      }
      if (l.isEmpty()) {
        inHeaders = false;
        return;
      }
      header = l;
    }

    private void oneHeader(String h) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        return;
      }
      String name = h.substring(0, colon).strip().toUpperCase(Locale.ROOT);
      String value = h.substring(colon + 1).strip();
      switch (name) {
        case "DATE" -> info.date = value;
        case "FROM" -> info.from = value;
        case "TO" -> info.to = split(info.to, value);
        case "CC" -> info.cc = split(info.cc, value);
        case "REPLY-TO" -> info.replyTo = value;
        case "MESSAGE-ID" -> info.msgId = value;
        case "IN-REPLY-TO" -> info.inReplyTo = value;
        case "SUBJECT" -> info.subject = value;
        case "X-ORIGINATING-IP" -> info.xOriginatingIp = value.replaceAll("[\\[\\]]", "");
        case "RECEIVED" -> {
          if (info.firstReceived == null) {
            info.firstReceived = value;
          } else if (info.secondReceived == null) {
            info.secondReceived = value;
          }
        }
        case "USER-AGENT", "X-MAILER" -> info.userAgent = value;
        default -> {}
      }
    }

    private Set<String> split(Set<String> into, String value) {
      Set<String> s = into == null ? new LinkedHashSet<>() : into;
      for (String p : value.split("[ \\t]*,[ \\t]*")) {
        if (s.size() < MAX_ADDRESSES) {
          s.add(p);
        }
      }
      return s;
    }

    private void reply(Conn c, long ts, String l) {
      if (l.length() < 3 || !l.substring(0, 3).chars().allMatch(Character::isDigit)) {
        return;
      }
      int code = Integer.parseInt(l.substring(0, 3));
      boolean more = l.length() > 3 && l.charAt(3) == '-';
      String msg = l.length() > 4 ? l.substring(4) : "";
      info.lastReply = code + " " + msg;
      if (more) {
        return;
      }
      if (".".equals(lastCommand) || "BDAT".equals(lastCommand) && bdatLast && code == 250) {
        // the server took the message
        lastCommand = null;
        bdatLast = false;
        transferred++;
        flush(c, ts);
      }
      if (startTls && code == 220 && tls) {
        startTls = false;
        info.tls = true;
        tlsAnalyzer = new Tls(logs).attach(c);
      } else if (code >= 400 && "BDAT".equals(lastCommand)) {
        bdatLeft = 0;
      }
    }

    /** Writes the transaction if the client did anything in it, and starts the next. */
    private void flush(Conn c, long ts) {
      if (!info.clientActivity) {
        return;
      }
      write(c, info);
      info = fresh(ts);
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
      if (header != null) {
        oneHeader(header);
        header = null;
      }
      if (info.clientActivity) {
        write(c, info);
      }
    }
  }

  private void write(Conn c, Info i) {
    List<String> path = new ArrayList<>(List.of(c.respH.toString(), c.origH.toString()));
    logs.write(
        "smtp",
        Schemas.SMTP,
        new Time(i.ts),
        c.uid,
        c.origH.toString(),
        c.origP,
        c.respH.toString(),
        c.respP,
        i.transDepth,
        i.helo,
        i.mailfrom,
        i.rcptto.isEmpty() ? null : List.copyOf(i.rcptto),
        i.date,
        i.from,
        i.to == null ? null : List.copyOf(i.to),
        i.cc == null ? null : List.copyOf(i.cc),
        i.replyTo,
        i.msgId,
        i.inReplyTo,
        i.subject,
        i.xOriginatingIp,
        i.firstReceived,
        i.secondReceived,
        i.lastReply,
        path,
        i.userAgent,
        i.tls,
        List.of());
  }
}
