package dev.bulwark.net.capture;

/**
 * One captured frame as the capture file holds it.
 *
 * @param number 1-based position in the capture file, as Wireshark numbers frames
 * @param tsNanos capture time in nanoseconds since the epoch
 * @param linkType the link-layer header type (LINKTYPE_* of the pcap registry)
 * @param wireLength the frame's length on the wire; larger than {@code data.length} when the
 *     capture cut it at the snapshot length
 * @param data the captured bytes
 */
public record RawPacket(long number, long tsNanos, int linkType, int wireLength, byte[] data) {
  public boolean truncated() {
    return wireLength > data.length;
  }
}
