package dev.bulwark.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipInputStream;

/**
 * How many bytes the archives and compressed streams read out of one input may expand to, in total
 * and as a multiple of the input's own size: the budget a zip bomb, a 42.zip-style nest or an
 * endless gzip stream runs into. Shared by every level of nesting, and it counts the bytes a reader
 * skips too, since skipping an entry still inflates it.
 */
public final class InflationBudget {
  /** Expansion below this many bytes is never judged by ratio: small files compress well. */
  private static final long RATIO_FLOOR = 64L << 20;

  private final long maxBytes;
  private final long maxRatio;
  private final long inputBytes;
  private long used;

  /**
   * @param maxBytes most bytes all streams together may yield
   * @param maxRatio most bytes yielded per byte of {@code inputBytes}, past the first 64 MB
   * @param inputBytes the size of the outermost input on disk
   */
  public InflationBudget(long maxBytes, int maxRatio, long inputBytes) {
    if (maxBytes < 1 || maxRatio < 1 || inputBytes < 0) {
      throw new IllegalArgumentException(
          "budget must be positive: " + maxBytes + " bytes, ratio " + maxRatio);
    }
    this.maxBytes = maxBytes;
    this.maxRatio = maxRatio;
    this.inputBytes = Math.max(1, inputBytes);
  }

  /** Bytes yielded so far. */
  public long used() {
    return used;
  }

  /** Counts {@code n} more bytes; throws once the budget is spent. */
  public void consume(long n) throws Exceeded {
    used += n;
    if (used > maxBytes) {
      throw new Exceeded("expands beyond " + (maxBytes >> 20) + " MB");
    }
    if (used > RATIO_FLOOR && used / inputBytes > maxRatio) {
      throw new Exceeded(
          "expands more than " + maxRatio + "x its size on disk (possible decompression bomb)");
    }
  }

  /** A zip stream whose every inflated byte, read or skipped, is charged to this budget. */
  public ZipInputStream zip(InputStream in) {
    return new ZipInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          consume(n);
        }
        return n;
      }
    };
  }

  /** A stream charging every byte read through it (a gzip stream, say) to this budget. */
  public InputStream charge(InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          consume(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          consume(n);
        }
        return n;
      }
    };
  }

  /** The budget is spent; the message says how, for a diagnostic that names the input. */
  public static final class Exceeded extends IOException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }
  }
}
