package dev.bulwark.net.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a classic little-endian microsecond pcap: for building test captures and for replicating
 * captures into benchmark inputs.
 */
public final class PcapWriter implements Closeable {
  private final OutputStream out;

  public PcapWriter(OutputStream out, int linkType) throws IOException {
    this.out = out;
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    h.putInt(262144).putInt(linkType);
    out.write(h.array());
  }

  public void write(long tsNanos, byte[] frame, int wireLength) throws IOException {
    ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    long micros = tsNanos / 1000;
    r.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000));
    r.putInt(frame.length).putInt(Math.max(wireLength, frame.length));
    out.write(r.array());
    out.write(frame);
  }

  public void write(RawPacket p) throws IOException {
    write(p.tsNanos(), p.data(), p.wireLength());
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
