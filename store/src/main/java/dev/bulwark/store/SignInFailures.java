package dev.bulwark.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Failed sign-ins, kept in the store so that every server on one database sees the same count: a
 * guesser cannot spread attempts over several instances behind a load balancer, and restarting a
 * server forgives nothing. The policy (how many failures are free, how the delay grows) belongs to
 * the caller; this class keeps the counts consistent under concurrent failures.
 */
public final class SignInFailures {
  /** Longest client address kept; longer ones are cut (they come from a trusted proxy's header). */
  public static final int MAX_ADDRESS = 64;

  private final Store store;

  public SignInFailures(Store store) {
    this.store = store;
  }

  /** An account-and-address pair's state: failures in a row, the last one, the next allowed try. */
  public record Pair(int failures, Instant last, Instant notBefore) {}

  /** When the pair may try again, if it has to wait at all. */
  public Optional<Instant> notBefore(String pairKey) {
    return store.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT not_before FROM signin_pairs WHERE pair_key = ?")) {
        ps.setString(1, pairKey);
        try (ResultSet r = ps.executeQuery()) {
          return r.next() ? Optional.ofNullable(Store.instant(r, "not_before")) : Optional.empty();
        }
      }
    });
  }

  /**
   * Counts one failure of the pair at {@code now}. Failures before {@code forgiveBefore} no longer
   * count; {@code delay} gives the wait after the n-th failure in a row (null: none). Two servers
   * counting a failure of the same pair at once both count: the row is locked while it changes.
   */
  public Pair failed(
      String pairKey, Instant now, Instant forgiveBefore, IntFunction<Duration> delay) {
    return store.transaction(c -> {
      Store.update(c, "DELETE FROM signin_pairs WHERE last_at < ?", forgiveBefore);
      Optional<Pair> old = lockPair(c, pairKey);
      if (old.isEmpty()) {
        insertIsolated(c, pairKey, now);
        old = lockPair(c, pairKey);
      }
      Pair before = old.orElseThrow(() -> new StoreException("sign-in pair vanished"));
      int failures = before.last().isBefore(forgiveBefore) ? 1 : before.failures() + 1;
      Duration wait = delay.apply(failures);
      Pair after = new Pair(failures, now, wait == null ? before.notBefore() : now.plus(wait));
      Store.update(
          c,
          "UPDATE signin_pairs SET failures = ?, last_at = ?, not_before = ? WHERE pair_key = ?",
          after.failures(),
          after.last(),
          after.notBefore(),
          pairKey);
      return after;
    });
  }

  /** A success forgets the pair's failures (and only that pair's). */
  public void succeeded(String pairKey) {
    store.transaction(c -> Store.update(c, "DELETE FROM signin_pairs WHERE pair_key = ?", pairKey));
  }

  /** Counts one failure from an address; failures before {@code forgetBefore} are removed. */
  public void addressFailed(String address, Instant now, Instant forgetBefore) {
    String a = cut(address);
    store.transaction(c -> {
      Store.update(c, "DELETE FROM signin_address_failures WHERE at < ?", forgetBefore);
      Store.update(c, "INSERT INTO signin_address_failures (address, at) VALUES (?, ?)", a, now);
      return null;
    });
  }

  /** The address's failures since {@code since}: how many, and the earliest (null when none). */
  public record Window(long count, Instant earliest) {}

  public Window addressFailures(String address, Instant since) {
    String a = cut(address);
    return store.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(*) AS n, MIN(at) AS earliest FROM signin_address_failures"
                  + " WHERE address = ? AND at >= ?")) {
        Store.bind(ps, a, since);
        try (ResultSet r = ps.executeQuery()) {
          r.next();
          return new Window(r.getLong("n"), Store.instant(r, "earliest"));
        }
      }
    });
  }

  private static String cut(String address) {
    return address.length() > MAX_ADDRESS ? address.substring(0, MAX_ADDRESS) : address;
  }

  private static Optional<Pair> lockPair(Connection c, String pairKey) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT failures, last_at, not_before FROM signin_pairs WHERE pair_key = ? FOR UPDATE")) {
      ps.setString(1, pairKey);
      try (ResultSet r = ps.executeQuery()) {
        return r.next()
            ? Optional.of(
                new Pair(
                    r.getInt("failures"),
                    Store.instant(r, "last_at"),
                    Store.instant(r, "not_before")))
            : Optional.empty();
      }
    }
  }

  /**
   * Creates the pair's row with no failures behind a savepoint: when another server created it
   * first, the unique key refuses this one and the caller's transaction goes on with theirs.
   */
  private static void insertIsolated(Connection c, String pairKey, Instant now)
      throws SQLException {
    java.sql.Savepoint sp = c.setSavepoint();
    try {
      Store.update(
          c,
          "INSERT INTO signin_pairs (pair_key, failures, last_at) VALUES (?, 0, ?)",
          pairKey,
          now);
      c.releaseSavepoint(sp);
    } catch (SQLException e) {
      c.rollback(sp);
      if (!Store.isUniqueViolation(e)) {
        throw e;
      }
    }
  }
}
