package dev.bulwark.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password and token guessing without letting an attacker lock out the real user.
 *
 * <ul>
 *   <li>Per account and client address: after {@value #FREE} failures each further attempt waits
 *       twice as long as the last (2 s, 4 s … up to 15 minutes). A success resets only that pair,
 *       so an attacker signing in to his own account in between gains nothing, and the real user at
 *       another address is never slowed by someone else's guesses.
 *   <li>Per client address: at most {@value #ADDRESS_CAP} failures in {@link #WINDOW}, whatever the
 *       accounts, and successes do not reset it: one address cannot spray guesses over many
 *       accounts.
 * </ul>
 *
 * The client address is the peer's, or the one a trusted proxy forwarded (see {@link
 * ServerConfig#trustedProxies()}); an untrusted peer's {@code X-Forwarded-For} is ignored.
 */
final class LoginThrottle {
  static final int FREE = 3;
  static final int ADDRESS_CAP = 30;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration MAX_DELAY = Duration.ofMinutes(15);
  private static final int MAX_TRACKED = 100_000;

  private final Clock clock;
  private final ConcurrentHashMap<String, Pair> pairs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Deque<Instant>> addresses = new ConcurrentHashMap<>();

  private static final class Pair {
    int failures;
    Instant notBefore = Instant.MIN;
    Instant last = Instant.MIN;
  }

  LoginThrottle() {
    this(Clock.systemUTC());
  }

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  private static String key(String account, String address) {
    return account.length() + ":" + account + "@" + address;
  }

  /** Seconds to wait before this account may be tried from this address, or 0 for now. */
  long retryAfter(String account, String address) {
    Instant now = clock.instant();
    long wait = addressWait(address, now);
    Pair p = pairs.get(key(account, address));
    if (p != null) {
      synchronized (p) {
        if (p.notBefore.isAfter(now)) {
          wait = Math.max(wait, Math.max(1, Duration.between(now, p.notBefore).toSeconds()));
        }
      }
    }
    return wait;
  }

  /** Seconds before this address may try anything again (the per-address cap), or 0. */
  long addressWait(String address, Instant now) {
    Deque<Instant> d = addresses.get(address);
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      Instant cutoff = now.minus(WINDOW);
      while (!d.isEmpty() && d.peekFirst().isBefore(cutoff)) {
        d.pollFirst();
      }
      if (d.size() < ADDRESS_CAP) {
        return 0;
      }
      return Math.max(1, Duration.between(cutoff, d.peekFirst()).toSeconds());
    }
  }

  long addressWait(String address) {
    return addressWait(address, clock.instant());
  }

  void failed(String account, String address) {
    Instant now = clock.instant();
    prune(now);
    Pair p = pairs.computeIfAbsent(key(account, address), k -> new Pair());
    synchronized (p) {
      if (p.last.isBefore(now.minus(MAX_DELAY.multipliedBy(2)))) {
        p.failures = 0; // a long pause forgives old failures
      }
      p.failures++;
      p.last = now;
      if (p.failures > FREE) {
        int doublings = Math.min(20, p.failures - FREE);
        Duration delay = Duration.ofSeconds(1L << doublings);
        p.notBefore = now.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
      }
    }
    failedAddress(address, now);
  }

  /** A failure that names no account (a wrong API token): counts toward the address cap only. */
  void failedAddress(String address) {
    failedAddress(address, clock.instant());
  }

  private void failedAddress(String address, Instant now) {
    Deque<Instant> d = addresses.computeIfAbsent(address, k -> new ArrayDeque<>());
    synchronized (d) {
      d.addLast(now);
      while (d.size() > ADDRESS_CAP * 2) {
        d.pollFirst();
      }
    }
  }

  void succeeded(String account, String address) {
    pairs.remove(key(account, address));
  }

  /** Keeps memory bounded when someone sprays random account names. */
  private void prune(Instant now) {
    if (pairs.size() < MAX_TRACKED && addresses.size() < MAX_TRACKED) {
      return;
    }
    Instant old = now.minus(MAX_DELAY.multipliedBy(2));
    pairs
        .values()
        .removeIf(p -> {
          synchronized (p) {
            return p.last.isBefore(old);
          }
        });
    addresses
        .values()
        .removeIf(d -> {
          synchronized (d) {
            return d.isEmpty() || d.peekLast().isBefore(now.minus(WINDOW));
          }
        });
  }
}
