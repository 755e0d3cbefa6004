package dev.bulwark.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Users, their roles, passwords, API tokens and console sessions. Passwords are kept as salted
 * PBKDF2-HMAC-SHA256; tokens and session ids are 256 random bits kept only as SHA-256 (a fast hash
 * is enough for values nobody can guess), so a copy of the database grants no access.
 */
public final class Accounts {
  public static final String TOKEN_PREFIX = "bwk_";
  private static final int PBKDF2_ITERATIONS = 210_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  public static final Duration SESSION_LIFETIME = Duration.ofHours(12);

  /** How long a user's API token lives unless its creator asks otherwise. */
  public static final Duration TOKEN_LIFETIME = Duration.ofDays(90);

  /** The longest lifetime a token may be given. */
  public static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(366);

  /** The first-run admin token lives only until it is rotated, and at most this long. */
  public static final Duration FIRST_RUN_LIFETIME = Duration.ofDays(7);

  /** What a user may do: viewers read, analysts also upload and give verdicts, admins manage. */
  public enum Role {
    VIEWER,
    ANALYST,
    ADMIN;

    public boolean atLeast(Role r) {
      return ordinal() >= r.ordinal();
    }

    public static Role parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("role must be viewer, analyst or admin, got " + s);
      }
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public record User(long id, String name, Role role) {}

  /** A user as admins see them: with whether they are disabled and have a password. */
  public record Account(long id, String name, Role role, boolean disabled, boolean hasPassword) {}

  /** A token as its owner and admins see it: never its value. */
  public record Token(
      long id,
      String user,
      String name,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      boolean revoked,
      boolean firstRun) {}

  /** Who a token belongs to, which token it is, and whether it is the first-run token. */
  public record TokenUse(User user, long tokenId, boolean firstRun) {}

  /** A console session: its user and the CSRF token its pages carry. */
  public record Session(User user, String csrf, Instant expires, boolean firstRun) {}

  private final Store store;

  public Accounts(Store store) {
    this.store = store;
  }

  /**
   * On first run, when there is no user, creates {@code admin} and returns an API token for it,
   * shown once; afterwards empty. The token is marked first-run: it serves only to rotate itself
   * (set a password or take a new token), which revokes it.
   */
  public Optional<String> bootstrap() {
    try {
      return createFirstAdmin();
    } catch (StoreException e) {
      // two servers starting at once on an empty database: both saw no user, the unique name let
      // one admin in and refused the other, whose server then starts without a first-run token
      if (e.getCause() instanceof java.sql.SQLException s && Store.isUniqueViolation(s)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Optional<String> createFirstAdmin() {
    return store.transaction(c -> {
      if (Store.queryLong(c, "SELECT COUNT(*) FROM users").orElse(0L) > 0) {
        return Optional.<String>empty();
      }
      long id =
          Store.insert(
              c,
              "INSERT INTO users (name, role, created_at) VALUES ('admin', 'admin', ?)",
              Instant.now());
      String token = newToken(c, id, "first-run", FIRST_RUN_LIFETIME, true);
      Audit.record(c, id, "bootstrap", "admin", "first-run admin token issued");
      return Optional.of(token);
    });
  }

  public User createUser(String name, Role role, String password, Long byUser) {
    if (name == null || !name.matches("[A-Za-z0-9._@-]{1,100}")) {
      throw new IllegalArgumentException("a user name is 1 to 100 letters, digits or . _ @ -");
    }
    if (password != null && password.length() < 12) {
      throw new IllegalArgumentException("a password has at least 12 characters");
    }
    return store.transaction(c -> {
      if (Store.queryLong(c, "SELECT id FROM users WHERE name = ?", name).isPresent()) {
        throw new IllegalArgumentException("user " + name + " exists");
      }
      long id =
          Store.insert(
              c,
              "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
              name,
              role.label(),
              password == null ? null : hashPassword(password),
              Instant.now());
      Audit.record(c, byUser, "user.create", name, role.label());
      return new User(id, name, role);
    });
  }

  /** Sets a user's password (an admin resetting it): all the user's sessions end. */
  public void setPassword(long userId, String password, Long byUser) {
    checkPassword(password);
    store.transaction(c -> {
      Store.update(
          c, "UPDATE users SET password_hash = ? WHERE id = ?", hashPassword(password), userId);
      Store.update(c, "DELETE FROM sessions WHERE user_id = ?", userId);
      Audit.record(c, byUser, "user.password", Long.toString(userId), null);
      return null;
    });
  }

  private static void checkPassword(String password) {
    if (password == null || password.length() < 12) {
      throw new IllegalArgumentException("password: at least 12 characters");
    }
    if (password.length() > 1000) {
      throw new IllegalArgumentException("password: at most 1000 characters");
    }
  }

  /**
   * A user changing their own password: the current one must be given (unless the user has none yet
   * and came in with the first-run token), every other session of theirs ends, and the first-run
   * token is revoked. False when the current password is wrong.
   */
  public boolean changePassword(
      long userId, String current, String next, String keepSessionId, boolean viaFirstRun) {
    checkPassword(next);
    String stored =
        store.read(c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet r = ps.executeQuery()) {
              return r.next() ? r.getString(1) : null;
            }
          }
        });
    if (stored != null || !viaFirstRun) {
      if (stored == null || current == null || !verifyPassword(current, stored)) {
        return false;
      }
    }
    store.transaction(c -> {
      Store.update(
          c, "UPDATE users SET password_hash = ? WHERE id = ?", hashPassword(next), userId);
      Store.update(
          c,
          "DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?",
          userId,
          keepSessionId == null ? "" : sha256(keepSessionId));
      Store.update(c, "UPDATE sessions SET first_run = FALSE WHERE user_id = ?", userId);
      Store.update(
          c, "UPDATE api_tokens SET revoked = TRUE WHERE user_id = ? AND first_run = TRUE", userId);
      Audit.record(c, userId, "user.password", Long.toString(userId), "other sessions ended");
      return null;
    });
    return true;
  }

