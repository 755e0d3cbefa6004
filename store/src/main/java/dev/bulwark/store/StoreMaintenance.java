package dev.bulwark.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checking, backing up, restoring and recovering the store: what {@code bulwark store} runs. The
 * check proves what a crash could break — that the store opens, that every index of the findings
 * agrees with the table, and that every scan is whole (its counts match the rows and events it
 * wrote, which one transaction writes together). Recovery is for an H2 file that no longer opens:
 * it keeps the damaged file, salvages every readable row with H2's recovery tool into a new file,
 * and checks the result.
 */
public final class StoreMaintenance {
  private StoreMaintenance() {}

  /** What a check found: whether the store opened, its row counts and every problem. */
  public record Check(boolean opens, Map<String, Long> rows, List<String> problems) {
    public Check {
      rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return opens && problems.isEmpty();
    }
  }

  static final List<String> TABLES =
      List.of(
          "users",
          "api_tokens",
          "sessions",
          "projects",
          "scans",
          "findings",
          "finding_events",
          "labels",
          "incidents",
          "patch_plans",
          "eval_results",
          "audit",
          "fixes");

  private static final List<String> FINDING_INDEXES =
      List.of(
          "findings_queue",
          "findings_recent",
          "findings_by_rule",
          "findings_by_verdict",
          "findings_by_path",
          "findings_any_status",
          "findings_by_analyzer",
          "findings_by_status_path");

  /** Checks the default H2 store of a data directory, including whether it opens at all. */
  public static Check checkDefault(Path dataDir) {
    if (!Files.exists(Path.of(Store.h2File(dataDir) + ".mv.db"))) {
      return new Check(false, Map.of(), List.of("no store at " + Store.h2File(dataDir) + ".mv.db"));
    }
    Store s;
    try {
      s = Store.openDefault(dataDir);
    } catch (RuntimeException e) {
      return new Check(
          false,
          Map.of(),
          List.of(
              "the store does not open: "
                  + dev.bulwark.core.text.Messages.firstLine(e)
                  + "; run `bulwark store recover`"));
    }
    try (s) {
      return check(s);
    }
  }

