package dev.bulwark.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code MAX} failed logins from one address within the window,
 * further attempts are refused until the oldest failure leaves the window.
 */
final class LoginThrottle {
  static final int MAX = 5;
  static final Duration WINDOW = Duration.ofMinutes(5);

  private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  long retryAfter(String address) {
    Deque<Instant> d = failures.get(address);
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      Instant cutoff = Instant.now().minus(WINDOW);
      while (!d.isEmpty() && d.peekFirst().isBefore(cutoff)) {
        d.pollFirst();
      }
      if (d.size() < MAX) {
        return 0;
      }
      return Math.max(1, Duration.between(cutoff, d.peekFirst()).toSeconds());
    }
  }

  void failed(String address) {
    Deque<Instant> d = failures.computeIfAbsent(address, k -> new ArrayDeque<>());
    synchronized (d) {
      d.addLast(Instant.now());
    }
  }

  void succeeded(String address) {
    failures.remove(address);
  }
}
