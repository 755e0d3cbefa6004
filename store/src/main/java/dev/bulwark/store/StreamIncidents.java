package dev.bulwark.store;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/**
 * Incidents from the stream job, keyed by their deterministic id: writing a row whose id is already
 * stored changes nothing, so the job's at-least-once delivery stores each incident once.
 */
public final class StreamIncidents {
  private final Store store;

  public StreamIncidents(Store store) {
    this.store = store;
  }

  /**
   * One stored incident; {@code hosts} and {@code users} one a line, {@code body} its JSON, {@code
   * storedAt} when it was first written (set by the store; ignored when writing).
   */
  public record Row(
      String id,
      String title,
      int score,
      Instant first,
      Instant last,
      String hosts,
      String users,
      int detections,
      String body,
      Instant storedAt) {}

  /** Stores the rows whose ids are new, in one transaction; returns how many were new. */
  public int put(List<Row> rows) {
    Instant now = Instant.now();
    return store.insertNew(
        "stream_incidents",
        List.of(
            "id",
            "title",
            "score",
            "first_time",
            "last_time",
            "hosts",
            "users",
            "detections",
            "body",
            "stored_at"),
        rows,
        r ->
            new Object[] {
              r.id(),
              r.title(),
              r.score(),
              Store.ts(r.first()),
              Store.ts(r.last()),
              r.hosts(),
              r.users(),
              r.detections(),
              r.body(),
              Store.ts(now)
            });
  }

  /** How many incidents are stored. */
  public long count() {
    return store.read(c -> Store.queryLong(c, "SELECT COUNT(*) FROM stream_incidents").orElse(0L));
  }

  /** The stored incidents by first time and id, at most {@code limit} (0: all). */
  public List<Row> list(int limit) {
    return store.read(c ->
        Store.list(
            c,
            "SELECT id, title, score, first_time, last_time, hosts, users, detections, body,"
                + " stored_at FROM stream_incidents ORDER BY first_time, id",
            limit,
            StreamIncidents::row));
  }

  /** Removes every stored incident (a fresh back-fill). */
  public int clear() {
    return store.transaction(c -> Store.update(c, "DELETE FROM stream_incidents"));
  }

  private static Row row(ResultSet r) throws java.sql.SQLException {
    return new Row(
        r.getString(1),
        r.getString(2),
        r.getInt(3),
        Store.instant(r, "first_time"),
        Store.instant(r, "last_time"),
        r.getString(6),
        r.getString(7),
        r.getInt(8),
        r.getString(9),
        Store.instant(r, "stored_at"));
  }
}