  /** Checks an open store. */
  public static Check check(Store s) {
    return s.read(c -> {
      Map<String, Long> rows = new LinkedHashMap<>();
      List<String> problems = new ArrayList<>();
      for (String t : TABLES) {
        rows.put(t, Store.queryLong(c, "SELECT COUNT(*) FROM " + t).orElse(0L));
      }
      if (!s.postgres()) {
        // a torn write shows as an index that no longer agrees with its table
        long viaPrimary =
            Store.queryLong(c, "SELECT COUNT(*) FROM findings USE INDEX () WHERE id > -1")
                .orElse(0L);
        if (viaPrimary != rows.get("findings")) {
          problems.add(
              "findings: the table holds "
                  + viaPrimary
                  + " rows but counts "
                  + rows.get("findings"));
        }
        for (String index : FINDING_INDEXES) {
          long n =
              Store.queryLong(
                      c,
                      "SELECT COUNT(*) FROM findings USE INDEX ("
                          + index
                          + ") WHERE project_id > -1")
                  .orElse(0L);
          if (n != viaPrimary) {
            problems.add(
                "findings: index " + index + " lists " + n + " rows, the table " + viaPrimary);
          }
        }
      }
      // every scan whole: one transaction writes a scan's counts, findings and events together
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT s.id, p.name, s.upload_key, s.new_count,"
                      + " (SELECT COUNT(*) FROM findings f WHERE f.first_seen_scan = s.id),"
                      + " (SELECT COUNT(*) FROM finding_events e WHERE e.scan_id = s.id"
                      + " AND e.kind = 'new')"
                      + " FROM scans s JOIN projects p ON p.id = s.project_id ORDER BY s.id");
          ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          long newCount = r.getLong(4);
          if (newCount != r.getLong(5) || newCount != r.getLong(6)) {
            problems.add(
                "scan "
                    + r.getLong(1)
                    + " ("
                    + r.getString(2)
                    + ", key "
                    + r.getString(3)
                    + ") is not whole: "
                    + newCount
                    + " new findings recorded, "
                    + r.getLong(5)
                    + " stored, "
                    + r.getLong(6)
                    + " events");
          }
        }
      }
      long orphans =
          Store.queryLong(
                  c,
                  "SELECT COUNT(*) FROM findings f WHERE NOT EXISTS"
                      + " (SELECT 1 FROM scans s WHERE s.id = f.last_seen_scan)")
              .orElse(0L);
      if (orphans > 0) {
        problems.add(orphans + " findings point to a scan that is not there");
      }
      return new Check(true, rows, problems);
    });
  }

  /**
   * An online, consistent copy of the H2 store as a zip ({@code BACKUP TO}); the server may keep
   * running. PostgreSQL is backed up with its own tools.
   */
  public static Path backup(Store s, Path target) {
    if (s.postgres()) {
      throw new StoreException(
          "a PostgreSQL store is backed up with pg_dump (or the cluster's own backups)");
    }
    Path t = target.toAbsolutePath();
    if (Files.exists(t)) {
      throw new IllegalArgumentException(t + ": exists; a backup never overwrites a file");
    }
    if (t.getFileName().toString().contains("'")) {
      throw new IllegalArgumentException(t + ": a backup's name cannot contain a quote");
    }
    s.read(c -> {
      try (var st = c.createStatement()) {
        st.execute("BACKUP TO '" + t + "'");
      }
      return null;
    });
    try {
      Files.setPosixFilePermissions(t, OwnerOnly.FILE);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort on file systems without POSIX permissions
    }
    return t;
  }

  /**
   * Replaces the data directory's H2 store with a backup. The store must not be open (a running
   * server holds it); the current file is kept beside it, never deleted.
   */
  public static Path restore(Path dataDir, Path backup) {
    Path db = Path.of(Store.h2File(dataDir) + ".mv.db");
    Path keep = null;
    try {
      byte[] data = null;
      try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(backup))) {
        for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
          if (e.getName().endsWith(".mv.db")) {
            data = zin.readAllBytes();
          }
        }
      }
      if (data == null) {
        throw new IllegalArgumentException(backup + ": not a Bulwark store backup (no .mv.db)");
      }
      refuseIfOpen(dataDir);
      OwnerOnly.secure(db.getParent());
      if (Files.exists(db)) {
        keep = Path.of(db + ".before-restore-" + stamp());
        Files.move(db, keep);
      }
      Path tmp = Path.of(db + ".restoring");
      Files.write(tmp, data);
      Files.move(tmp, db, StandardCopyOption.ATOMIC_MOVE);
      OwnerOnly.secure(db.getParent());
    } catch (IOException e) {
      throw new StoreException(backup + ": cannot restore: " + e, e);
    }
    Check after = checkDefault(dataDir);
    if (!after.ok()) {
      throw new StoreException(
          "restored "
              + backup
              + " but it does not check out: "
              + String.join("; ", after.problems()));
    }
    return keep;
  }

  /**
   * What recovery did: where the damaged file went, the check before and after, and what H2's
   * recovery tool could not read (an empty list when it read everything).
   */
  public record Recovery(Path damagedCopy, Check before, Check after, List<String> unreadable) {
    public Recovery {
      unreadable = List.copyOf(unreadable);
    }
  }

  /**
   * Rebuilds an H2 store that does not open (or fails its check) from every row H2's recovery tool
   * can still read. The damaged file is moved to {@code store/damaged-TIME/}.
   */
  public static Recovery recover(Path dataDir) {
    Check before = checkDefault(dataDir);
    if (before.ok()) {
      return new Recovery(null, before, before, List.of());
    }
    Path db = Path.of(Store.h2File(dataDir) + ".mv.db");
    if (!Files.exists(db)) {
      throw new StoreException("no store at " + db);
    }
    refuseIfOpen(dataDir);
    Path damaged = db.getParent().resolve("damaged-" + stamp());
    List<String> unreadable = new ArrayList<>();
    try {
      Files.createDirectories(damaged);
      Files.move(db, damaged.resolve("bulwark.mv.db"));
      Files.deleteIfExists(Path.of(Store.h2File(dataDir) + ".trace.db"));
      // the recovery tool writes to the file it reads, so it works on a copy: the kept one stays
      // exactly as the crash left it
      Path work = damaged.resolve("work");
      Files.createDirectories(work);
      Files.copy(damaged.resolve("bulwark.mv.db"), work.resolve("bulwark.mv.db"));
      org.h2.tools.Recover.execute(work.toString(), "bulwark");
      Path script = damaged.resolve("recovered.sql");
      Files.move(work.resolve("bulwark.h2.sql"), script);
      try (var stale = Files.list(work)) {
        for (Path p : stale.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(work);
      if (!Files.exists(script)) {
        throw new StoreException(damaged + ": H2's recovery tool wrote no script");
      }
      try (var lines = Files.lines(script, StandardCharsets.UTF_8)) {
        lines
            .filter(l -> l.startsWith("// error:"))
            .map(l -> l.substring(3))
            .forEach(unreadable::add);
      }
      // the script recreates the schema, the rows it could read and the flyway history
      org.h2.tools.RunScript.execute(
          Store.h2Url(dataDir), "bulwark", "", script.toString(), StandardCharsets.UTF_8, true);
      OwnerOnly.secure(damaged);
    } catch (IOException | SQLException e) {
      throw new StoreException(db + ": recovery failed: " + e.getMessage(), e);
    }
    return new Recovery(damaged, before, checkDefault(dataDir), unreadable);
  }

  private static void refuseIfOpen(Path dataDir) {
    // H2 holds a lock on its open file: another process's lock makes tryLock return null, one in
    // this process makes it throw; either way the file is in use
    Path db = Path.of(Store.h2File(dataDir) + ".mv.db");
    if (!Files.exists(db)) {
      return;
    }
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(db, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new StoreException(db + " is in use (is `bulwark serve` running?); stop it first");
      }
      lock.release();
    } catch (IOException e) {
      throw new StoreException(db + ": cannot open: " + e, e);
    }
  }

  private static String stamp() {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC)
        .format(Instant.now());
  }
}
