package dev.bulwark.net.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a capture by its content: pcap or pcapng, gzip-compressed or not. */
public final class Captures {
  private Captures() {}

  /** Whether the first bytes look like a capture (or a gzip stream, which may hold one). */
  public static boolean looksLikeCapture(byte[] head, int n) {
    if (n < 4) {
      return false;
    }
    int m = Bytes.u32be(head, 0);
    return m == 0xa1b2c3d4
        || m == 0xd4c3b2a1
        || m == 0xa1b23c4d
        || m == 0x4d3cb2a1
        || m == PcapngReader.SHB;
  }

  public static CaptureReader open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      return open(raw);
    } catch (IOException e) {
      raw.close();
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  public static CaptureReader open(InputStream input) throws IOException {
    InputStream in = input.markSupported() ? input : new BufferedInputStream(input, 1 << 16);
    in.mark(4);
    byte[] head = in.readNBytes(4);
    in.reset();
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      in.mark(4);
      head = in.readNBytes(4);
      in.reset();
    }
    if (head.length < 4) {
      throw new IOException("not a capture: shorter than 4 bytes");
    }
    if (Bytes.u32be(head, 0) == PcapngReader.SHB) {
      return new PcapngReader(in);
    }
    return new PcapReader(in);
  }
}
