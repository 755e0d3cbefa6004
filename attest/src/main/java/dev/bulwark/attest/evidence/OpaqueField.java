package dev.bulwark.attest.evidence;

import java.util.Objects;

/** One type-size-value field of the opaque data, with its offset in the report. */
public record OpaqueField(OpaqueType type, int offset, byte[] data) {
  public OpaqueField {
    Objects.requireNonNull(type, "type");
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
