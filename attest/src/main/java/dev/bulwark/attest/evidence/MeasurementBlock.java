package dev.bulwark.attest.evidence;

/**
 * One SPDM measurement block: its 1-based index, the DMTF value type and the value (a SHA-384
 * digest on Hopper), with the block's offset in the report.
 */
public record MeasurementBlock(int index, int valueType, byte[] value, int offset) {
  public MeasurementBlock {
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  public String hex() {
    return HexText.of(value);
  }
}
