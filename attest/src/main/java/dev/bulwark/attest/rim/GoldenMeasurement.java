package dev.bulwark.attest.rim;

import java.util.List;

/**
 * One {@code Resource type="Measurement"} of a RIM: the 0-based index into the runtime
 * measurements, whether it is active, its size in bytes and the accepted values (lower-case hex).
 */
public record GoldenMeasurement(
    int index, boolean active, int size, String name, List<String> alternatives) {
  public GoldenMeasurement {
    alternatives = List.copyOf(alternatives);
  }
}
