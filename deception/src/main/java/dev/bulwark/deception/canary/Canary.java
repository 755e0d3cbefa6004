package dev.bulwark.deception.canary;

import java.time.Instant;
import java.util.Objects;

/**
 * One canary token: its unique id, what it is, where it calls home, and what to plant (text, or the
 * name of a file written beside it for documents). The registry keeps these; a call-back naming the
 * id is an alert.
 */
public record Canary(
    String id, CanaryKind kind, Instant created, String memo, String callback, String planted) {
  public Canary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    if (!id.matches("[a-z0-9]{20}")) {
      throw new IllegalArgumentException(
          "canary id must be 20 lower-case base32 characters: " + id);
    }
  }
}
