package dev.bulwark.store;

import java.sql.PreparedStatement;
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
    if (rows.isEmpty()) {
      return 0;
    }
    String sql =
        store.postgres()
            ? "INSERT INTO stream_alerts (id, rule_id, rule_title, level, event_time, source,"
                + " record_id, host, user_name, correlation, summary, body, stored_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING"
            // H2 has no ON CONFLICT; a MERGE on the key leaves an existing row as it was
            : "MERGE INTO stream_alerts t USING (VALUES (CAST(? AS VARCHAR(64)))) s(id)"
                + " ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, rule_id, rule_title, level,"
                + " event_time, source, record_id, host, user_name, correlation, summary, body,"
                + " stored_at) VALUES (s.id,?,?,?,?,?,?,?,?,?,?,?,?)";
    Instant now = Instant.now();
    return store.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (Row r : rows) {
          Store.bind(
              ps,
              r.id(),
              r.ruleId(),
              r.ruleTitle(),
              r.level(),
              Store.ts(r.time()),
              r.source(),
              r.recordId(),
              r.host(),
              r.user(),
              r.correlation(),
              r.summary(),
              r.body(),
              Store.ts(now));
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
