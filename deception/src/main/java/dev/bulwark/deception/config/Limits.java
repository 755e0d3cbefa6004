package dev.bulwark.deception.config;

import java.time.Duration;

/**
 * What one attacker, and all of them together, may take from the honeypot: connections (overall and
 * per source address), sessions (channels) per connection, input bytes per connection, time per
 * connection and idle time, bytes of one upload and of the fake file system.
 */
public record Limits(
    int maxConnections,
    int maxPerSource,
    int maxSessionsPerConnection,
    long maxInputBytes,
    Duration maxDuration,
    Duration idleTimeout,
    long maxUploadBytes,
    long maxFsBytes,
    int maxLineLength) {
  public Limits {
    requirePositive("max-connections", maxConnections);
    requirePositive("max-per-source", maxPerSource);
    requirePositive("max-sessions-per-connection", maxSessionsPerConnection);
    requirePositive("max-input-bytes", maxInputBytes);
    requirePositive("max-upload-bytes", maxUploadBytes);
    requirePositive("max-fs-bytes", maxFsBytes);
    requirePositive("max-line-length", maxLineLength);
    if (maxDuration.isNegative()
        || maxDuration.isZero()
        || idleTimeout.isNegative()
        || idleTimeout.isZero()) {
      throw new IllegalArgumentException(
          "durations must be positive: " + maxDuration + ", " + idleTimeout);
    }
  }

  private static void requirePositive(String name, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
  }

  public static Limits defaults() {
    return new Limits(
        1024,
        16,
        4,
        1 << 20,
        Duration.ofMinutes(15),
        Duration.ofMinutes(3),
        8 << 20,
        4 << 20,
        64 * 1024);
  }
}
