package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Redis (RESP2/RESP3) into redis.log: each command (RESP array or inline line) paired in order with
 * its reply — {@code success} false for error replies, the reply's value as text (arrays in
 * brackets) — with the key and value of the string commands that have them. {@code CLIENT REPLY
 * OFF/SKIP} is honoured: commands the server will not answer are logged without a reply.
 */
public final class Redis implements Protocol {
  /** Commands whose first argument is the key. */
  static final Set<String> KEYED =
      Set.of(
          "GET",
          "SET",
          "SETNX",
          "SETEX",
          "PSETEX",
          "GETSET",
          "GETDEL",
          "GETEX",
          "GETRANGE",
          "SETRANGE",
          "APPEND",
          "STRLEN",
          "INCR",
          "DECR",
          "INCRBY",
          "DECRBY",
          "INCRBYFLOAT");

  /** Commands whose second argument is the value. */
  static final Set<String> VALUED = Set.of("SET", "SETNX", "GETSET", "APPEND");

  /** Bytes buffered per side while a message is incomplete, at most. */
  static final int MAX_BUFFER = 1 << 20;

  /** Nesting of arrays followed at most, and commands waiting for replies. */
  static final int MAX_DEPTH = 32;

  static final int MAX_PENDING = 10_000;

  private final LogSet logs;

  public Redis(LogSet logs) {
    this.logs = logs;
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public int transport() {
    return 6;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(6379);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    return onPort;
  }

  /** A parsed RESP value: its text as Zeek logs it, whether it is an error, and its parts. */
  public record Value(String text, boolean error, List<String> parts, boolean attribute) {}

  /**
   * One RESP value at {@code at[0]}, advancing it; {@code null} when the bytes end first (the
   * caller waits for more).
   */
  public static Value resp(byte[] b, int[] at, int end, int depth) {
    int p = at[0];
    if (p >= end || depth > MAX_DEPTH) {
      return null;
    }
    int nl = lineEnd(b, p, end);
    if (nl < 0) {
      return null;
    }
    char type = (char) (b[p] & 0xff);
    String line = Text.of(b, p + 1, nl - p - 1);
    int next = nl + 1 < end && b[nl] == '\r' ? nl + 2 : nl + 1;
    switch (type) {
      case '+', ':', ',', '#', '(' -> {
        at[0] = next;
        return new Value(line, false, List.of(line), false);
      }
      case '-', '!' -> {
        at[0] = next;
        if (type == '!') {
          Value v = bulk(b, next, end, line, at);
          return v == null ? null : new Value(v.text(), true, v.parts(), false);
        }
        return new Value(line, true, List.of(line), false);
      }
      case '_' -> {
        at[0] = next;
        return new Value(null, false, List.of(), false);
      }
      case '$', '=' -> {
        return bulk(b, next, end, line, at);
      }
      case '*', '~', '>', '%', '|' -> {
        long n;
        try {
          n = Long.parseLong(line.strip());
        } catch (NumberFormatException e) {
          at[0] = next;
          return new Value(line, false, List.of(line), false);
        }
        if (n < 0) {
          at[0] = next;
          return new Value(null, false, List.of(), false);
        }
        long items = type == '%' || type == '|' ? n * 2 : n;
        List<String> parts = new ArrayList<>();
        int[] q = {next};
        for (long i = 0; i < items; i++) {
          Value v = resp(b, q, end, depth + 1);
          if (v == null) {
            return null;
          }
          parts.add(v.text() == null ? "-" : v.text());
        }
        at[0] = q[0];
        return new Value("[" + String.join(", ", parts) + "]", false, parts, type == '|');
      }
      default -> {
        return null;
      }
    }
  }

  private static Value bulk(byte[] b, int next, int end, String line, int[] at) {
    long n;
    try {
      n = Long.parseLong(line.strip());
    } catch (NumberFormatException e) {
      at[0] = next;
      return new Value(line, false, List.of(line), false);
    }
    if (n < 0) {
      at[0] = next;
      return new Value(null, false, List.of(), false);
    }
    if (next + n > end) {
      return null;
    }
    String s = Text.of(b, next, (int) n);
    int after = next + (int) n;
    if (after < end && b[after] == '\r') {
      after++;
    }
    if (after < end && b[after] == '\n') {
      after++;
    } else if (after >= end) {
      return null;
    }
    at[0] = after;
    return new Value(s, false, List.of(s), false);
  }

  private static int lineEnd(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      if (b[i] == '\n') {
        return i > p && b[i - 1] == '\r' ? i - 1 : i;
      }
    }
    return -1;
  }

