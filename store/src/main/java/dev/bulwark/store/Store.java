package dev.bulwark.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;

/**
 * Bulwark's persistent store: an embedded H2 file database in the data directory by default, or
 * PostgreSQL through a JDBC URL. Opening it applies the schema migrations. Connections come from a
 * small fixed pool; every multi-statement change runs in one transaction, so a failure midway
 * leaves nothing half-written.
 */
public final class Store implements AutoCloseable {
  private static final int POOL = 8;

  private final String url;
  private final String user;
  private final String password;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(POOL);
  private final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(POOL);
  private final boolean postgres;
  private volatile boolean closed;

  private Store(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.postgres = url.startsWith("jdbc:postgresql:");
  }

  /** Opens (and migrates) the store at a JDBC URL. */
  public static Store open(String url, String user, String password) {
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      throw new StoreException(
          url + ": the store runs on H2 (jdbc:h2:…) or PostgreSQL (jdbc:postgresql:…)");
    }
    Store s = new Store(url, user, password);
    try {
      Flyway.configure()
          .dataSource(url, user, password)
          .locations(
              s.postgres()
                  ? new String[] {"classpath:db/migration", "classpath:db/migration-postgresql"}
                  : new String[] {"classpath:db/migration"})
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StoreException(redact(url) + ": cannot open the store: " + e.getMessage(), e);
    }
    return s;
  }

  /** The default store: an H2 file database under {@code dataDir/store}. */
  public static Store openDefault(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve("store").resolve("bulwark");
    return open(
        "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;CACHE_SIZE=262144",
        "bulwark",
        "");
  }

  public boolean postgres() {
    return postgres;
  }

  /** A URL fit for messages: no password in its query string. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  // ---- connections and transactions ----

  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  public <T> T transaction(Work<T> work) {
    Connection c = borrow();
    boolean broken = false;
    try {
      c.setAutoCommit(false);
      T out = work.run(c);
      c.commit();
      return out;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        broken = true;
        e.addSuppressed(r);
      }
      if (e instanceof StoreException se) {
        throw se;
      }
      if (e instanceof RuntimeException re && !(e instanceof IllegalStateException)) {
        throw re;
      }
      throw new StoreException("store: " + e.getMessage(), e);
    } finally {
      giveBack(c, broken);
    }
  }

  /** Runs a read (or a single statement) outside an explicit transaction. */
  public <T> T read(Work<T> work) {
    Connection c = borrow();
    boolean broken = false;
    try {
      c.setAutoCommit(true);
      return work.run(c);
    } catch (SQLException e) {
      broken = !isValid(c);
      throw new StoreException("store: " + e.getMessage(), e);
    } finally {
      giveBack(c, broken);
    }
  }

  private Connection borrow() {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    try {
      if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new StoreException("store: no connection free within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("store: interrupted waiting for a connection", e);
    }
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    try {
      return DriverManager.getConnection(url, user, password);
    } catch (SQLException e) {
      permits.release();
      throw new StoreException(redact(url) + ": cannot connect: " + e.getMessage(), e);
    }
  }

  private void giveBack(Connection c, boolean broken) {
    try {
      if (broken || closed || !idle.offer(c)) {
        c.close();
      }
    } catch (SQLException ignored) {
      // a connection that fails to close is gone either way
    } finally {
      permits.release();
    }
  }

  private static boolean isValid(Connection c) {
    try {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Connection c; (c = idle.poll()) != null; ) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  // ---- helpers shared by the repositories ----

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static long insert(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
      bind(ps, args);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  static Optional<Long> queryLong(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet r = ps.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Reads one value from a result row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet r) throws SQLException;
  }

  /** The rows of a query, at most {@code maxRows} (0: all), each read by {@code row}. */
  static <T> java.util.List<T> list(
      Connection c, String sql, int maxRows, RowReader<T> row, Object... args) throws SQLException {
    java.util.List<T> out = new java.util.ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      ps.setMaxRows(maxRows);
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          out.add(row.read(r));
        }
      }
    }
    return out;
  }

  static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant in) {
        ps.setObject(i + 1, ts(in));
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  // ---- projects ----

  /**
   * The project's id, created on first use. Locks the project's row until the transaction ends, so
   * uploads to one project apply one at a time and deduplicate correctly.
   */
  static long lockProject(Connection c, String name) throws SQLException {
    Optional<Long> id = queryLong(c, "SELECT id FROM projects WHERE name = ? FOR UPDATE", name);
    if (id.isPresent()) {
      return id.get();
    }
    try {
      insertProjectIsolated(c, name);
    } catch (SQLException e) {
      // another uploader created it first; fine
    }
    return queryLong(c, "SELECT id FROM projects WHERE name = ? FOR UPDATE", name)
        .orElseThrow(() -> new StoreException("project " + name + " could not be created"));
  }

  /**
   * Creates a project behind a savepoint, so a lost race does not abort the caller's transaction.
   */
  private static void insertProjectIsolated(Connection c, String name) throws SQLException {
    java.sql.Savepoint sp = c.setSavepoint();
    try {
      update(c, "INSERT INTO projects (name, created_at) VALUES (?, ?)", name, Instant.now());
      c.releaseSavepoint(sp);
    } catch (SQLException e) {
      c.rollback(sp);
      throw e;
    }
  }

  public Optional<Long> projectId(String name) {
    return read(c -> queryLong(c, "SELECT id FROM projects WHERE name = ?", name));
  }

  public java.util.List<String> projects() {
    return read(c -> {
      java.util.List<String> out = new java.util.ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM projects ORDER BY name");
          ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return out;
    });
  }
}
