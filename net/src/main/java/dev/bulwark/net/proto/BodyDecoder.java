package dev.bulwark.net.proto;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes a body's {@code Content-Encoding: gzip} or {@code deflate} as it streams, counting the
 * decoded bytes and keeping the first few: Zeek's http.log reports the uncompressed body length and
 * the MIME type of the uncompressed content. Memory is bounded (one output block, the head kept);
 * the decoded data itself is not stored.
 */
final class BodyDecoder {
  /** Bytes of the gzip header held while it is incomplete; longer headers are not followed. */
  private static final int MAX_HEADER = 4096;

  private final boolean gzip;
  private final int headLimit;
  private Inflater inflater;
  private byte[] pending = new byte[0];
  private final byte[] out = new byte[16 * 1024];
  private byte[] head = new byte[0];
  private long decoded;
  private boolean failed;

  private BodyDecoder(boolean gzip, int headLimit) {
    this.gzip = gzip;
    this.headLimit = headLimit;
  }

  /** A decoder for a Content-Encoding value, or null when it is not one Zeek decodes. */
  static BodyDecoder of(String encoding, int headLimit) {
    String e = encoding.trim().toLowerCase(java.util.Locale.ROOT);
    return switch (e) {
      case "gzip", "x-gzip" -> new BodyDecoder(true, headLimit);
      case "deflate" -> new BodyDecoder(false, headLimit);
      default -> null;
    };
  }

  /** Whether the body was decoded at all: a body that never opened is counted as sent. */
  boolean usable() {
    return inflater != null && (decoded > 0 || !failed);
  }

  long decoded() {
    return decoded;
  }

  byte[] head() {
    return head;
  }

  void feed(byte[] b, int off, int len) {
    if (failed || len <= 0) {
      return;
    }
    if (inflater == null) {
      byte[] buf = Arrays.copyOf(pending, pending.length + len);
      System.arraycopy(b, off, buf, pending.length, len);
      int start = gzip ? gzipHeader(buf) : deflateStart(buf);
      if (start < 0) {
        pending = buf;
        if (pending.length > MAX_HEADER) {
          failed = true;
        }
        return;
      }
      pending = new byte[0];
      inflater.setInput(buf, start, buf.length - start);
    } else {
      inflater.setInput(b, off, len);
    }
    try {
      while (!inflater.finished() && !inflater.needsInput()) {
        int n = inflater.inflate(out);
        if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
          break;
        }
        take(n);
      }
    } catch (DataFormatException damaged) {
      // what was decoded before the damage stays counted, as Zeek's stream decoder leaves it
      failed = true;
    }
  }

  void end() {
    if (inflater != null) {
      inflater.end();
    }
  }

  private void take(int n) {
    if (head.length < headLimit) {
      int keep = Math.min(headLimit - head.length, n);
      byte[] h = Arrays.copyOf(head, head.length + keep);
      System.arraycopy(out, 0, h, head.length, keep);
      head = h;
    }
    decoded += n;
  }

  /** A deflate body with a zlib header is read as such; without one, as raw deflate data. */
  private int deflateStart(byte[] b) {
    if (b.length < 2) {
      return -1;
    }
    int cmf = b[0] & 0xff;
    boolean zlib = (cmf & 0x0f) == 8 && ((cmf << 8) | (b[1] & 0xff)) % 31 == 0;
    inflater = new Inflater(!zlib);
    return 0;
  }

  /** The offset of the deflate data after a gzip header (RFC 1952), or -1 while it is cut. */
  private int gzipHeader(byte[] b) {
    if (b.length < 10) {
      return -1;
    }
    if ((b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
      failed = true;
      return -1;
    }
    int flags = b[3] & 0xff;
    int p = 10;
    if ((flags & 4) != 0) {
      if (p + 2 > b.length) {
        return -1;
      }
      p += 2 + ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
    }
    for (int bit : new int[] {8, 16}) {
      if ((flags & bit) != 0) {
        while (p < b.length && b[p] != 0) {
          p++;
        }
        if (p >= b.length) {
          return -1;
        }
        p++;
      }
    }
    if ((flags & 2) != 0) {
      p += 2;
    }
    if (p > b.length) {
      return -1;
    }
    inflater = new Inflater(true);
    return p;
  }
}
