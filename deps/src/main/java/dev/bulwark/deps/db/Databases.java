package dev.bulwark.deps.db;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * The database an analysis reads: the imported one in the data directory, or — before anything was
 * imported — a private copy of the small built-in seed, so a first scan already reports the
 * best-known vulnerable libraries.
 */
public final class Databases {
  private static final List<String> SEED =
      List.of(
          "GHSA-jfh8-c2jp-5v3q.json",
          "GHSA-7rjr-3q55-vv33.json",
          "GHSA-p6xc-xr62-6r2g.json",
          "GHSA-36p3-wjmg-h94x.json",
          "kev-subset.json");

  private Databases() {}

  /** The database to read, and whether it is the built-in seed. */
  public record Opened(AdvisoryDb db, boolean seed, Path cleanup) {}

  public static Opened forAnalysis(Path dataDir, DiagnosticSink diagnostics) throws InputException {
    if (AdvisoryDb.exists(dataDir)) {
      return new Opened(AdvisoryDb.open(dataDir), false, null);
    }
    try {
      Path tmp = Files.createTempDirectory("bulwark-seed-db");
      AdvisoryDb db = AdvisoryDb.open(tmp);
      Path seedDir = Files.createDirectories(tmp.resolve("seed"));
      for (String name : SEED) {
        try (InputStream in =
            Databases.class.getResourceAsStream("/dev/bulwark/deps/seed/" + name)) {
          if (in == null) {
            throw new InputException("built-in advisory seed " + name + " is missing");
          }
          Files.write(seedDir.resolve(name), in.readAllBytes());
        }
      }
      new Importer(db, diagnostics).importPath(seedDir);
      db.setMeta(
          "source", "built-in seed (import a full database with bulwark db import or update)");
      return new Opened(db, true, tmp);
    } catch (IOException | SQLException e) {
      throw new InputException("cannot prepare the built-in advisory seed: " + e.getMessage(), e);
    }
  }

  /** Closes the database and removes a seed copy. */
  public static void close(Opened o) {
    try {
      o.db().close();
    } catch (SQLException e) {
      // closing a read-only use cannot lose data
    }
    if (o.cleanup() != null) {
      try (var s = Files.walk(o.cleanup())) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // a leftover temporary copy is harmless
      }
    }
  }
}
