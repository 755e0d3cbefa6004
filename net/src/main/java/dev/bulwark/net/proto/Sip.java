package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SIP over UDP into sip.log, with the bookkeeping of Zeek's SIP script: one pending record per
 * connection that requests and responses fill; each response logs it, and a final response (not
 * 1xx) retires it; a record no response logged is written when the connection ends. Via headers (up
 * to their branch parameter) accumulate in the request and response paths, so retransmissions show
 * there as in Zeek.
 */
public final class Sip implements Protocol {
  static final Set<String> METHODS =
      Set.of(
          "REGISTER",
          "INVITE",
          "ACK",
          "CANCEL",
          "BYE",
          "OPTIONS",
          "NOTIFY",
          "SUBSCRIBE",
          "INFO",
          "PRACK",
          "UPDATE",
          "MESSAGE",
          "REFER",
          "PUBLISH");

  /** Header lines read from one message at most, so that a hostile datagram stays cheap. */
  static final int MAX_HEADERS = 256;

  /** Via entries kept per path at most. */
  static final int MAX_PATH = 1000;

  private static final Pattern TAG = Pattern.compile(";[ ]?tag=");
  private static final Pattern BRANCH = Pattern.compile(";[ ]?branch");

  private final LogSet logs;

  public Sip(LogSet logs) {
    this.logs = logs;
  }

  @Override
  public String name() {
    return "sip";
  }

  @Override
  public int transport() {
    return 17;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(5060);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    String first = firstLine(b, off, len);
    if (first == null) {
      return false;
    }
    if (first.startsWith("SIP/2.0 ")) {
      return true;
    }
    int sp = first.indexOf(' ');
    return sp > 0
        && first.endsWith(" SIP/2.0")
        && (onPort || METHODS.contains(first.substring(0, sp)));
  }

  private static String firstLine(byte[] b, int off, int len) {
    int n = Math.min(len, 1024);
    for (int i = 0; i < n; i++) {
      if (b[off + i] == '\n' || b[off + i] == '\r') {
        return new String(b, off, i, StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  /** One sip.log record being filled. */
  static final class Info {
    long ts;
    String method;
    String uri;
    String date;
    String requestFrom;
    String requestTo;
    String responseFrom;
    String responseTo;
    String replyTo;
    String callId;
    String seq;
    String subject;
    final List<String> requestPath = new ArrayList<>();
    final List<String> responsePath = new ArrayList<>();
    String userAgent;
    Integer statusCode;
    String statusMsg;
    String warning;
    Long requestBodyLen;
    Long responseBodyLen;
    String contentType;
  }

  /** A parsed SIP message: its first line's parts and its headers, names upper-cased. */
  public record Message(
      boolean request,
      String method,
      String uri,
      int code,
      String reason,
      List<String[]> headers) {}

  /** Parses one datagram; {@code null} when it is not a SIP message. */
  public static Message parse(byte[] b, int off, int len) {
    String text = new String(b, off, len, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String head = end >= 0 ? text.substring(0, end) : text;
    String[] lines = head.split("\r?\n", MAX_HEADERS + 1);
    if (lines.length == 0) {
      return null;
    }
    String first = lines[0];
    boolean request;
    String method = null;
    String uri = null;
    int code = 0;
    String reason = null;
    if (first.startsWith("SIP/")) {
      request = false;
      String[] p = first.split(" ", 3);
      if (p.length < 2 || !p[1].matches("\\d{1,3}")) {
        return null;
      }
      code = Integer.parseInt(p[1]);
      reason = p.length > 2 ? p[2] : "";
    } else {
      request = true;
      String[] p = first.split(" ");
      if (p.length != 3 || !p[2].startsWith("SIP/")) {
        return null;
      }
      method = p[0];
      uri = p[1];
    }
    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length && i <= MAX_HEADERS; i++) {
      String l = lines[i];
      if (!headers.isEmpty() && !l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '\t')) {
        String[] last = headers.get(headers.size() - 1);
        last[1] = last[1] + " " + l.strip();
        continue;
      }
      int colon = l.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      headers.add(
          new String[] {
            l.substring(0, colon).strip().toUpperCase(Locale.ROOT), l.substring(colon + 1).strip()
          });
    }
    return new Message(request, method, uri, code, reason, headers);
  }

  private static String untagged(String v) {
    return TAG.split(v, 2)[0];
  }

  private static Long count(String v) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A Via header joins the path up to its branch parameter, as Zeek's script keeps it. */
  private static void via(List<String> path, String v) {
    if (path.size() < MAX_PATH) {
      path.add(BRANCH.split(v, 2)[0]);
    }
  }

  @Override
  public AppAnalyzer attach(Conn conn) {
    conn.addService("sip");
    return new AppAnalyzer() {
      Info pending;

      @Override
      public void data(Conn c, boolean fromOrig, long ts, byte[] b, int off, int len) {
        Message m = parse(b, off, len);
        if (m == null) {
          return;
        }
        if (pending == null) {
          pending = new Info();
          pending.ts = ts;
        }
        Info i = pending;
        if (m.request()) {
          i.method = m.method();
          i.uri = m.uri();
        } else {
          i.statusCode = m.code();
          i.statusMsg = m.reason();
        }
        for (String[] h : m.headers()) {
          String v = h[1];
          if (m.request()) {
            switch (h[0]) {
              case "CALL-ID", "I" -> i.callId = v;
              case "CONTENT-LENGTH", "L" -> i.requestBodyLen = count(v);
              case "CSEQ" -> i.seq = v;
              case "DATE" -> i.date = v;
              case "FROM", "F" -> i.requestFrom = untagged(v);
              case "REPLY-TO" -> i.replyTo = v;
              case "SUBJECT", "S" -> i.subject = v;
              case "TO", "T" -> i.requestTo = v;
              case "USER-AGENT" -> i.userAgent = v;
              case "VIA", "V" -> via(i.requestPath, v);
              default -> {}
            }
          } else {
            switch (h[0]) {
              case "CONTENT-LENGTH", "L" -> i.responseBodyLen = count(v);
              case "CONTENT-TYPE", "C" -> i.contentType = v;
              case "DATE" -> i.date = v;
              case "FROM", "F" -> i.responseFrom = untagged(v);
              case "TO", "T" -> i.responseTo = v;
              case "VIA", "V" -> via(i.responsePath, v);
              case "WARNING" -> i.warning = v;
              default -> {}
            }
          }
        }
        if (!m.request()) {
          write(c, i);
          if (m.code() < 100 || m.code() >= 200) {
            pending = null;
          }
        }
      }

      @Override
      public void end(Conn c) {
        if (pending != null) {
          write(c, pending);
          pending = null;
        }
      }
    };
  }

  private void write(Conn c, Info i) {
    logs.write(
        "sip",
        Schemas.SIP,
        new Time(i.ts),
        c.uid,
        c.origH.toString(),
        c.origP,
        c.respH.toString(),
        c.respP,
        0,
        i.method,
        i.uri,
        i.date,
        i.requestFrom,
        i.requestTo,
        i.responseFrom,
        i.responseTo,
        i.replyTo,
        i.callId,
        i.seq,
        i.subject,
        List.copyOf(i.requestPath),
        List.copyOf(i.responsePath),
        i.userAgent,
        i.statusCode,
        i.statusMsg,
        i.warning,
        i.requestBodyLen,
        i.responseBodyLen,
        i.contentType);
  }
}
