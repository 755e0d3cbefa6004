package dev.bulwark.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Who did what, when: uploads, verdicts, logins, tokens and users. Append-only. */
public final class Audit {
  private final Store store;

  public Audit(Store store) {
    this.store = store;
  }

  public record Entry(
      long id, Instant at, String user, String action, String subject, String detail) {}

  static void record(Connection c, Long userId, String action, String subject, String detail)
      throws SQLException {
    Store.update(
        c,
        "INSERT INTO audit (at, user_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        Instant.now(),
        userId,
        action,
        subject == null || subject.length() <= 300 ? subject : subject.substring(0, 300),
        detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
  }

  public void record(Long userId, String action, String subject, String detail) {
    store.transaction(c -> {
      record(c, userId, action, subject, detail);
      return null;
    });
  }

  /**
   * A page of the log, newest first: entries older than {@code beforeId} (null: the newest), of one
   * action and one user name when given.
   */
  public List<Entry> page(Long beforeId, String action, String user, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT a.id, a.at, u.name, a.action, a.subject, a.detail FROM audit a"
                + " LEFT JOIN users u ON u.id = a.user_id WHERE 1 = 1");
    List<Object> args = new java.util.ArrayList<>();
    if (beforeId != null) {
      sql.append(" AND a.id < ?");
      args.add(beforeId);
    }
    if (action != null) {
      sql.append(" AND a.action = ?");
      args.add(action);
    }
    if (user != null) {
      sql.append(" AND u.name = ?");
      args.add(user);
    }
    sql.append(" ORDER BY a.id DESC");
    return store.read(c ->
        Store.list(
            c,
            sql.toString(),
            limit,
            r ->
                new Entry(
                    r.getLong(1),
                    Store.instant(r, "at"),
                    r.getString(3),
                    r.getString(4),
                    r.getString(5),
                    r.getString(6)),
            args.toArray()));
  }

  /** The latest entries, newest first. */
  public List<Entry> latest(int limit) {
    return store.read(c ->
        Store.list(
            c,
            "SELECT a.id, a.at, u.name, a.action, a.subject, a.detail FROM audit a"
                + " LEFT JOIN users u ON u.id = a.user_id ORDER BY a.id DESC",
            limit,
            r ->
                new Entry(
                    r.getLong(1),
                    Store.instant(r, "at"),
                    r.getString(3),
                    r.getString(4),
                    r.getString(5),
                    r.getString(6))));
  }
}
