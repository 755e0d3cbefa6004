package dev.bulwark.net.flow;

import java.util.Set;

/**
 * An application protocol the flow table can attach: the ports Zeek registers it for (which are
 * also the "likely server ports" that decide who originated a midstream connection) and a content
 * test, so that it is found on any port.
 */
public interface Protocol {
  /** The name used by {@code --only} and in conn.log's service column. */
  String name();

  /** TCP (6) or UDP (17). */
  int transport();

  Set<Integer> ports();

  /**
   * Whether the first payload of a connection (from the given side) is this protocol; {@code
   * onPort} says the connection uses one of its ports.
   */
  boolean matches(byte[] b, int off, int len, boolean fromOrig, boolean onPort);

  AppAnalyzer attach(Conn c);

  /**
   * The service of a new connection this protocol announced beforehand (FTP's data connections), or
   * {@code null}.
   */
  default String expectedService(Conn c) {
    return null;
  }
}
