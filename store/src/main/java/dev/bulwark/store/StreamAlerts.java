package dev.bulwark.store;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/**
 * Detections from the stream job, keyed by their deterministic id: writing a row whose id is
 * already stored changes nothing, which is what makes the job's at-least-once delivery exact.
 */
public final class StreamAlerts {
  private final Store store;

  public StreamAlerts(Store store) {
    this.store = store;
  }

  /**
   * One stored detection; {@code body} is its JSON, {@code storedAt} when it was first written (set
   * by the store; ignored when writing).
   */
  public record Row(
      String id,
      String ruleId,
      String ruleTitle,
      String level,
      Instant time,
      String source,
      String recordId,
      String host,
      String user,
      boolean correlation,
      String summary,
      String body,
      Instant storedAt) {}

  /** Stores the rows whose ids are new, in one transaction; returns how many were new. */
  public int put(List<Row> rows) {
    Instant now = Instant.now();
    return store.insertNew(
        "stream_alerts",
        List.of(
            "id",
            "rule_id",
            "rule_title",
            "level",
            "event_time",
            "source",
            "record_id",
            "host",
            "user_name",
            "correlation",
            "summary",
            "body",
            "stored_at"),
        rows,
        r ->
            new Object[] {
              r.id(), r.ruleId(), r.ruleTitle(), r.level(), Store.ts(r.time()), r.source(),
              r.recordId(), r.host(), r.user(), r.correlation(), r.summary(), r.body(),
              Store.ts(now)
            });
  }

  /** How many detections are stored. */
  public long count() {
    return store.read(c -> Store.queryLong(c, "SELECT COUNT(*) FROM stream_alerts").orElse(0L));
  }

  /** The stored detections in event-time order, at most {@code limit} (0: all). */
  public List<Row> list(int limit) {
    return store.read(c ->
        Store.list(
            c,
            "SELECT id, rule_id, rule_title, level, event_time, source, record_id, host,"
                + " user_name, correlation, summary, body, stored_at FROM stream_alerts"
                + " ORDER BY event_time, id",
            limit,
            StreamAlerts::row));
  }

  /** Removes every stored detection (a fresh back-fill). */
  public int clear() {
    return store.transaction(c -> Store.update(c, "DELETE FROM stream_alerts"));
  }

  private static Row row(ResultSet r) throws java.sql.SQLException {
    return new Row(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        Store.instant(r, "event_time"),
        r.getString(6),
        r.getString(7),
        r.getString(8),
        r.getString(9),
        r.getBoolean(10),
        r.getString(11),
        r.getString(12),
        Store.instant(r, "stored_at"));
  }
}
