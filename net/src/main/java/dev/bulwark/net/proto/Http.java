package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HTTP/1.x into http.log: requests and replies paired in order (pipelining), bodies measured
 * through Content-Length, chunked encoding or the end of the connection.
 */
public final class Http implements Protocol {
  static final Set<Integer> PORTS = Set.of(80, 81, 631, 1080, 3128, 8000, 8080, 8888);
  static final Set<String> METHODS =
      Set.of(
          "GET",
          "POST",
          "HEAD",
          "PUT",
          "DELETE",
          "OPTIONS",
          "TRACE",
          "CONNECT",
          "PATCH",
          "PROPFIND",
          "PROPPATCH",
          "MKCOL",
          "COPY",
          "MOVE",
          "LOCK",
          "UNLOCK",
          "SEARCH",
          "SUBSCRIBE",
          "NOTIFY",
          "REPORT",
          "BPROPFIND",
          "POLL");

  /** A header or request line longer than this is not HTTP we can follow. */
  static final int MAX_LINE = 64 * 1024;

  private final LogSet logs;

  public Http(LogSet logs) {
    this.logs = logs;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public int transport() {
    return 6;
  }

  @Override
  public Set<Integer> ports() {
    return PORTS;
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    int sp = -1;
    for (int i = off; i < off + Math.min(len, 16); i++) {
      if (b[i] == ' ') {
        sp = i;
        break;
      }
    }
    if (fromOrig) {
      if (sp <= off) {
        return false;
      }
      String m = new String(b, off, sp - off, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
      return METHODS.contains(m);
    }
    return len >= 5 && new String(b, off, 5, StandardCharsets.ISO_8859_1).equalsIgnoreCase("HTTP/");
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    return new Session(logs);
  }

  static final class Txn {
    long ts;
    String method;
    String uri;
    String host;
    String referrer;
    String userAgent;
    String origin;
    String username;
    String reqVersion;
    String respVersion;
    long reqBody;
    long respBody;
    Integer status;
    String statusMsg;
    Integer infoCode;
    String infoMsg;
    boolean replied;
    byte[] reqHead = new byte[0];
    byte[] respHead = new byte[0];

    /** Undoes the reply's Content-Encoding, when it has one Zeek decodes. */
    BodyDecoder respDecoder;

    /**
     * A partial reply (206) whose Content-Range does not place it at the start of the file: its
     * type cannot be sniffed, as the file's first bytes are not in it.
     */
    boolean notFromStart;

    /** The parts of a multipart request body, for the file names they declare. */
    Multipart reqParts;
  }

  enum State {
    LINE,
    HEADERS,
    BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILER,
    UNTIL_CLOSE,
    DEAD
  }

  /** One direction's parser. */
  static final class Side {
    State state = State.LINE;
    final StringBuilder line = new StringBuilder();
    long remaining;
    Txn txn;
    boolean chunked;
    long contentLength = -1;
    String encoding;
    String contentType;
    String contentRange;
  }

  static final class Session implements AppAnalyzer {
    private final LogSet logs;
    private final Side req = new Side();
    private final Side resp = new Side();
    private final ArrayDeque<Txn> waiting = new ArrayDeque<>();
    private int depth;
    private boolean confirmed;
    private final ConnWeird weirds;
    private final String[] lastVersion = new String[2];

    Session(LogSet logs) {
      this.logs = logs;
      this.weirds = new ConnWeird(logs, "HTTP");
    }

    /** Zeek notes a message whose HTTP version differs from the one before it on that side. */
    private void version(Conn c, long ts, int side, String v) {
      if (lastVersion[side] != null && !lastVersion[side].equals(v)) {
        weirds.report(c, ts, "HTTP_version_mismatch", null);
      }
      lastVersion[side] = v;
    }

    @Override
    public void data(Conn c, boolean fromOrig, long ts, byte[] b, int off, int len) {
      Side s = fromOrig ? req : resp;
      int p = off;
      int end = off + len;
      while (p < end && s.state != State.DEAD) {
        switch (s.state) {
          case LINE, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILER -> {
            int nl = -1;
            for (int i = p; i < end; i++) {
              if (b[i] == '\n') {
                nl = i;
                break;
              }
            }
            int stop = nl < 0 ? end : nl;
            for (int i = p; i < stop; i++) {
              s.line.append((char) (b[i] & 0xff));
            }
            p = nl < 0 ? end : nl + 1;
            if (s.line.length() > MAX_LINE) {
              s.state = State.DEAD;
              break;
            }
            if (nl >= 0) {
              String l = s.line.toString();
              if (l.endsWith("\r")) {
                l = l.substring(0, l.length() - 1);
              }
              s.line.setLength(0);
              line(c, fromOrig, ts, s, l);
            }
          }
          case BODY, CHUNK_DATA -> {
            long n = Math.min(s.remaining, end - p);
            body(s, fromOrig, b, p, (int) n);
            p += (int) n;
            s.remaining -= n;
            if (s.remaining == 0) {
              if (s.state == State.CHUNK_DATA) {
                s.state = State.CHUNK_END;
              } else {
                done(c, fromOrig, s);
              }
            }
          }
          case UNTIL_CLOSE -> {
            body(s, fromOrig, b, p, end - p);
            p = end;
          }
          default -> p = end;
        }
      }
    }

    private void body(Side s, boolean fromOrig, byte[] b, int off, int len) {
      if (s.txn == null || len <= 0) {
        return;
      }
      if (fromOrig) {
        s.txn.reqBody += len;
        if (s.txn.reqParts != null) {
          s.txn.reqParts.feed(b, off, len);
        }
      } else {
        if (s.txn.respHead.length < 64) {
          int keep = Math.min(64 - s.txn.respHead.length, len);
          byte[] h = java.util.Arrays.copyOf(s.txn.respHead, s.txn.respHead.length + keep);
          System.arraycopy(b, off, h, s.txn.respHead.length, keep);
          s.txn.respHead = h;
        }
        s.txn.respBody += len;
        if (s.txn.respDecoder != null) {
          s.txn.respDecoder.feed(b, off, len);
        }
      }
    }

    private void line(Conn c, boolean fromOrig, long ts, Side s, String l) {
      switch (s.state) {
        case LINE -> {
          if (l.isEmpty()) {
            return; // blank lines between messages
          }
          if (fromOrig) {
            request(c, ts, s, l);
          } else {
            reply(c, ts, s, l);
          }
        }
        case HEADERS -> {
          if (l.isEmpty()) {
            headersDone(c, fromOrig, s);
          } else {
            header(fromOrig, s, l);
          }
        }
        case CHUNK_SIZE -> {
          String hex = l.trim();
          int semi = hex.indexOf(';');
          if (semi >= 0) {
            hex = hex.substring(0, semi).trim();
          }
          long size;
          try {
            size = hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
          } catch (NumberFormatException e) {
            size = -1;
          }
          if (size < 0) {
            s.state = State.DEAD;
          } else if (size == 0) {
            s.state = State.TRAILER;
          } else {
            s.remaining = size;
            s.state = State.CHUNK_DATA;
          }
        }
        case CHUNK_END -> s.state = State.CHUNK_SIZE;
        case TRAILER -> {
          if (l.isEmpty()) {
            done(c, fromOrig, s);
          }
        }
        default -> {}
      }
    }

    private void request(Conn c, long ts, Side s, String l) {
      String[] parts = l.split(" +", 3);
      String method = parts[0];
      if (!METHODS.contains(method.toUpperCase(Locale.ROOT))) {
        s.state = State.DEAD;
        return;
      }
      Txn t = new Txn();
      t.ts = ts;
      t.method = method;
      t.uri = parts.length > 1 ? parts[1] : "";
      if (parts.length > 2 && parts[2].toUpperCase(Locale.ROOT).startsWith("HTTP/")) {
        t.reqVersion = parts[2].substring(5).trim();
        version(c, ts, 0, t.reqVersion);
      } else {
        t.reqVersion = "0.9";
      }
      String esc = Uri.escapeProblem(t.uri);
      if (esc != null) {
        weirds.report(c, ts, esc, null);
      }
      s.txn = t;
      waiting.add(t);
      s.chunked = false;
      s.contentLength = -1;
      s.encoding = null;
      s.contentType = null;
      s.contentRange = null;
      if ("0.9".equals(t.reqVersion)) {
        s.state = State.LINE;
        return;
      }
      s.state = State.HEADERS;
    }

    private void reply(Conn c, long ts, Side s, String l) {
      if (!l.regionMatches(true, 0, "HTTP/", 0, 5)) {
        Txn t = waiting.peek();
        if (t != null && "0.9".equals(t.reqVersion)) {
          // an HTTP/0.9 reply is the body alone, up to the end of the connection
          t.replied = true;
          t.respVersion = "0.9";
          t.status = 0;
          t.statusMsg = "<empty>";
          s.txn = t;
          byte[] bytes = (l + "\n").getBytes(StandardCharsets.ISO_8859_1);
          body(s, false, bytes, 0, bytes.length);
          s.state = State.UNTIL_CLOSE;
          return;
        }
        s.state = State.DEAD;
        return;
      }
      if (!confirmed) {
        confirmed = true;
        c.addService("http");
      }
      String[] parts = l.split(" ", 3);
      String version = parts[0].substring(5);
      int code;
      try {
        code = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
      } catch (NumberFormatException e) {
        code = 0;
      }
      String msg = parts.length > 2 ? parts[2] : "";
      Txn t = waiting.peek();
      if (t == null) {
        t = new Txn();
        t.ts = ts;
        waiting.add(t);
      }
      s.chunked = false;
      s.contentLength = -1;
      s.encoding = null;
      s.contentType = null;
      s.contentRange = null;
      if (code >= 100 && code < 200) {
        t.infoCode = code;
        t.infoMsg = msg;
        s.txn = t;
        s.state = State.HEADERS;
        s.remaining = -100; // marks an interim reply
        return;
      }
      t.respVersion = version;
      version(c, ts, 1, version);
      t.status = code;
      t.statusMsg = msg;
      t.replied = true;
      s.txn = t;
      s.remaining = 0;
      s.state = State.HEADERS;
    }

    private void header(boolean fromOrig, Side s, String l) {
      int colon = l.indexOf(':');
      if (colon <= 0 || s.txn == null) {
        return;
      }
      String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = l.substring(colon + 1).trim();
      Txn t = s.txn;
      switch (name) {
        case "content-length" -> {
          try {
            s.contentLength = Long.parseLong(value);
          } catch (NumberFormatException e) {
            s.contentLength = -1;
          }
        }
        case "transfer-encoding" -> s.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "content-encoding" -> s.encoding = value;
        case "content-type" -> s.contentType = value;
        case "content-range" -> s.contentRange = value;
        default -> {}
      }
      if (!fromOrig) {
        return;
      }
      switch (name) {
        case "host" -> t.host = value;
        case "referer" -> t.referrer = value;
        case "user-agent" -> t.userAgent = value;
        case "origin" -> t.origin = value;
        case "authorization" -> {
          if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
              String up =
                  new String(
                      Base64.getDecoder().decode(value.substring(6).trim()),
                      StandardCharsets.UTF_8);
              int k = up.indexOf(':');
              t.username = k >= 0 ? up.substring(0, k) : up;
            } catch (IllegalArgumentException notBase64) {
              t.username = "<problem-decoding>";
            }
          }
        }
        default -> {}
      }
    }

    private void headersDone(Conn c, boolean fromOrig, Side s) {
      Txn t = s.txn;
      if (!fromOrig && s.remaining == -100) {
        s.remaining = 0;
        s.state = State.LINE; // the final reply follows
        return;
      }
      if (fromOrig && t != null) {
        t.reqParts = Multipart.of(s.contentType);
      }
      if (!fromOrig && t != null && t.status != null && t.status == 206) {
        t.notFromStart = rangeStart(s.contentRange) != 0;
      }
      if (!fromOrig && t != null && s.encoding != null) {
        t.respDecoder = BodyDecoder.of(s.encoding, 64);
      }
      boolean noBody =
          !fromOrig
              && t != null
              && (("HEAD".equalsIgnoreCase(t.method))
                  || (t.status != null && (t.status == 204 || t.status == 304)));
      if (noBody) {
        done(c, false, s);
      } else if (s.chunked) {
        s.state = State.CHUNK_SIZE;
      } else if (s.contentLength > 0) {
        s.remaining = s.contentLength;
        s.state = State.BODY;
      } else if (s.contentLength == 0 || fromOrig) {
        done(c, fromOrig, s);
      } else {
        s.state = State.UNTIL_CLOSE;
      }
    }

    /** The first byte of {@code bytes FIRST-LAST/LENGTH}, or -1 when it does not parse. */
    static long rangeStart(String range) {
      if (range == null) {
        return -1;
      }
      String r = range.trim();
      if (!r.regionMatches(true, 0, "bytes", 0, 5)) {
        return -1;
      }
      r = r.substring(5).trim();
      int dash = r.indexOf('-');
      int slash = r.indexOf('/');
      if (dash <= 0 || slash < dash) {
        return -1;
      }
      try {
        long first = Long.parseLong(r.substring(0, dash).trim());
        Long.parseLong(r.substring(dash + 1, slash).trim());
        String length = r.substring(slash + 1).trim();
        if (!length.equals("*")) {
          Long.parseLong(length); // the complete length may be unknown (RFC 9110 14.4)
        }
        return first;
      } catch (NumberFormatException unparsable) {
        return -1;
      }
    }

    private void done(Conn c, boolean fromOrig, Side s) {
      s.state = State.LINE;
      if (fromOrig) {
        s.txn = null;
        return;
      }
      Txn t = waiting.poll();
      s.txn = null;
      if (t != null) {
        log(c, t);
      }
    }

    @Override
    public void gap(Conn c, boolean fromOrig, long len) {
      Side s = fromOrig ? req : resp;
      if (s.state == State.BODY || s.state == State.CHUNK_DATA) {
        long n = Math.min(len, s.remaining);
        if (s.txn != null) {
          if (fromOrig) {
            s.txn.reqBody += n;
          } else {
            s.txn.respBody += n;
          }
        }
        s.remaining -= n;
        if (s.remaining == 0) {
          if (s.state == State.CHUNK_DATA) {
            s.state = State.CHUNK_END;
          } else {
            done(c, fromOrig, s);
          }
        }
      } else if (s.state == State.UNTIL_CLOSE) {
        if (s.txn != null && !fromOrig) {
          s.txn.respBody += len;
        }
      } else {
        s.state = State.DEAD;
      }
    }

    @Override
    public void end(Conn c) {
      while (!waiting.isEmpty()) {
        log(c, waiting.poll());
      }
    }

    private void log(Conn c, Txn t) {
      depth++;
      long respBody = t.respBody;
      byte[] respHead = t.respHead;
      if (t.respDecoder != null) {
        t.respDecoder.end();
        // Zeek reports the length and type of the decoded content
        if (t.respDecoder.usable()) {
          respBody = t.respDecoder.decoded();
          respHead = t.respDecoder.head();
        }
      }
      String mime = respBody > 0 && !t.notFromStart ? Mime.sniff(respHead) : null;
      String version = t.respVersion;
      logs.write(
          "http",
          Schemas.HTTP,
          new Time(t.ts),
          c.uid,
          c.origH.toString(),
          c.origP,
          c.respH.toString(),
          c.respP,
          depth,
          t.method,
          t.host,
          t.uri == null ? null : Uri.decodeForLog(t.uri),
          t.referrer,
          version,
          t.userAgent,
          t.origin,
          t.reqBody,
          respBody,
          t.status,
          t.statusMsg,
          t.infoCode,
          t.infoMsg,
          List.of(),
          t.username,
          null,
          null,
          null,
          t.reqParts == null || t.reqParts.names().isEmpty() ? null : t.reqParts.names(),
          null,
          mime == null ? null : List.of("F" + Long.toHexString(t.ts ^ depth)),
          null,
          mime == null ? null : List.of(mime));
    }
  }
}
