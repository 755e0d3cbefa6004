package dev.bulwark.attest.cert;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of validating a certificate chain: whether it holds, its status in NVIDIA's claim
 * words ({@code valid}, {@code expired}, {@code invalid}), why not, and the earliest not-after.
 */
public record ChainResult(
    boolean valid, String status, String error, Instant expiration, List<String> subjects) {
  public ChainResult {
    subjects = List.copyOf(subjects);
    error = error == null ? "" : error;
  }
}
