package dev.bulwark.attest.verify;

import java.util.List;

/**
 * A golden measurement the report does not match: its index, which RIM it came from ({@code Driver}
 * or {@code Firmware}, NVIDIA's words), the accepted values and what the GPU reported.
 */
public record Mismatch(int index, String source, List<String> expected, String actual) {
  public Mismatch {
    expected = List.copyOf(expected);
  }
}
