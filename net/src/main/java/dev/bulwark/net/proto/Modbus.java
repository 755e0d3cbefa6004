package dev.bulwark.net.proto;

import dev.bulwark.net.flow.AppAnalyzer;
import dev.bulwark.net.flow.Conn;
import dev.bulwark.net.flow.Protocol;
import dev.bulwark.net.zeek.LogSet;
import dev.bulwark.net.zeek.Schemas;
import dev.bulwark.net.zeek.ZeekLogWriter.Time;
import java.util.Map;
import java.util.Set;

/**
 * Modbus/TCP into modbus.log: one record per message (MBAP header and function code), requests from
 * the originator, responses from the responder, and the exception code of an exception response,
 * with Zeek's names for functions and exceptions.
 */
public final class Modbus implements Protocol {
  static final Map<Integer, String> FUNCTIONS =
      Map.ofEntries(
          Map.entry(0x01, "READ_COILS"),
          Map.entry(0x02, "READ_DISCRETE_INPUTS"),
          Map.entry(0x03, "READ_HOLDING_REGISTERS"),
          Map.entry(0x04, "READ_INPUT_REGISTERS"),
          Map.entry(0x05, "WRITE_SINGLE_COIL"),
          Map.entry(0x06, "WRITE_SINGLE_REGISTER"),
          Map.entry(0x07, "READ_EXCEPTION_STATUS"),
          Map.entry(0x08, "DIAGNOSTICS"),
          Map.entry(0x0b, "GET_COMM_EVENT_COUNTER"),
          Map.entry(0x0c, "GET_COMM_EVENT_LOG"),
          Map.entry(0x0f, "WRITE_MULTIPLE_COILS"),
          Map.entry(0x10, "WRITE_MULTIPLE_REGISTERS"),
          Map.entry(0x11, "REPORT_SLAVE_ID"),
          Map.entry(0x14, "READ_FILE_RECORD"),
          Map.entry(0x15, "WRITE_FILE_RECORD"),
          Map.entry(0x16, "MASK_WRITE_REGISTER"),
          Map.entry(0x17, "READ_WRITE_MULTIPLE_REGISTERS"),
          Map.entry(0x18, "READ_FIFO_QUEUE"),
          Map.entry(0x2b, "ENCAP_INTERFACE_TRANSPORT"));

  static final Map<Integer, String> EXCEPTIONS =
      Map.of(
          0x01, "ILLEGAL_FUNCTION",
          0x02, "ILLEGAL_DATA_ADDRESS",
          0x03, "ILLEGAL_DATA_VALUE",
          0x04, "SLAVE_DEVICE_FAILURE",
          0x05, "ACKNOWLEDGE",
          0x06, "SLAVE_DEVICE_BUSY",
          0x08, "MEMORY_PARITY_ERROR",
          0x0a, "GATEWAY_PATH_UNAVAILABLE",
          0x0b, "GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND");

  private final LogSet logs;

  public Modbus(LogSet logs) {
    this.logs = logs;
  }

  @Override
  public String name() {
    return "modbus";
  }

  @Override
  public int transport() {
    return 6;
  }

  @Override
  public Set<Integer> ports() {
    return Set.of(502);
  }

  @Override
  public boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort) {
    return onPort;
  }

  /** Zeek's name of a function code: exception variants of known functions end in _EXCEPTION. */
  static String function(int code) {
    String f = FUNCTIONS.get(code);
    if (f != null) {
      return f;
    }
    String base = (code & 0x80) != 0 ? FUNCTIONS.get(code & 0x7f) : null;
    return base != null ? base + "_EXCEPTION" : "unknown-" + code;
  }

  static String exception(int code) {
    return EXCEPTIONS.getOrDefault(code, "unknown-" + code);
  }

  @Override
  public AppAnalyzer attach(Conn c) {
    c.addService("modbus");
    return new AppAnalyzer() {
      final byte[][] header = {new byte[8], new byte[8]};
      final int[] have = new int[2];
      final long[] skip = new long[2];

      /**
       * Logs each message once its header and function code are in and skips its body, across
       * segments. A header with a protocol id other than 0 or a length too short for unit and
       * function drops the rest of the segment, as Zeek's parser gives up on it.
       */
      @Override
      public void data(Conn conn, boolean fromOrig, long ts, byte[] d, int off, int len) {
        int s = fromOrig ? 0 : 1;
        int p = off;
        int end = off + len;
        while (p < end) {
          if (skip[s] > 0) {
            int n = (int) Math.min(skip[s], end - p);
            skip[s] -= n;
            p += n;
            continue;
          }
          byte[] h = header[s];
          while (have[s] < 8 && p < end) {
            h[have[s]++] = d[p++];
          }
          if (have[s] < 8) {
            return;
          }
          have[s] = 0;
          int pid = (h[2] & 0xff) << 8 | (h[3] & 0xff);
          int mlen = (h[4] & 0xff) << 8 | (h[5] & 0xff);
          if (pid != 0 || mlen < 2) {
            return;
          }
          int func = h[7] & 0xff;
          String exc = null;
          if (!fromOrig && (func & 0x80) != 0 && mlen >= 3 && p < end) {
            exc = exception(d[p] & 0xff);
          }
          logs.write(
              "modbus",
              Schemas.MODBUS,
              new Time(ts),
              conn.uid,
              conn.origH.toString(),
              conn.origP,
              conn.respH.toString(),
              conn.respP,
              (h[0] & 0xff) << 8 | (h[1] & 0xff),
              h[6] & 0xff,
              function(func),
              fromOrig ? "REQ" : "RESP",
              exc);
          skip[s] = mlen - 2;
        }
      }

      /** A hole counts against the body being skipped; a partial header is dropped. */
      @Override
      public void gap(Conn conn, boolean fromOrig, long len) {
        int s = fromOrig ? 0 : 1;
        have[s] = 0;
        skip[s] = Math.max(0, skip[s] - len);
      }
    };
  }
}
