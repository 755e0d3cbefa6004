package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Interval;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.util.Set;

/**
 * NTP (RFC 5905) into ntp.log, one record per message from either side, as Zeek's NTP analyzer
 * writes it: the header's fields for modes 1–5, only version and mode for control messages (6).
 * Private (mode 7, ntpdc) messages are not logged: Zeek's baselines leave them out.
 */
public final class Ntp implements Protocol {
  /** Seconds from the NTP era (1900) to the Unix epoch. */
  static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

  private final LogSet logs;

  public Ntp(LogSet logs) {
    this.logs = logs;
  }

  @Override
  public String name() {
    return "ntp";
  }

  @Override
  public int transport() {
    return 17;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(123);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    if (!onPort || len < 1) {
      return false;
    }
    int v = (b[off] >> 3) & 7;
    int mode = b[off] & 7;
    return v >= 1 && v <= 4 && (mode >= 6 || len >= 48);
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    c.addService("ntp");
    return (conn, fromOrig, ts, b, off, len) -> message(conn, ts, b, off, len);
  }

  /** The decoded header of one message; {@code null} fields are unset in the log. */
  public record Message(
      int version,
      int mode,
      Integer stratum,
      Interval poll,
      Interval precision,
      Interval rootDelay,
      Interval rootDisp,
      String refId,
      Time refTime,
      Time orgTime,
      Time recTime,
      Time xmtTime,
      Integer numExts) {}

  /** Decodes one NTP datagram, or {@code null} when it is too short for its mode. */
  public static Message parse(byte[] b, int off, int len) {
    if (len < 1) {
      return null;
    }
    int version = (b[off] >> 3) & 7;
    int mode = b[off] & 7;
    if (mode == 7) {
      return null;
    }
    if (mode == 6) {
      return new Message(
          version, mode, null, null, null, null, null, null, null, null, null, null, null);
    }
    if (len < 48) {
      return null;
    }
    int stratum = b[off + 1] & 0xff;
    Interval poll = power(b[off + 2]);
    Interval precision = power(b[off + 3]);
    Interval delay = shortFormat(b, off + 4);
    Interval disp = shortFormat(b, off + 8);
    String refId;
    if (stratum <= 1) {
      // a kiss code or a reference clock's name: four ASCII bytes, as they are
      refId = Text.of(b, off + 12, 4);
    } else {
      refId =
          (b[off + 12] & 0xff)
              + "."
              + (b[off + 13] & 0xff)
              + "."
              + (b[off + 14] & 0xff)
              + "."
              + (b[off + 15] & 0xff);
    }
    return new Message(
        version,
        mode,
        stratum,
        poll,
        precision,
        delay,
        disp,
        refId,
        timestamp(b, off + 16),
        timestamp(b, off + 24),
        timestamp(b, off + 32),
        timestamp(b, off + 40),
        extensions(b, off + 48, len - 48));
  }

  /** 2 to the power of a signed exponent, in seconds (poll and precision). */
  private static Interval power(byte exp) {
    return new Interval(Math.round(Math.scalb(1.0, exp) * 1e9));
  }

  /** NTP's short format: 16 bits of seconds, 16 of fraction. */
  private static Interval shortFormat(byte[] b, int off) {
    long v = u32(b, off);
    return new Interval((v >>> 16) * 1_000_000_000L + (((v & 0xffff) * 1_000_000_000L) >>> 16));
  }

  /**
   * A 64-bit NTP timestamp as Unix time; all zero bits stay 0, as Zeek shows them. Zeek holds it as
   * a double and prints six decimals of it, so the same double is rounded the same way here
   * (rounding nanoseconds first would move some sixth decimals).
   */
  private static Time timestamp(byte[] b, int off) {
    long sec = u32(b, off);
    long frac = u32(b, off + 4);
    if (sec == 0 && frac == 0) {
      return new Time(0);
    }
    double unix = (sec - NTP_EPOCH_OFFSET) + frac / 4294967296.0;
    long micros =
        new java.math.BigDecimal(unix)
            .setScale(6, java.math.RoundingMode.HALF_EVEN)
            .movePointRight(6)
            .longValueExact();
    return new Time(micros * 1000);
  }

  /**
   * Extension fields after the 48-byte header (RFC 7822): type, length (a multiple of 4, at least
   * 16), value; what is left at the end, 20 or 24 bytes, is the message authentication code.
   */
  static int extensions(byte[] b, int off, int len) {
    int n = 0;
    int p = 0;
    while (len - p > 24) {
      int fl = (b[off + p + 2] & 0xff) << 8 | (b[off + p + 3] & 0xff);
      if (fl < 16 || fl % 4 != 0 || p + fl > len) {
        break;
      }
      n++;
      p += fl;
    }
    return n;
  }

  private static long u32(byte[] b, int off) {
    return ((b[off] & 0xffL) << 24)
        | ((b[off + 1] & 0xffL) << 16)
        | ((b[off + 2] & 0xffL) << 8)
        | (b[off + 3] & 0xffL);
  }

  private void message(Conn c, long ts, byte[] b, int off, int len) {
    Message m = parse(b, off, len);
    if (m == null) {
      return;
    }
    logs.write(
        "ntp",
        Schemas.NTP,
        new Time(ts),
        c.uid,
        c.origH.toString(),
        c.origP,
        c.respH.toString(),
        c.respP,
        m.version(),
        m.mode(),
        m.stratum(),
        m.poll(),
        m.precision(),
        m.rootDelay(),
        m.rootDisp(),
        m.refId(),
        m.refTime(),
        m.orgTime(),
        m.recTime(),
        m.xmtTime(),
        m.numExts());
  }
}
