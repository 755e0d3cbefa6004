package dev.bulwark.net.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The classic libpcap format: either byte order, micro- or nanosecond time stamps. */
public final class PcapReader implements CaptureReader {
  /** Larger records than this are damage, not packets (the largest link MTUs are 256 KiB). */
  static final int MAX_RECORD = 256 * 1024;

  private final Bytes in;
  private final boolean nanos;
  private final int linkType;
  private final List<String> problems = new ArrayList<>();
  private long number;
  private boolean done;

  /** Reads the file header; {@code in} is positioned at the start of the file. */
  public PcapReader(InputStream in) throws IOException {
    byte[] header = new byte[24];
    this.in = new Bytes(in);
    if (this.in.readFully(header) < 24) {
      throw new IOException("not a pcap file: shorter than the 24-byte header");
    }
    int magicBe = Bytes.u32be(header, 0);
    boolean little;
    switch (magicBe) {
      case 0xa1b2c3d4 -> {
        little = false;
        nanos = false;
      }
      case 0xd4c3b2a1 -> {
        little = true;
        nanos = false;
      }
      case 0xa1b23c4d -> {
        little = false;
        nanos = true;
      }
      case 0x4d3cb2a1 -> {
        little = true;
        nanos = true;
      }
      default -> throw new IOException("not a pcap file: magic " + Integer.toHexString(magicBe));
    }
    this.in.little = little;
    // The upper bits of the link-type word carry FCS information in newer writers.
    linkType = this.in.u32(header, 20) & 0x0fffffff;
  }

  public int linkType() {
    return linkType;
  }

  @Override
  public RawPacket next() throws IOException {
    if (done) {
      return null;
    }
    byte[] rec = new byte[16];
    int got = in.readFully(rec);
    if (got == 0) {
      done = true;
      return null;
    }
    long frame = number + 1;
    if (got < 16) {
      problems.add("frame " + frame + ": record header cut after " + got + " of 16 bytes");
      done = true;
      return null;
    }
    long sec = in.u32(rec, 0) & 0xffffffffL;
    long frac = in.u32(rec, 4) & 0xffffffffL;
    long incl = in.u32(rec, 8) & 0xffffffffL;
    long orig = in.u32(rec, 12) & 0xffffffffL;
    if (incl > MAX_RECORD) {
      problems.add(
          "frame "
              + frame
              + ": captured length "
              + incl
              + " is impossible; the rest is unreadable");
      done = true;
      return null;
    }
    byte[] data = new byte[(int) incl];
    int n = in.readFully(data);
    if (n < incl) {
      problems.add("frame " + frame + ": cut after " + n + " of " + incl + " bytes (file ends)");
      done = true;
      return null;
    }
    number = frame;
    long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
    return new RawPacket(
        frame, ts, linkType, (int) Math.min(Math.max(orig, incl), Integer.MAX_VALUE), data);
  }

  @Override
  public List<String> problems() {
    return problems;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
