package dev.bulwark.server;

import dev.bulwark.store.SignInFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
 *
 * <p>The counts are kept in the store ({@link SignInFailures}), so every server on one database
 * throttles the same guesser and a restart forgives nothing.
 */
final class LoginThrottle {
  static final int FREE = 3;
  static final int ADDRESS_CAP = 30;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration MAX_DELAY = Duration.ofMinutes(15);

  private final Clock clock;
  private final SignInFailures failures;

  LoginThrottle(SignInFailures failures) {
    this(failures, Clock.systemUTC());
  }

  LoginThrottle(SignInFailures failures, Clock clock) {
    this.failures = failures;
    this.clock = clock;
  }

  private static String key(String account, String address) {
    String a =
        address.length() > SignInFailures.MAX_ADDRESS
            ? address.substring(0, SignInFailures.MAX_ADDRESS)
            : address;
    return account.length() + ":" + account + "@" + a;
  }

  /** Seconds to wait before this account may be tried from this address, or 0 for now. */
  long retryAfter(String account, String address) {
    Instant now = clock.instant();
    long wait = addressWait(address, now);
    Instant notBefore = failures.notBefore(key(account, address)).orElse(null);
    if (notBefore != null && notBefore.isAfter(now)) {
      wait = Math.max(wait, Math.max(1, Duration.between(now, notBefore).toSeconds()));
    }
    return wait;
  }

  /** Seconds before this address may try anything again (the per-address cap), or 0. */
  long addressWait(String address, Instant now) {
    Instant cutoff = now.minus(WINDOW);
    SignInFailures.Window w = failures.addressFailures(address, cutoff);
    if (w.count() < ADDRESS_CAP) {
      return 0;
    }
    return Math.max(1, Duration.between(cutoff, w.earliest()).toSeconds());
  }

  long addressWait(String address) {
    return addressWait(address, clock.instant());
  }

  void failed(String account, String address) {
    Instant now = clock.instant();
    // a long pause forgives old failures
    failures.failed(
        key(account, address),
        now,
        now.minus(MAX_DELAY.multipliedBy(2)),
        n -> {
          if (n <= FREE) {
            return null;
          }
          Duration delay = Duration.ofSeconds(1L << Math.min(20, n - FREE));
          return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
        });
    failedAddress(address, now);
  }

  /** A failure that names no account (a wrong API token): counts toward the address cap only. */
  void failedAddress(String address) {
    failedAddress(address, clock.instant());
  }

  private void failedAddress(String address, Instant now) {
    failures.addressFailed(address, now, now.minus(WINDOW));
  }

  void succeeded(String account, String address) {
    failures.succeeded(key(account, address));
  }
}