  /** An admin changes a user's role; the last enabled admin cannot be demoted. */
  public void setRole(long userId, Role role, long byUser) {
    store.transaction(c -> {
      keepOneAdmin(c, userId, role != Role.ADMIN);
      if (Store.update(c, "UPDATE users SET role = ? WHERE id = ?", role.label(), userId) != 1) {
        throw new java.util.NoSuchElementException("no user " + userId);
      }
      Audit.record(c, byUser, "user.role", Long.toString(userId), role.label());
      return null;
    });
  }

  /** An admin disables (or enables) a user: a disabled user's sessions end and tokens stop. */
  public void setDisabled(long userId, boolean disabled, long byUser) {
    store.transaction(c -> {
      keepOneAdmin(c, userId, disabled);
      if (Store.update(c, "UPDATE users SET disabled = ? WHERE id = ?", disabled, userId) != 1) {
        throw new java.util.NoSuchElementException("no user " + userId);
      }
      if (disabled) {
        Store.update(c, "DELETE FROM sessions WHERE user_id = ?", userId);
      }
      Audit.record(
          c, byUser, disabled ? "user.disable" : "user.enable", Long.toString(userId), null);
      return null;
    });
  }

  private static void keepOneAdmin(Connection c, long userId, boolean losing) throws SQLException {
    if (!losing) {
      return;
    }
    long others =
        Store.queryLong(
                c,
                "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = FALSE AND id <> ?",
                userId)
            .orElse(0L);
    boolean isAdmin =
        Store.queryLong(c, "SELECT COUNT(*) FROM users WHERE id = ? AND role = 'admin'", userId)
                .orElse(0L)
            > 0;
    if (isAdmin && others == 0) {
      throw new IllegalArgumentException("the last admin cannot be demoted or disabled");
    }
  }

  /** Every user, for admins. */
  public List<Account> accounts() {
    return store.read(c ->
        Store.list(
            c,
            "SELECT id, name, role, disabled, password_hash FROM users ORDER BY name",
            0,
            r ->
                new Account(
                    r.getLong(1),
                    r.getString(2),
                    Role.parse(r.getString(3)),
                    r.getBoolean(4),
                    r.getString(5) != null)));
  }

