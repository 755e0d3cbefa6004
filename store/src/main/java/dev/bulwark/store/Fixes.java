package dev.bulwark.store;

import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fix;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Verified patches for a project's findings, the latest per fingerprint. Only patches Bulwark
 * verified (they compile, the finding is gone, nothing new appears) are kept: the console shows
 * them as "the verified fix", and an unverified proposal must not borrow that word.
 */
public final class Fixes {
  /** Longest diff kept: a patch to one finding is a few hunks, never megabytes. */
  public static final int MAX_DIFF = 200_000;

  private final Store store;

  public Fixes(Store store) {
    this.store = store;
  }

  /** A verified patch for the finding with this fingerprint. */
  public record In(String fingerprint, String description, String diff, String provenance) {
    public In {
      if (fingerprint == null || fingerprint.isBlank() || fingerprint.length() > 64) {
        throw new IllegalArgumentException("fix fingerprint: 1 to 64 characters");
      }
      if (description == null || description.length() > 2000) {
        throw new IllegalArgumentException(
            "fix for " + fingerprint + ": description missing or longer than 2000 characters");
      }
      if (diff == null || diff.isBlank() || diff.length() > MAX_DIFF) {
        throw new IllegalArgumentException(
            "fix for " + fingerprint + ": diff missing or longer than " + MAX_DIFF + " characters");
      }
      if (provenance != null && provenance.length() > 2000) {
        provenance = provenance.substring(0, 1999) + "…";
      }
    }

    /**
     * The verified fix a finding carries, if any: findings of {@code bulwark fix --format json} and
     * of {@code scan --fixes} carry theirs in {@code fix}.
     */
    public static Optional<In> of(Finding f) {
      return f.fix()
          .filter(x -> x.status() == Fix.Status.VERIFIED && x.unifiedDiff() != null)
          .map(x -> new In(f.fingerprint(), x.description(), x.unifiedDiff(), x.provenance()));
    }
  }

  /** A stored patch: for which finding, what it restores, the diff, who sent it and when. */
  public record Stored(
      String fingerprint,
      String description,
      String diff,
      String provenance,
      String uploadedBy,
      Instant uploadedAt) {}

  /** What an upload of patches did: stored, and how many of them match a known finding. */
  public record Result(int stored, int matched) {}

  /** Stores the patches (replacing earlier ones for the same findings) in one transaction. */
  public Result put(String project, List<In> fixes, Long userId) {
    return store.transaction(c -> {
      long pid = Store.lockProject(c, project);
      Instant now = Instant.now();
      int matched = 0;
      for (In f : fixes) {
        upsert(c, pid, f, userId, now);
        if (Store.queryLong(
                c,
                "SELECT id FROM findings WHERE project_id = ? AND fingerprint = ?",
                pid,
                f.fingerprint())
            .isPresent()) {
          matched++;
        }
      }
      Audit.record(c, userId, "fixes", project, fixes.size() + " verified patches");
      return new Result(fixes.size(), matched);
    });
  }

  static void upsert(Connection c, long project, In f, Long userId, Instant now)
      throws SQLException {
    int n =
        Store.update(
            c,
            "UPDATE fixes SET description = ?, provenance = ?, diff = ?, uploaded_by = ?,"
                + " uploaded_at = ? WHERE project_id = ? AND fingerprint = ?",
            f.description(),
            f.provenance(),
            f.diff(),
            userId,
            now,
            project,
            f.fingerprint());
    if (n == 0) {
      Store.update(
          c,
          "INSERT INTO fixes (project_id, fingerprint, description, provenance, diff,"
              + " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          project,
          f.fingerprint(),
          f.description(),
          f.provenance(),
          f.diff(),
          userId,
          now);
    }
  }

  /** The verified patch for a stored finding, if one was uploaded. */
  public Optional<Stored> forFinding(long findingId) {
    return store.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT x.fingerprint, x.description, x.diff, x.provenance, u.name, x.uploaded_at"
                  + " FROM findings f JOIN fixes x ON x.project_id = f.project_id"
                  + " AND x.fingerprint = f.fingerprint LEFT JOIN users u ON u.id = x.uploaded_by"
                  + " WHERE f.id = ?")) {
        ps.setLong(1, findingId);
        try (ResultSet r = ps.executeQuery()) {
          return r.next()
              ? Optional.of(
                  new Stored(
                      r.getString(1),
                      r.getString(2),
                      r.getString(3),
                      r.getString(4),
                      r.getString(5),
                      Store.instant(r, "uploaded_at")))
              : Optional.<Stored>empty();
        }
      }
    });
  }
}
