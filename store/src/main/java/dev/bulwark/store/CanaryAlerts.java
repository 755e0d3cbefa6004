package dev.bulwark.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Call-backs of planted canary tokens: someone used a decoy. Each row says which token, when, from
 * which address and with which user agent. A repeat of the same call-back within the same second is
 * stored once, so a client's retry does not double an alert.
 */
public final class CanaryAlerts {
  /** The longest source address and user agent kept; longer values are cut, never refused. */
  public static final int MAX_SOURCE = 100;

  public static final int MAX_USER_AGENT = 512;

  /** The largest page {@link #list} returns. */
  public static final int MAX_PAGE = 500;

  private final Store store;

  public CanaryAlerts(Store store) {
    this.store = store;
  }

  /** How a call-back arrived. */
  public static final String HTTP = "http";

  public static final String DNS = "dns";

  /**
   * One call-back; {@code userAgent} may be null (the client sent none, or the call-back was a DNS
   * lookup); {@code channel} is {@link #HTTP} or {@link #DNS}.
   */
  public record Alert(
      String tokenId, Instant time, String source, String userAgent, String channel) {
    public Alert {
      Objects.requireNonNull(tokenId, "tokenId");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(source, "source");
      if (tokenId.isEmpty() || tokenId.length() > 64) {
        throw new IllegalArgumentException("a canary token id has 1 to 64 characters");
      }
      if (channel == null) {
        channel = HTTP;
      }
      if (!channel.equals(HTTP) && !channel.equals(DNS)) {
        throw new IllegalArgumentException("a call-back arrives by http or dns, not " + channel);
      }
      // kept to the second: the stored key is per second, and a finer time would only mislead
      time = time.truncatedTo(ChronoUnit.SECONDS);
      source = cut(source, MAX_SOURCE);
      userAgent = userAgent == null ? null : cut(userAgent, MAX_USER_AGENT);
    }

    /** An HTTP call-back. */
    public Alert(String tokenId, Instant time, String source, String userAgent) {
      this(tokenId, time, source, userAgent, HTTP);
    }
  }

  /** A page of alerts, newest first, and the offset of the next page (-1 when this is the last). */
  public record Page(List<Alert> alerts, int next) {}

  /** Stores the alert; returns false when the same call-back was already stored. */
  public boolean record(Alert a) {
    String sql =
        store.postgres()
            ? "INSERT INTO canary_alerts (id, token_id, seen_at, source, user_agent, channel)"
                + " VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING"
            // H2 has no ON CONFLICT; a MERGE on the key leaves an existing row as it was
            : "MERGE INTO canary_alerts t USING (VALUES (CAST(? AS CHAR(64)))) s(id)"
                + " ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, token_id, seen_at, source,"
                + " user_agent, channel) VALUES (s.id,?,?,?,?,?)";
    return store.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Store.bind(
            ps, key(a), a.tokenId(), Store.ts(a.time()), a.source(), a.userAgent(), a.channel());
        return ps.executeUpdate() > 0;
      }
    });
  }

  /** How many alerts are stored. */
  public long count() {
    return store.read(c -> Store.queryLong(c, "SELECT COUNT(*) FROM canary_alerts").orElse(0L));
  }

  /**
   * Alerts newest first, skipping {@code offset}, at most {@code limit} (1 to {@value #MAX_PAGE}).
   */
  public Page list(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE);
    }
    // one row more than asked tells whether there is a next page
    List<Alert> rows =
        store.read(c ->
            Store.list(
                c,
                "SELECT token_id, seen_at, source, user_agent, channel FROM canary_alerts"
                    + " ORDER BY seen_at DESC, id DESC LIMIT ? OFFSET ?",
                0,
                CanaryAlerts::row,
                limit + 1,
                offset));
    if (rows.size() > limit) {
      return new Page(List.copyOf(rows.subList(0, limit)), offset + limit);
    }
    return new Page(List.copyOf(rows), -1);
  }

  private static Alert row(ResultSet r) throws SQLException {
    return new Alert(
        r.getString(1),
        Store.instant(r, "seen_at"),
        r.getString(3),
        r.getString(4),
        r.getString(5));
  }

  /** The stored key of an alert: the same call-back twice in one second has the same key. */
  public static String key(Alert a) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      // HTTP call-backs keep the key they had before DNS ones existed
      String[] parts =
          a.channel().equals(HTTP)
              ? new String[] {
                a.tokenId(),
                a.time().toString(),
                a.source(),
                a.userAgent() == null ? "" : a.userAgent()
              }
              : new String[] {
                a.tokenId(),
                a.time().toString(),
                a.source(),
                a.userAgent() == null ? "" : a.userAgent(),
                a.channel()
              };
      for (String part : parts) {
        byte[] b = part.getBytes(StandardCharsets.UTF_8);
        // length-prefixed, so no two different alerts share a digest input
        d.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        d.update((byte) ':');
        d.update(b);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    // never split a surrogate pair: a lone half is not valid text in either database
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