  /** An inline command split on blanks; quoted words keep their quotes, as Zeek logs them. */
  public static List<String> inline(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      char q = line.charAt(i);
      if (q == '"' || q == '\'') {
        i++;
        while (i < n && line.charAt(i) != q) {
          if (line.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          i++;
        }
        i = Math.min(n, i + 1);
      } else {
        while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
          i++;
        }
      }
      out.add(line.substring(start, i));
    }
    return out;
  }

  /** A command waiting for its reply. */
  private static final class Cmd {
    long ts;
    String name;
    String key;
    String value;
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    c.addService("redis");
    return new AppAnalyzer() {
      final byte[][] buf = {new byte[0], new byte[0]};
      final Deque<Cmd> pending = new ArrayDeque<>();
      boolean replyOff;
      int skip; // commands whose reply the server will not send (CLIENT REPLY SKIP)

      @Override
      public void data(Conn conn, boolean fromOrig, long ts, byte[] b, int off, int len) {
        int s = fromOrig ? 0 : 1;
        byte[] d = Tls.concat(buf[s], b, off, len);
        int[] at = {0};
        while (at[0] < d.length) {
          int before = at[0];
          if (fromOrig) {
            List<String> words;
            if (d[at[0]] == '*') {
              Value v = resp(d, at, d.length, 0);
              if (v == null) {
                break;
              }
              words = v.parts();
            } else {
              int nl = lineEnd(d, at[0], d.length);
              if (nl < 0) {
                break;
              }
              words = inline(Text.of(d, at[0], nl - at[0]));
              at[0] = nl + 1 < d.length && d[nl] == '\r' ? nl + 2 : nl + 1;
            }
            command(conn, ts, words);
          } else {
            Value v = resp(d, at, d.length, 0);
            if (v == null) {
              break;
            }
            if (!v.attribute()) {
              reply(conn, v);
            }
          }
          if (at[0] == before) {
            break;
          }
        }
        buf[s] =
            d.length - at[0] > MAX_BUFFER
                ? new byte[0]
                : java.util.Arrays.copyOfRange(d, at[0], d.length);
      }

      private void command(Conn conn, long ts, List<String> words) {
        if (words.isEmpty()) {
          return;
        }
        Cmd cmd = new Cmd();
        cmd.ts = ts;
        cmd.name = words.get(0);
        String upper = cmd.name.toUpperCase(Locale.ROOT);
        if (KEYED.contains(upper) && words.size() > 1) {
          cmd.key = words.get(1);
        }
        if (VALUED.contains(upper) && words.size() > 2) {
          cmd.value = words.get(2);
        }
        boolean clientReply =
            upper.equals("CLIENT") && words.size() > 2 && words.get(1).equalsIgnoreCase("REPLY");
        String mode = clientReply ? words.get(2).toUpperCase(Locale.ROOT) : "";
        boolean answered = !replyOff && skip == 0;
        if (skip > 0) {
          skip--;
        }
        if (clientReply && mode.equals("ON")) {
          replyOff = false;
          answered = true;
        } else if (clientReply && mode.equals("OFF")) {
          replyOff = true;
          answered = false;
        } else if (clientReply && mode.equals("SKIP")) {
          skip = 1;
          answered = false;
        }
        if (!answered) {
          write(conn, cmd, null, null);
        } else if (pending.size() < MAX_PENDING) {
          pending.addLast(cmd);
        }
      }

      private void reply(Conn conn, Value v) {
        Cmd cmd = pending.pollFirst();
        if (cmd == null) {
          return;
        }
        write(conn, cmd, !v.error(), v.text());
      }

      @Override
      public void end(Conn conn) {
        while (!pending.isEmpty()) {
          write(conn, pending.pollFirst(), null, null);
        }
      }
    };
  }

  private void write(Conn c, Cmd cmd, Boolean success, String reply) {
    logs.write(
        "redis",
        Schemas.REDIS,
        new Time(cmd.ts),
        c.uid,
        c.origH.toString(),
        c.origP,
        c.respH.toString(),
        c.respP,
        cmd.name,
        cmd.key,
        cmd.value,
        success,
        reply);
  }
}
