package dev.bulwark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Patch plans (per project, latest wins) and eval scorecards, kept as the JSON Bulwark wrote. */
public final class Documents {
  private final Store store;

  public Documents(Store store) {
    this.store = store;
  }

  public record Stored(long id, String name, double score, Instant at, String body) {}

  public void putPatchPlan(String project, String json, Long userId) {
    store.transaction(c -> {
      long pid = Store.lockProject(c, project);
      Store.update(
          c,
          "INSERT INTO patch_plans (project_id, body, at) VALUES (?, ?, ?)",
          pid,
          json,
          Instant.now());
      Audit.record(c, userId, "patch-plan", project, null);
      return null;
    });
  }

  public Optional<Stored> latestPatchPlan(String project) {
    return store.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT pp.id, pp.at, pp.body FROM patch_plans pp JOIN projects p"
                  + " ON p.id = pp.project_id WHERE p.name = ? ORDER BY pp.id DESC")) {
        ps.setString(1, project);
        ps.setMaxRows(1);
        try (ResultSet r = ps.executeQuery()) {
          return r.next()
              ? Optional.of(
                  new Stored(
                      r.getLong(1), project, Double.NaN, Store.instant(r, "at"), r.getString(3)))
              : Optional.<Stored>empty();
        }
      }
    });
  }

  public long addEvalResult(String suite, double score, String json, Long userId) {
    if (suite == null || suite.isBlank() || suite.length() > 60) {
      throw new IllegalArgumentException("suite: 1 to 60 characters");
    }
    return store.transaction(c -> {
      long id =
          Store.insert(
              c,
              "INSERT INTO eval_results (suite, score, body, at) VALUES (?, ?, ?, ?)",
              suite,
              score,
              json,
              Instant.now());
      Audit.record(c, userId, "eval", suite, Double.toString(score));
      return id;
    });
  }

  /** Scorecards, newest first, optionally of one suite. */
  public List<Stored> evalResults(String suite, int limit) {
    return store.read(c ->
        Store.list(
            c,
            "SELECT id, suite, score, at, body FROM eval_results"
                + (suite == null ? "" : " WHERE suite = ?")
                + " ORDER BY id DESC",
            limit,
            r ->
                new Stored(
                    r.getLong(1),
                    r.getString(2),
                    r.getDouble(3),
                    Store.instant(r, "at"),
                    r.getString(5)),
            suite == null ? new Object[0] : new Object[] {suite}));
  }
}
