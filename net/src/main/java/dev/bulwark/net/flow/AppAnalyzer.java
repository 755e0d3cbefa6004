package dev.bulwark.net.flow;

/**
 * An application-layer analyzer attached to one connection. TCP analyzers receive each side's bytes
 * in order (holes reported through {@link #gap}); UDP analyzers receive one datagram per call.
 */
public interface AppAnalyzer {
  void data(Conn c, boolean fromOrig, long ts, byte[] b, int off, int len);

  /** Bytes of one side that were never seen; the stream continues after them. */
  default void gap(Conn c, boolean fromOrig, long len) {}

  /** The connection ended (closed, timed out or the capture ended). */
  default void end(Conn c) {}
}