  public Optional<User> user(String name) {
    return store.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id, name, role FROM users WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet r = ps.executeQuery()) {
          return r.next()
              ? Optional.of(new User(r.getLong(1), r.getString(2), Role.parse(r.getString(3))))
              : Optional.empty();
        }
      }
    });
  }

  public List<User> users() {
    return store.read(c ->
        Store.list(
            c,
            "SELECT id, name, role FROM users ORDER BY name",
            0,
            r -> new User(r.getLong(1), r.getString(2), Role.parse(r.getString(3)))));
  }

  /** The user whose password this is; a wrong name and a wrong password look the same. */
  public Optional<User> login(String name, String password) {
    Optional<String[]> row =
        store.read(c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, role, password_hash FROM users WHERE name = ? AND disabled = FALSE")) {
            ps.setString(1, name);
            try (ResultSet r = ps.executeQuery()) {
              return r.next()
                  ? Optional.of(new String[] {r.getString(1), r.getString(2), r.getString(3)})
                  : Optional.<String[]>empty();
            }
          }
        });
    if (row.isEmpty() || row.get()[2] == null) {
      // spend the same time as a real check, so timing does not reveal which names exist
      verifyPassword(password, DUMMY_HASH);
      return Optional.empty();
    }
    if (!verifyPassword(password, row.get()[2])) {
      return Optional.empty();
    }
    return Optional.of(new User(Long.parseLong(row.get()[0]), name, Role.parse(row.get()[1])));
  }

  // ---- API tokens ----

  /** Issues a token for a user; the only time its value exists outside the caller is now. */
  public String createToken(long userId, String name) {
    return createToken(userId, name, TOKEN_LIFETIME);
  }

  /**
   * Issues a token living {@code lifetime} (at most {@link #MAX_TOKEN_LIFETIME}); creating one
   * revokes the user's first-run token, which exists only to be rotated.
   */
  public String createToken(long userId, String name, Duration lifetime) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("name: 1 to 100 characters");
    }
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_TOKEN_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "expiresInDays: 1 to " + MAX_TOKEN_LIFETIME.toDays() + " days");
    }
    return store.transaction(c -> {
      String t = newToken(c, userId, name, lifetime, false);
      Store.update(
          c, "UPDATE api_tokens SET revoked = TRUE WHERE user_id = ? AND first_run = TRUE", userId);
      Audit.record(c, userId, "token.create", name, "expires in " + lifetime.toDays() + " days");
      return t;
    });
  }

  private static String newToken(
      Connection c, long userId, String name, Duration lifetime, boolean firstRun)
      throws SQLException {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = Instant.now();
    Store.update(
        c,
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at, first_run)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        userId,
        name,
        sha256(token),
        now,
        now.plus(lifetime),
        firstRun);
    return token;
  }

  public Optional<User> authenticateToken(String token) {
    return useToken(token).map(TokenUse::user);
  }

  /**
   * The user of a live token — not revoked, not expired, its user not disabled — recording when it
   * was used.
   */
  public Optional<TokenUse> useToken(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    String hash = sha256(token);
    return store.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT u.id, u.name, u.role, t.id, t.first_run FROM api_tokens t"
                  + " JOIN users u ON u.id = t.user_id"
                  + " WHERE t.token_hash = ? AND t.revoked = FALSE AND u.disabled = FALSE"
                  + " AND (t.expires_at IS NULL OR t.expires_at > ?)")) {
        Store.bind(ps, hash, Instant.now());
        try (ResultSet r = ps.executeQuery()) {
          if (!r.next()) {
            return Optional.<TokenUse>empty();
          }
          User u = new User(r.getLong(1), r.getString(2), Role.parse(r.getString(3)));
          TokenUse use = new TokenUse(u, r.getLong(4), r.getBoolean(5));
          Store.update(
              c,
              "UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
              Instant.now(),
              use.tokenId());
          return Optional.of(use);
        }
      }
    });
  }

  /** A user's tokens, or everyone's for {@code userId} null; newest first, never their values. */
  public List<Token> tokens(Long userId) {
    return store.read(c ->
        Store.list(
            c,
            "SELECT t.id, u.name, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked,"
                + " t.first_run FROM api_tokens t JOIN users u ON u.id = t.user_id"
                + (userId == null ? "" : " WHERE t.user_id = " + userId.longValue())
                + " ORDER BY t.id DESC",
            0,
            r ->
                new Token(
                    r.getLong(1),
                    r.getString(2),
                    r.getString(3),
                    Store.instant(r, "created_at"),
                    Store.instant(r, "expires_at"),
                    Store.instant(r, "last_used_at"),
                    r.getBoolean(7),
                    r.getBoolean(8))));
  }

  /**
   * Revokes a token by id: its owner or an admin may. False when there is no such token the caller
   * may revoke (the same answer either way, so ids of others' tokens are not revealed).
   */
  public boolean revokeToken(long tokenId, User by) {
    return store.transaction(c -> {
      int n =
          by.role() == Role.ADMIN
              ? Store.update(c, "UPDATE api_tokens SET revoked = TRUE WHERE id = ?", tokenId)
              : Store.update(
                  c,
                  "UPDATE api_tokens SET revoked = TRUE WHERE id = ? AND user_id = ?",
                  tokenId,
                  by.id());
      if (n == 1) {
        Audit.record(c, by.id(), "token.revoke", "token " + tokenId, null);
      }
      return n == 1;
    });
  }

  /** Revokes a token by value. */
  public boolean revokeToken(String token, long byUser) {
    return store.transaction(c -> {
      int n =
          Store.update(
              c, "UPDATE api_tokens SET revoked = TRUE WHERE token_hash = ?", sha256(token));
      Audit.record(c, byUser, "token.revoke", null, n == 1 ? "revoked" : "unknown token");
      return n == 1;
    });
  }

  // ---- sessions ----

  /** Starts a console session; returns the session id for the cookie (kept only as a hash). */
  public String[] startSession(User u) {
    return startSession(u, false);
  }

  /**
   * Starts a console session; {@code firstRun} when it was opened with the first-run token, so it
   * may only set a password.
   */
  public String[] startSession(User u, boolean firstRun) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    RANDOM.nextBytes(raw);
    String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    store.transaction(c -> {
      Store.update(c, "DELETE FROM sessions WHERE expires_at < ?", Instant.now());
      Store.update(
          c,
          "INSERT INTO sessions (id_hash, user_id, csrf, expires_at, first_run)"
              + " VALUES (?, ?, ?, ?, ?)",
          sha256(id),
          u.id(),
          csrf,
          Instant.now().plus(SESSION_LIFETIME),
          firstRun);
      Audit.record(c, u.id(), "login", u.name(), null);
      return null;
    });
    return new String[] {id, csrf};
  }

  public Optional<Session> session(String id) {
    if (id == null || id.length() > 100) {
      return Optional.empty();
    }
    return store.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT u.id, u.name, u.role, s.csrf, s.expires_at, s.first_run FROM sessions s"
                  + " JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND s.expires_at > ?"
                  + " AND u.disabled = FALSE")) {
        Store.bind(ps, sha256(id), Instant.now());
        try (ResultSet r = ps.executeQuery()) {
          return r.next()
              ? Optional.of(
                  new Session(
                      new User(r.getLong(1), r.getString(2), Role.parse(r.getString(3))),
                      r.getString(4),
                      Store.instant(r, "expires_at"),
                      r.getBoolean(6)))
              : Optional.<Session>empty();
        }
      }
    });
  }

  public void endSession(String id) {
    store.transaction(c ->
        Store.update(c, "DELETE FROM sessions WHERE id_hash = ?", sha256(id == null ? "" : id)));
  }

  // ---- hashing ----

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static final String DUMMY_HASH = hashPassword("not-a-password-anyone-has");

  static String hashPassword(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return "pbkdf2-sha256$"
        + PBKDF2_ITERATIONS
        + "$"
        + Base64.getEncoder().encodeToString(salt)
        + "$"
        + Base64.getEncoder().encodeToString(pbkdf2(password, salt, PBKDF2_ITERATIONS));
  }

  static boolean verifyPassword(String password, String stored) {
    String[] p = stored.split("\\$");
    if (p.length != 4 || !p[0].equals("pbkdf2-sha256")) {
      return false;
    }
    byte[] expected = Base64.getDecoder().decode(p[3]);
    byte[] actual =
        pbkdf2(
            password == null ? "" : password,
            Base64.getDecoder().decode(p[2]),
            Integer.parseInt(p[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
          .getEncoded();
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}
