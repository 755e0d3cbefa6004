package dev.bulwark.net.capture;

import java.io.IOException;
import java.io.InputStream;

/** Reading whole records from a stream, with the file's byte order. */
final class Bytes {
  private final InputStream in;
  boolean little;

  Bytes(InputStream in) {
    this.in = in;
  }

  /** Reads up to {@code b.length} bytes; fewer only at the end of the stream. */
  int readFully(byte[] b) throws IOException {
    return readFully(b, 0, b.length);
  }

  int readFully(byte[] b, int off, int len) throws IOException {
    int total = 0;
    while (total < len) {
      int n = in.read(b, off + total, len - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  long skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          break;
        }
        s = 1;
      }
      left -= s;
    }
    return n - left;
  }

  int u32(byte[] b, int off) {
    return little ? u32le(b, off) : u32be(b, off);
  }

  int u16(byte[] b, int off) {
    return little
        ? (b[off] & 0xff) | (b[off + 1] & 0xff) << 8
        : (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  static int u32be(byte[] b, int off) {
    return (b[off] & 0xff) << 24
        | (b[off + 1] & 0xff) << 16
        | (b[off + 2] & 0xff) << 8
        | (b[off + 3] & 0xff);
  }

  static int u32le(byte[] b, int off) {
    return (b[off] & 0xff)
        | (b[off + 1] & 0xff) << 8
        | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  void close() throws IOException {
    in.close();
  }
}
