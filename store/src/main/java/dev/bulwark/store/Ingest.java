package dev.bulwark.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.FindingJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Takes a scan's findings into the store, deduplicated by fingerprint across scans: a finding seen
 * for the first time is new; one seen again stays open; one that was fixed and is back is reopened;
 * an open finding the scan no longer reports — among the analyzers the scan ran — is fixed. An
 * upload is one transaction, and a second upload with the same key changes nothing.
 */
public final class Ingest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 500;

  private final Store store;

  public Ingest(Store store) {
    this.store = store;
  }

  /** An incident uploaded with a scan (from a log hunt): its own id, title, score, times, body. */
  public record IncidentIn(
      String key, String title, int score, Instant first, Instant last, String json) {}

  /** What to take in: whose project, the client's idempotency key, what the scan covered. */
  public record Upload(
      String project,
      String uploadKey,
      String tool,
      Set<String> analyzers,
      List<Finding> findings,
      List<IncidentIn> incidents,
      String bodyHash) {
    /** An upload whose body is not known as bytes (built in process): its key alone counts. */
    public Upload(
        String project,
        String uploadKey,
        String tool,
        Set<String> analyzers,
        List<Finding> findings,
        List<IncidentIn> incidents) {
      this(project, uploadKey, tool, analyzers, findings, incidents, null);
    }

    public Upload {
      if (project == null || project.isBlank() || project.length() > 200) {
        throw new IllegalArgumentException("project must be 1 to 200 characters");
      }
      if (uploadKey == null || !uploadKey.matches("[A-Za-z0-9._:-]{1,100}")) {
        throw new IllegalArgumentException(
            "upload key must be 1 to 100 letters, digits or . _ : -");
      }
      if (tool != null && tool.length() > 100) {
        throw new IllegalArgumentException("tool: longer than 100 characters");
      }
      if (bodyHash != null && !bodyHash.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("body hash must be 64 hex digits");
      }
      analyzers = new TreeSet<>(analyzers);
      if (String.join(",", analyzers).length() > 400) {
        throw new IllegalArgumentException("scan.analyzers: longer than 400 characters in all");
      }
      findings = List.copyOf(findings);
      for (int i = 0; i < findings.size(); i++) {
        check(i, findings.get(i));
      }
      incidents = incidents == null ? List.of() : List.copyOf(incidents);
      for (int i = 0; i < incidents.size(); i++) {
        String k = incidents.get(i).key();
        if (k == null || k.isEmpty() || k.length() > 100) {
          throw new IllegalArgumentException("incidents[" + i + "].id: 1 to 100 characters");
        }
      }
    }
  }

  /**
   * Checks one finding of an upload (the {@code i}th) against the store's column limits, so an
   * over-long value is a 400 naming the field rather than a failed transaction.
   */
  public static void check(int i, Finding f) {
    if (f.analyzer().length() > 40) {
      throw new IllegalArgumentException("findings[" + i + "].analyzer: longer than 40 characters");
    }
    if (f.fingerprint().length() > 64) {
      throw new IllegalArgumentException(
          "findings[" + i + "].fingerprint: longer than 64 characters");
    }
    try {
      Fixes.In.of(f);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("findings[" + i + "].fix: " + e.getMessage(), e);
    }
  }

  /**
   * An idempotency key already used for a different body: answering with the earlier result would
   * tell the client its new report was stored when it was not.
   */
  public static final class KeyReused extends RuntimeException {
    public KeyReused(String message) {
      super(message);
    }
  }

  /** The scan the upload became, whether it was new, and what changed. */
  public record Result(
      long scanId,
      boolean created,
      int findings,
      int added,
      int stillOpen,
      int reopened,
      int fixed) {}

  /** Hook for tests: runs inside the upload's transaction after the findings are written. */
  interface Fault {
    void afterFindings() throws SQLException;
  }

  private Fault fault = () -> {};

  void failAfterFindings(Fault f) {
    this.fault = f;
  }

  public Result upload(Upload u, Long userId) {
    return store.transaction(c -> apply(c, u, u.findings().iterator(), userId));
  }

  /**
   * Takes in an upload whose findings are read one at a time from {@code findings} (the upload's
   * own list is then empty), a chunk at a time, so memory holds a chunk and the set of
   * fingerprints, never the whole report. The findings must have passed {@link Upload#check}.
   */
  public Result upload(Upload u, java.util.Iterator<Finding> findings, Long userId) {
    if (!u.findings().isEmpty()) {
      throw new IllegalArgumentException("findings come from the list or the iterator, not both");
    }
    return store.transaction(c -> apply(c, u, findings, userId));
  }

  private Result apply(Connection c, Upload u, java.util.Iterator<Finding> source, Long userId)
      throws SQLException {
    long project = Store.lockProject(c, u.project());
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, finding_count, new_count, reopened_count, fixed_count, upload_hash FROM"
                + " scans WHERE project_id = ? AND upload_key = ?")) {
      ps.setLong(1, project);
      ps.setString(2, u.uploadKey());
      try (ResultSet r = ps.executeQuery()) {
        if (r.next()) {
          String earlier = r.getString(6);
          if (earlier != null && u.bodyHash() != null && !earlier.equals(u.bodyHash())) {
            throw new KeyReused(
                "Idempotency-Key "
                    + u.uploadKey()
                    + " was used for a different report in "
                    + u.project()
                    + " (scan "
                    + r.getLong(1)
                    + "); use a new key for a new report");
          }
          int n = r.getInt(2);
          int added = r.getInt(3);
          int reopened = r.getInt(4);
          return new Result(
              r.getLong(1), false, n, added, n - added - reopened, reopened, r.getInt(5));
        }
      }
    }
    Instant now = Instant.now();
    long scan =
        Store.insert(
            c,
            "INSERT INTO scans (project_id, upload_key, tool, analyzers, finding_count, new_count,"
                + " fixed_count, reopened_count, uploaded_by, uploaded_at, upload_hash)"
                + " VALUES (?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?)",
            project,
            u.uploadKey(),
            u.tool(),
            String.join(",", u.analyzers()),
            userId,
            now,
            u.bodyHash());

    // a chunk at a time: the first finding with a fingerprint wins, later ones are duplicates
    java.util.Set<String> seen = new java.util.HashSet<>();
    int freshCount = 0;
    int seenAgain = 0;
    List<Long> reopenedIds = new ArrayList<>();
    while (source.hasNext()) {
      Map<String, Finding> unique = new LinkedHashMap<>();
      while (source.hasNext() && unique.size() < CHUNK) {
        Finding f = source.next();
        if (seen.add(f.fingerprint())) {
          unique.put(f.fingerprint(), f);
        }
      }
      Map<String, Existing> existing = existing(c, project, unique.keySet());
      List<Finding> fresh = new ArrayList<>();
      List<Long> unchanged = new ArrayList<>();
      Map<Long, Finding> changed = new LinkedHashMap<>();
      for (Finding f : unique.values()) {
        Existing e = existing.get(f.fingerprint());
        if (e == null) {
          fresh.add(f);
          continue;
        }
        if (e.hash().equals(hash(json(f)))) {
          unchanged.add(e.id());
        } else {
          changed.put(e.id(), f);
        }
        if (!e.open()) {
          reopenedIds.add(e.id());
        }
      }
      seenAgain += unchanged.size() + changed.size();
      freshCount += fresh.size();
      insertFindings(c, project, scan, now, fresh);
      touch(c, scan, now, unchanged);
      rewrite(c, scan, now, changed);
      // a report from scan --fixes (or fix --format json) carries verified patches in its findings
      for (Finding f : unique.values()) {
        Fixes.In fix = Fixes.In.of(f).orElse(null);
        if (fix != null) {
          Fixes.upsert(c, project, fix, userId, now);
        }
      }
    }
    if (store.postgres() && freshCount >= 10_000) {
      // after a large first import PostgreSQL still believes the table empty and would answer the
      // next upload's fingerprint lookups with full scans until autovacuum catches up
      Store.update(c, "ANALYZE findings");
    }
    if (freshCount > 0) {
      Store.update(
          c,
          "INSERT INTO finding_events (finding_id, scan_id, kind, severity, analyzer, at)"
              + " SELECT id, ?, 'new', severity, analyzer, ? FROM findings"
              + " WHERE project_id = ? AND first_seen_scan = ?",
          scan,
          now,
          project,
          scan);
    }
    if (!reopenedIds.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO finding_events (finding_id, scan_id, kind, severity, analyzer, at)"
                  + " SELECT id, ?, 'reopened', severity, analyzer, ? FROM findings WHERE id = ?")) {
        for (long id : reopenedIds) {
          Store.bind(ps, scan, now, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE findings SET status = 'open', fixed_at = NULL, reopened = reopened + 1"
                  + " WHERE id = ?")) {
        for (long id : reopenedIds) {
          ps.setLong(1, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    int fixed = markFixed(c, project, scan, now, u.analyzers());
    for (IncidentIn i : u.incidents()) {
      upsertIncident(c, project, scan, i);
    }
    fault.afterFindings();
    Store.update(
        c,
        "UPDATE scans SET finding_count = ?, new_count = ?, fixed_count = ?, reopened_count = ?"
            + " WHERE id = ?",
        seen.size(),
        freshCount,
        fixed,
        reopenedIds.size(),
        scan);
    Audit.record(
        c,
        userId,
        "upload",
        u.project() + " #" + scan,
        seen.size()
            + " findings: "
            + freshCount
            + " new, "
            + reopenedIds.size()
            + " reopened, "
            + fixed
            + " fixed");
    return new Result(
        scan,
        true,
        seen.size(),
        freshCount,
        seenAgain - reopenedIds.size(),
        reopenedIds.size(),
        fixed);
  }

  private record Existing(long id, boolean open, String hash) {}

  private static Map<String, Existing> existing(Connection c, long project, Collection<String> fps)
      throws SQLException {
    Map<String, Existing> out = new HashMap<>();
    List<String> all = new ArrayList<>(fps);
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> part = all.subList(from, Math.min(all.size(), from + CHUNK));
      String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, fingerprint, status, content_hash FROM findings WHERE project_id = ?"
                  + " AND fingerprint IN ("
                  + marks
                  + ")")) {
        ps.setLong(1, project);
        for (int i = 0; i < part.size(); i++) {
          ps.setString(i + 2, part.get(i));
        }
        try (ResultSet r = ps.executeQuery()) {
          while (r.next()) {
            out.put(
                r.getString(2),
                new Existing(r.getLong(1), r.getString(3).equals("open"), r.getString(4)));
          }
        }
      }
    }
    return out;
  }

  private static void insertFindings(
      Connection c, long project, long scan, Instant now, List<Finding> fresh) throws SQLException {
    if (fresh.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO findings (project_id, fingerprint, analyzer, rule_id, title, severity,"
                + " severity_rank, confidence, path, line, status, first_seen_scan, last_seen_scan,"
                + " first_seen_at, last_seen_at, content_hash, body)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)")) {
      int n = 0;
      for (Finding f : fresh) {
        Location loc = f.primaryLocation();
        String body = json(f);
        Store.bind(
            ps,
            project,
            f.fingerprint(),
            f.analyzer(),
            cut(f.ruleId(), 200),
            cut(f.title(), 500),
            f.severity().label(),
            f.severity().rank(),
            f.confidence().label(),
            cut(loc.artifactPath().orElse(loc.display()), 1000),
            line(loc),
            scan,
            scan,
            now,
            now,
            hash(body),
            body);
        ps.addBatch();
        if (++n % CHUNK == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** Findings seen again, unchanged: only when they were last seen moves, many rows a statement. */
  private static void touch(Connection c, long scan, Instant now, List<Long> ids)
      throws SQLException {
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Long> part = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      List<Object> args = new ArrayList<>(List.of(scan, now));
      args.addAll(part);
      Store.update(
          c,
          "UPDATE findings SET last_seen_scan = ?, last_seen_at = ? WHERE id IN ("
              + String.join(",", java.util.Collections.nCopies(part.size(), "?"))
              + ")",
          args.toArray());
    }
  }

  /** Findings seen again with new content (a moved line, a new severity): rewritten. */
  private static void rewrite(Connection c, long scan, Instant now, Map<Long, Finding> changed)
      throws SQLException {
    if (changed.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE findings SET last_seen_scan = ?, last_seen_at = ?, body = ?, content_hash = ?,"
                + " severity = ?, severity_rank = ?, line = ?, title = ? WHERE id = ?")) {
      int n = 0;
      for (Map.Entry<Long, Finding> e : changed.entrySet()) {
        Finding f = e.getValue();
        String body = json(f);
        Store.bind(
            ps,
            scan,
            now,
            body,
            hash(body),
            f.severity().label(),
            f.severity().rank(),
            line(f.primaryLocation()),
            cut(f.title(), 500),
            e.getKey());
        ps.addBatch();
        if (++n % CHUNK == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  private static int markFixed(
      Connection c, long project, long scan, Instant now, Set<String> analyzers)
      throws SQLException {
    if (analyzers.isEmpty()) {
      return 0;
    }
    String in = String.join(",", java.util.Collections.nCopies(analyzers.size(), "?"));
    List<Object> args = new ArrayList<>(List.of(scan, now, project, scan));
    args.addAll(analyzers);
    Store.update(
        c,
        "INSERT INTO finding_events (finding_id, scan_id, kind, severity, analyzer, at)"
            + " SELECT id, ?, 'fixed', severity, analyzer, ? FROM findings"
            + " WHERE project_id = ? AND status = 'open' AND last_seen_scan <> ? AND analyzer IN ("
            + in
            + ")",
        args.toArray());
    List<Object> upd = new ArrayList<>(List.of(now, project, scan));
    upd.addAll(analyzers);
    return Store.update(
        c,
        "UPDATE findings SET status = 'fixed', fixed_at = ? WHERE project_id = ? AND status = 'open'"
            + " AND last_seen_scan <> ? AND analyzer IN ("
            + in
            + ")",
        upd.toArray());
  }

  private static void upsertIncident(Connection c, long project, long scan, IncidentIn i)
      throws SQLException {
    int n =
        Store.update(
            c,
            "UPDATE incidents SET scan_id = ?, title = ?, score = ?, first_at = ?, last_at = ?,"
                + " body = ? WHERE project_id = ? AND incident_key = ?",
            scan,
            cut(i.title(), 500),
            i.score(),
            i.first(),
            i.last(),
            i.json(),
            project,
            i.key());
    if (n == 0) {
      Store.update(
          c,
          "INSERT INTO incidents (project_id, incident_key, scan_id, title, score, first_at,"
              + " last_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          project,
          i.key(),
          scan,
          cut(i.title(), 500),
          i.score(),
          i.first(),
          i.last(),
          i.json());
    }
  }

  static int severityRank(String severity) {
    return Severity.rankOf(severity);
  }

  private static Integer line(Location loc) {
    return loc instanceof Location.File f && f.region() != null ? f.region().startLine() : null;
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String hash(String body) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String json(Finding f) {
    try {
      return JSON.writeValueAsString(FindingJson.toJson(f));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new StoreException("cannot serialise finding " + f.fingerprint(), e);
    }
  }
}
