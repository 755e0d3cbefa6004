package dev.bulwark.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The team's canary token registry: what each planted token is, which project its alerts belong to,
 * and where it was planted. Tokens are registered by whoever made them (through the API); the
 * planted secret values are known here only by their SHA-256 digests.
 */
public final class CanaryTokens {
  /** The largest page {@link #list} returns. */
  public static final int MAX_PAGE = 500;

  /** The longest memo kept. */
  public static final int MAX_MEMO = 500;

  /** The most secret digests one token may carry (the kinds plant one or two values). */
  public static final int MAX_SECRETS = 8;

  private final Store store;

  public CanaryTokens(Store store) {
    this.store = store;
  }

  /**
   * A registered token. {@code createdBy} is the user who registered it (null when read back for a
   * user since removed); {@code secrets} the SHA-256 digests (64 lower-case hex digits each).
   */
  public record Token(
      String id,
      String kind,
      String project,
      String memo,
      String callback,
      List<String> secrets,
      Instant created,
      String createdBy) {
    public Token {
      Objects.requireNonNull(created, "created");
      if (id == null || !id.matches("[a-z2-7]{20}")) {
        throw new IllegalArgumentException("id: 20 lower-case base-32 characters");
      }
      if (kind == null || !kind.matches("[a-z][a-z0-9-]{0,15}")) {
        throw new IllegalArgumentException("kind: 1 to 16 lower-case letters, digits or -");
      }
      if (project == null || project.isBlank() || project.length() > 200) {
        throw new IllegalArgumentException("project: 1 to 200 characters");
      }
      memo = memo == null ? "" : memo;
      if (memo.length() > MAX_MEMO) {
        throw new IllegalArgumentException("memo: at most " + MAX_MEMO + " characters");
      }
      callback = callback == null ? "" : callback;
      if (callback.length() > 1000) {
        throw new IllegalArgumentException("callback: at most 1000 characters");
      }
      secrets = List.copyOf(secrets == null ? List.of() : secrets);
      if (secrets.size() > MAX_SECRETS) {
        throw new IllegalArgumentException("secrets: at most " + MAX_SECRETS + " digests");
      }
      for (String h : secrets) {
        if (h == null || !h.matches("[0-9a-f]{64}")) {
          throw new IllegalArgumentException("secrets: SHA-256 digests, 64 lower-case hex digits");
        }
      }
      // kept to the second, as the other call-back times are
      created = created.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The same token: every field but who registered it. */
    boolean sameAs(Token o) {
      return id.equals(o.id)
          && kind.equals(o.kind)
          && project.equals(o.project)
          && memo.equals(o.memo)
          && callback.equals(o.callback)
          && secrets.equals(o.secrets)
          && created.equals(o.created);
    }
  }

  /** What a registration did. */
  public enum Outcome {
    /** The token is now registered. */
    ADDED,
    /** The same token was registered already (a retry): nothing changed. */
    ALREADY,
    /** Another token with this id is registered: nothing changed. */
    CONFLICT
  }

  /** A page of tokens, newest first, and the offset of the next page (-1 when this is the last). */
  public record Page(List<Token> tokens, int next) {}

  /** Registers a token on behalf of {@code userId}. */
  public Outcome register(Token t, Long userId) {
    return store.transaction(c -> {
      Optional<Token> earlier = get(c, t.id());
      if (earlier.isPresent()) {
        return earlier.get().sameAs(t) ? Outcome.ALREADY : Outcome.CONFLICT;
      }
      try {
        Store.update(
            c,
            "INSERT INTO canary_tokens (id, kind, project, memo, callback, secrets, created_at,"
                + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            t.id(),
            t.kind(),
            t.project(),
            t.memo(),
            t.callback(),
            String.join(" ", t.secrets()),
            t.created(),
            userId);
      } catch (SQLException e) {
        if (Store.isUniqueViolation(e)) {
          // registered by another caller between the read and the insert
          return Outcome.CONFLICT;
        }
        throw e;
      }
      Audit.record(c, userId, "canary-token", t.id(), t.kind() + " in " + t.project());
      return Outcome.ADDED;
    });
  }

  public Optional<Token> get(String id) {
    return store.read(c -> get(c, id));
  }

  private static Optional<Token> get(java.sql.Connection c, String id) throws SQLException {
    List<Token> rows = Store.list(c, SELECT + " WHERE t.id = ?", 1, CanaryTokens::row, id);
    return rows.stream().findFirst();
  }

  public long count() {
    return store.read(c -> Store.queryLong(c, "SELECT COUNT(*) FROM canary_tokens").orElse(0L));
  }

  /**
   * Tokens newest first, skipping {@code offset}, at most {@code limit} (1 to {@value #MAX_PAGE}).
   */
  public Page list(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE);
    }
    List<Token> rows =
        store.read(c ->
            Store.list(
                c,
                SELECT + " ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?",
                0,
                CanaryTokens::row,
                limit + 1,
                offset));
    if (rows.size() > limit) {
      return new Page(List.copyOf(rows.subList(0, limit)), offset + limit);
    }
    return new Page(List.copyOf(rows), -1);
  }

  private static final String SELECT =
      "SELECT t.id, t.kind, t.project, t.memo, t.callback, t.secrets, t.created_at, u.name"
          + " FROM canary_tokens t LEFT JOIN users u ON u.id = t.created_by";

  private static Token row(ResultSet r) throws SQLException {
    String secrets = r.getString(6);
    return new Token(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        secrets.isEmpty() ? List.of() : Arrays.asList(secrets.split(" ")),
        Store.instant(r, "created_at"),
        r.getString(8));
  }
}
