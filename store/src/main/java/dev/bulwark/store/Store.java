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
import java.util.List;
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
 *
 * <p>Durability: a change is on disk when {@link #transaction} returns, on both databases, so a
 * server that answers 2xx after it never loses that change to a crash. PostgreSQL does this when
 * {@code synchronous_commit} is on, which every connection sets.
 *
 * <p>H2 needs more. Its MVStore writes the database as chunks, each meant to be a consistent
 * picture of every table and index from which a reopened store rolls back what was not committed.
 * But a chunk is collected map by map while other threads go on writing, so with several write
 * transactions in flight a chunk can hold one map after a write and another map (the undo log, or
 * an index) before it; killed at that moment, H2 reopened with indexes that disagree with their
 * table and with half of a transaction that was never acknowledged (the crash test found it about
 * once in ten {@code kill -9}s, with H2's background writer and with {@code CHECKPOINT SYNC} after
 * every commit alike). So on H2 the store writes one transaction at a time, and chunks are written
 * only by that writer: {@code WRITE_DELAY=0} stops H2's background writer and makes every commit
 * write its chunk, which is then forced to disk ({@code fsync}) before the transaction returns. A
 * chunk written mid-transaction (a large upload fills H2's write buffer) is written by the same
 * thread that writes the maps, so it is whole too, and H2's ordinary rollback undoes it. H2's
 * automatic compaction ran in the background writer; the writer compacts instead, every {@link
 * #COMPACT_EVERY} writes, between transactions. Reads run concurrently as before; writes wait for
 * each other, which is why PostgreSQL is the store for teams that upload much at once.
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

  /** The schema versions this build knows, all applied when it opened the store. */
  private final List<String> migrations = new java.util.ArrayList<>();

  /** H2 only: the one writer (see the class comment); fair, so no writer starves. */
  private final java.util.concurrent.locks.ReentrantLock h2Writer =
      new java.util.concurrent.locks.ReentrantLock(true);

  private int writesSinceCompaction; // guarded by h2Writer

  /**
   * How many H2 write transactions pass between two compactions of the file ({@code
   * bulwark.h2.compactEvery} changes it, so a test can compact under fire).
   */
  static final int COMPACT_EVERY = Math.max(1, Integer.getInteger("bulwark.h2.compactEvery", 200));

  /** How long a write waits for the H2 writer before the store answers "busy". */
  private static final long WRITER_WAIT_SECONDS = 60;

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
      // several servers may open one empty PostgreSQL at once: Flyway serialises their
      // migrations with an advisory lock, so each finds the schema migrated or migrates it alone
      Flyway flyway =
          Flyway.configure()
              .dataSource(url, user, password)
              .locations(
                  s.postgres()
                      ? new String[] {"classpath:db/migration", "classpath:db/migration-postgresql"}
                      : new String[] {"classpath:db/migration", "classpath:db/migration-h2"})
              .load();
      flyway.migrate();
      for (var m : flyway.info().all()) {
        if (m.getVersion() != null) {
          s.migrations.add(m.getVersion().getVersion());
        }
      }
    } catch (RuntimeException e) {
      throw new StoreException(
          redact(url)
              + ": cannot open the store: "
              + e.getMessage()
              + (s.postgres()
                  ? ""
                  : "\n(if the file is damaged, `bulwark store check` says what is wrong and"
                      + " `bulwark store recover` saves what can be saved)"),
          e);
    }
    return s;
  }

  /**
   * The default store: an H2 file database under {@code dataDir/store}. The data directory and
   * everything in it are made owner-only first (the store holds password hashes and session
   * tokens); what had to be tightened is in {@link #notes()}.
   */
  public static Store openDefault(Path dataDir) {
    List<String> notes = OwnerOnly.secure(dataDir.toAbsolutePath());
    Store s = open(h2Url(dataDir), "bulwark", "");
    // H2 creates its files with the process's umask; the directory is owner-only anyway
    OwnerOnly.secure(dataDir.toAbsolutePath().resolve("store"));
    s.notes.addAll(notes);
    return s;
  }

  /** The JDBC URL of the default store in {@code dataDir}. */
  public static String h2Url(Path dataDir) {
    return "jdbc:h2:file:"
        + h2File(dataDir)
        // WRITE_DELAY=0: no background writer; each commit writes its chunk (see the class comment)
        + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;CACHE_SIZE=262144;WRITE_DELAY=0";
  }

  /** The H2 database's base name (H2 adds {@code .mv.db}). */
  static Path h2File(Path dataDir) {
    return dataDir.toAbsolutePath().resolve("store").resolve("bulwark");
  }

  private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Warnings from opening: files that were readable by others and have been tightened. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** The JDBC URL, without its password. */
  public String describe() {
    return redact(url);
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
    if (postgres) {
      return inTransaction(work);
    }
    acquireWriter();
    try {
      return inTransaction(work);
    } finally {
      h2Writer.unlock();
    }
  }

  private void acquireWriter() {
    try {
      if (!h2Writer.tryLock(WRITER_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new StoreException(
            "store: busy, another write has held it for " + WRITER_WAIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("store: interrupted waiting to write", e);
    }
  }

  private <T> T inTransaction(Work<T> work) {
    Connection c = borrow();
    boolean broken = false;
    try {
      c.setAutoCommit(false);
      T out = work.run(c);
      c.commit();
      if (!postgres) {
        syncH2(c);
      }
      return out;
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        broken = true;
        e.addSuppressed(r);
      }
      throw translate(e);
    } catch (RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        broken = true;
        e.addSuppressed(r);
      }
      if (e instanceof StoreException se) {
        throw se;
      }
      if (!(e instanceof IllegalStateException)) {
        throw e;
      }
      throw new StoreException("store: " + e.getMessage(), e);
    } finally {
      giveBack(c, broken);
    }
  }

  /**
   * Forces H2's committed changes to disk before the caller answers, still holding the writer (see
   * the class comment). A failure here means the change may not be durable, so it is an error, not
   * a warning.
   */
  private void syncH2(Connection c) throws SQLException {
    org.h2.mvstore.MVStore mv = mvStore(c);
    try {
      if (++writesSinceCompaction >= COMPACT_EVERY) {
        writesSinceCompaction = 0;
        // rewrites the least-filled chunks (at most 4 MB) while no transaction is open
        mv.compact(50, 4 << 20);
      }
      mv.commit(); // nothing left to write when the commit wrote its chunk, as WRITE_DELAY=0 does
      mv.sync();
    } catch (RuntimeException e) {
      throw new SQLException("the change could not be forced to disk: " + e.getMessage(), e);
    }
  }

  /** The MVStore behind an embedded H2 connection. */
  private static org.h2.mvstore.MVStore mvStore(Connection c) throws SQLException {
    if (c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession()
        instanceof org.h2.engine.SessionLocal local) {
      return local.getDatabase().getStore().getMvStore();
    }
    throw new SQLException("the store's H2 database is not embedded");
  }

  /**
   * A value the database refuses as data (too long, out of range, malformed: SQL state class 22) is
   * the caller's mistake, not the store's: it becomes an {@link IllegalArgumentException} naming
   * the column where the database says which, so the server answers 400 and clients do not retry.
   */
  static RuntimeException translate(SQLException e) {
    String state = e.getSQLState();
    if (state != null && state.startsWith("22")) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      java.util.regex.Matcher col =
          java.util.regex.Pattern.compile("(?i)column \"?([A-Za-z_]+)").matcher(m);
      return new IllegalArgumentException(
          col.find()
              ? "value too long or malformed for " + col.group(1).toLowerCase(java.util.Locale.ROOT)
              : "a value is too long or malformed: " + dev.bulwark.core.text.Messages.firstLine(m));
    }
    return new StoreException("store: " + e.getMessage(), e);
  }

  /**
   * Whether the store answers and holds every migration this build knows (for a readiness probe):
   * false when the database is unreachable, or when its migration history was lost or a migration
   * failed since the store opened.
   */
  public boolean ready() {
    if (closed) {
      return false;
    }
    try {
      return read(c -> {
        String marks = String.join(",", java.util.Collections.nCopies(migrations.size(), "?"));
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(DISTINCT \"version\") FROM \"flyway_schema_history\""
                    + " WHERE \"success\" AND \"version\" IN ("
                    + marks
                    + ")")) {
          ps.setQueryTimeout(5);
          bind(ps, migrations.toArray());
          try (ResultSet r = ps.executeQuery()) {
            return r.next() && r.getLong(1) == migrations.size();
          }
        }
      });
    } catch (RuntimeException e) {
      return false;
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
      throw translate(e);
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
      Connection fresh = DriverManager.getConnection(url, user, password);
      if (postgres) {
        // a server configured for asynchronous commits would acknowledge what a crash then loses
        try (var st = fresh.createStatement()) {
          st.execute("SET synchronous_commit = on");
        }
      }
      return fresh;
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

  /** The database refused a row because its unique key is taken (SQL state 23505 on both). */
  static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

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

  /**
   * Inserts, in one transaction, the rows whose {@code id} (the first column) is not stored yet and
   * leaves the others as they were, so a replay writes nothing twice; returns how many were new.
   * {@code values} gives a row's values in the order of {@code columns}.
   */
  <T> int insertNew(
      String table,
      List<String> columns,
      List<T> rows,
      java.util.function.Function<T, Object[]> values) {
    if (rows.isEmpty()) {
      return 0;
    }
    String names = String.join(", ", columns);
    String marks = String.join(",", java.util.Collections.nCopies(columns.size(), "?"));
    String sql =
        postgres()
            ? "INSERT INTO "
                + table
                + " ("
                + names
                + ") VALUES ("
                + marks
                + ")"
                + " ON CONFLICT (id) DO NOTHING"
            // H2 has no ON CONFLICT; a MERGE on the key leaves an existing row as it was
            : "MERGE INTO "
                + table
                + " t USING (VALUES (CAST(? AS VARCHAR(64)))) s(id)"
                + " ON t.id = s.id WHEN NOT MATCHED THEN INSERT ("
                + names
                + ") VALUES (s.id,"
                + marks.substring(2)
                + ")";
    return transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (T r : rows) {
          bind(ps, values.apply(r));
          ps.addBatch();
        }
        int n = 0;
        for (int k : ps.executeBatch()) {
          n += Math.max(0, k);
        }
        return n;
      }
    });
  }

  static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = Columns.write(args[i]);
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
