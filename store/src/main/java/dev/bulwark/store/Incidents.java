package dev.bulwark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Incidents from log hunts, kept per project by their own id and updated by later hunts. */
public final class Incidents {
  private final Store store;

  public Incidents(Store store) {
    this.store = store;
  }

  public record Row(
      long id,
      String project,
      String key,
      String title,
      int score,
      Instant first,
      Instant last,
      String body) {}

  /** A project's incidents, highest score first. */
  public List<Row> list(String project, int limit) {
    return store.read(c ->
        Store.list(
            c,
            "SELECT i.id, p.name, i.incident_key, i.title, i.score, i.first_at, i.last_at"
                + " FROM incidents i JOIN projects p ON p.id = i.project_id"
                + " WHERE p.name = ? ORDER BY i.score DESC, i.id DESC",
            limit,
            r ->
                new Row(
                    r.getLong(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getInt(5),
                    Store.instant(r, "first_at"),
                    Store.instant(r, "last_at"),
                    null),
            project));
  }

  public Optional<Row> get(long id) {
    return store.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT i.id, p.name, i.incident_key, i.title, i.score, i.first_at, i.last_at,"
                  + " i.body FROM incidents i JOIN projects p ON p.id = i.project_id"
                  + " WHERE i.id = ?")) {
        ps.setLong(1, id);
        try (ResultSet r = ps.executeQuery()) {
          return r.next()
              ? Optional.of(
                  new Row(
                      r.getLong(1),
                      r.getString(2),
                      r.getString(3),
                      r.getString(4),
                      r.getInt(5),
                      Store.instant(r, "first_at"),
                      Store.instant(r, "last_at"),
                      r.getString(8)))
              : Optional.<Row>empty();
        }
      }
    });
  }
}
