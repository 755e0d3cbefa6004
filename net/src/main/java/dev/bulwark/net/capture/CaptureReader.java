package dev.bulwark.net.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the frames of one capture. Damage that ends the file early (a cut record, a block whose
 * length is impossible) is reported through {@link #problems()} rather than thrown, so that
 * everything before it is still analysed.
 */
public interface CaptureReader extends Closeable {
  /** The next frame, or {@code null} at the end of the capture (or at damage it cannot pass). */
  RawPacket next() throws IOException;

  /** What the reader could not read, each naming the frame or byte offset. */
  java.util.List<String> problems();
}
