package dev.bulwark.net.detect;

import dev.bulwark.core.model.PropertyKey;

/** The finding properties network detections publish. */
public final class NetProperties {
  private NetProperties() {}

  /** The Zeek uid of the connection the finding cites. */
  public static final PropertyKey<String> UID =
      PropertyKey.text("net-uid", "the Zeek uid of the connection the finding cites");

  /** The flow as {@code orig:port -> resp:port/proto}. */
  public static final PropertyKey<String> FLOW =
      PropertyKey.text("net-flow", "the flow as orig:port -> resp:port/proto");

  /** The log the record came from (conn, dns, http …). */
  public static final PropertyKey<String> LOG =
      PropertyKey.text("net-log", "the Zeek log the record came from");

  /** The originating host's address, which joins network findings to host events. */
  public static final PropertyKey<String> HOST =
      PropertyKey.text(
          "net-host", "the originating host address, joining network findings to host events");

  public static final java.util.List<PropertyKey<?>> ALL = java.util.List.of(UID, FLOW, LOG, HOST);
}
