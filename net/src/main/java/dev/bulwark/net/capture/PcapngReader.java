package dev.bulwark.net.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The pcapng format: section header, interface description, enhanced, simple and obsolete packet
 * blocks; several interfaces each with its own link type and time resolution; several sections,
 * each with its own byte order. Other blocks (name resolution, statistics, custom) are skipped.
 */
public final class PcapngReader implements CaptureReader {
  static final int SHB = 0x0A0D0D0A;
  static final int IDB = 1;
  static final int OPB = 2;
  static final int SPB = 3;
  static final int EPB = 6;

  /** A block larger than this is damage; real blocks hold one packet or a few options. */
  static final int MAX_BLOCK = 16 * 1024 * 1024;

  private record Interface(int linkType, int snapLen, long unitsPerSecond, long offsetSeconds) {}

  private final Bytes in;
  private final List<Interface> interfaces = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private long number;
  private long offset;
  private boolean done;

  public PcapngReader(InputStream in) throws IOException {
    this.in = new Bytes(in);
    byte[] head = new byte[12];
    if (this.in.readFully(head) < 12 || Bytes.u32be(head, 0) != SHB) {
      throw new IOException("not a pcapng file: no section header block");
    }
    readSectionHeader(head);
  }

  private void readSectionHeader(byte[] head) throws IOException {
    int bom = Bytes.u32be(head, 8);
    if (bom == 0x1A2B3C4D) {
      in.little = false;
    } else if (bom == 0x4D3C2B1A) {
      in.little = true;
    } else {
      throw new IOException(
          "damaged pcapng section header at byte "
              + offset
              + ": byte-order magic "
              + Integer.toHexString(bom));
    }
    long len = in.u32(head, 4) & 0xffffffffL;
    if (len < 28 || len > MAX_BLOCK || len % 4 != 0) {
      throw new IOException("damaged pcapng section header at byte " + offset + ": length " + len);
    }
    interfaces.clear();
    in.skip(len - 12);
    offset += len;
  }

  @Override
  public RawPacket next() throws IOException {
    while (!done) {
      byte[] head = new byte[8];
      int got = in.readFully(head);
      if (got == 0) {
        done = true;
        return null;
      }
      if (got < 8) {
        problems.add("block at byte " + offset + ": cut after " + got + " bytes (file ends)");
        done = true;
        return null;
      }
      int type = Bytes.u32be(head, 0);
      if (type == SHB) {
        byte[] shb = new byte[12];
        System.arraycopy(head, 0, shb, 0, 8);
        if (in.readFully(shb, 8, 4) < 4) {
          problems.add("section header at byte " + offset + ": cut (file ends)");
          done = true;
          return null;
        }
        try {
          readSectionHeader(shb);
        } catch (IOException damaged) {
          problems.add(damaged.getMessage());
          done = true;
          return null;
        }
        continue;
      }
      type = in.u32(head, 0);
      long len = in.u32(head, 4) & 0xffffffffL;
      if (len < 12 || len > MAX_BLOCK || len % 4 != 0) {
        problems.add(
            "block at byte " + offset + ": impossible length " + len + "; the rest is unreadable");
        done = true;
        return null;
      }
      byte[] body = new byte[(int) len - 8];
      int n = in.readFully(body);
      long at = offset;
      offset += 8 + n;
      if (n < body.length) {
        problems.add("block at byte " + at + ": cut after " + (8 + n) + " of " + len + " bytes");
        done = true;
        return null;
      }
      RawPacket p = block(type, body, at);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  private RawPacket block(int type, byte[] b, long at) {
    int bodyLen = b.length - 4; // trailing copy of the length
    switch (type) {
      case IDB -> {
        if (bodyLen < 8) {
          problems.add("interface block at byte " + at + ": too short");
          interfaces.add(new Interface(1, 0, 1_000_000, 0));
          return null;
        }
        int link = in.u16(b, 0);
        int snap = in.u32(b, 4);
        long units = 1_000_000;
        long tsOffset = 0;
        int p = 8;
        while (p + 4 <= bodyLen) {
          int code = in.u16(b, p);
          int olen = in.u16(b, p + 2);
          p += 4;
          if (code == 0 || p + olen > bodyLen) {
            break;
          }
          if (code == 9 && olen >= 1) {
            int r = b[p] & 0xff;
            int exp = r & 0x7f;
            if ((r & 0x80) == 0) {
              units = exp <= 18 ? pow(10, exp) : 1_000_000;
            } else {
              units = exp <= 62 ? 1L << exp : 1_000_000;
            }
          } else if (code == 14 && olen >= 8) {
            tsOffset =
                in.little
                    ? (Bytes.u32le(b, p) & 0xffffffffL) | (long) Bytes.u32le(b, p + 4) << 32
                    : (long) Bytes.u32be(b, p) << 32 | (Bytes.u32be(b, p + 4) & 0xffffffffL);
          }
          p += (olen + 3) & ~3;
        }
        interfaces.add(new Interface(link, snap, units, tsOffset));
        return null;
      }
      case EPB, OPB -> {
        if (bodyLen < 20) {
          problems.add("packet block at byte " + at + ": too short");
          return null;
        }
        int ifc = type == EPB ? in.u32(b, 0) : in.u16(b, 0);
        long hi = in.u32(b, 4) & 0xffffffffL;
        long lo = in.u32(b, 8) & 0xffffffffL;
        long cap = in.u32(b, 12) & 0xffffffffL;
        long orig = in.u32(b, 16) & 0xffffffffL;
        long frame = ++number;
        if (ifc < 0 || ifc >= interfaces.size()) {
          problems.add(
              "frame " + frame + ": names interface " + ifc + ", which was never described");
          return null;
        }
        if (cap > bodyLen - 20) {
          problems.add("frame " + frame + ": captured length " + cap + " exceeds its block");
          cap = bodyLen - 20;
        }
        Interface i = interfaces.get(ifc);
        byte[] data = new byte[(int) cap];
        System.arraycopy(b, 20, data, 0, (int) cap);
        long units = hi << 32 | lo;
        long ts = toNanos(units, i);
        return new RawPacket(frame, ts, i.linkType(), (int) Math.max(orig, cap), data);
      }
      case SPB -> {
        long frame = ++number;
        if (interfaces.isEmpty() || bodyLen < 4) {
          problems.add("frame " + frame + ": simple packet block without an interface");
          return null;
        }
        Interface i = interfaces.get(0);
        long orig = in.u32(b, 0) & 0xffffffffL;
        int cap = (int) Math.min(orig, bodyLen - 4);
        if (i.snapLen() > 0) {
          cap = Math.min(cap, i.snapLen());
        }
        byte[] data = new byte[cap];
        System.arraycopy(b, 4, data, 0, cap);
        return new RawPacket(frame, 0, i.linkType(), (int) Math.max(orig, cap), data);
      }
      default -> {
        return null; // name resolution, statistics, custom blocks: nothing a flow needs
      }
    }
  }

  private static long toNanos(long units, Interface i) {
    long per = i.unitsPerSecond();
    long sec = units / per + i.offsetSeconds();
    long rem = units % per;
    long nanos =
        per >= 1_000_000_000L ? rem / (per / 1_000_000_000L) : rem * (1_000_000_000L / per);
    if (per < 1_000_000_000L && 1_000_000_000L % per != 0) {
      nanos = (long) ((double) rem * 1e9 / per);
    }
    return sec * 1_000_000_000L + nanos;
  }

  private static long pow(long base, int exp) {
    long r = 1;
    for (int k = 0; k < exp; k++) {
      r *= base;
    }
    return r;
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
