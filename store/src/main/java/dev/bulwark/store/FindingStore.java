package dev.bulwark.store;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.FindingStatus;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Findings as the team sees them: listed with filters, sorted, paged by cursor (keyset, so a page
 * costs the same at the millionth row as at the first), with their history and verdicts.
 */
public final class FindingStore {
  public static final int MAX_LIMIT = 500;
  // the labels of the core enums, which the store's string columns hold
  private static final Set<String> VERDICTS = labels(Verdict.values(), Verdict::label);
  private static final Set<String> SEVERITIES = labels(Severity.values(), Severity::label);
  private static final Set<String> STATUSES = labels(FindingStatus.values(), FindingStatus::label);

  private static <E> Set<String> labels(E[] values, java.util.function.Function<E, String> label) {
    return java.util.Arrays.stream(values)
        .map(label)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private final Store store;

  public FindingStore(Store store) {
    this.store = store;
  }

  /**
   * A finding's row: what lists show. {@code verdict} is null until someone gives one; {@code body}
   * (the finding's JSON) only on {@link #get}.
   */
  public record Row(
      long id,
      String project,
      String fingerprint,
      String analyzer,
      String ruleId,
      String title,
      Severity severity,
      Confidence confidence,
      String path,
      Integer line,
      FindingStatus status,
      Verdict verdict,
      Instant firstSeen,
      Instant lastSeen,
      Instant fixedAt,
      int reopened,
      String body) {}

  /** A step in a finding's life, as its history lists it. */
  public enum Change {
    NEW,
    FIXED,
    REOPENED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum Sort {
    /** Most severe first, newest first within a severity. */
    SEVERITY,
    /** Newest first. */
    RECENT
  }

  /** Filters; null or empty means any. {@code status} is open, fixed or null for both. */
  public record Query(
      String project,
      String status,
      Set<String> severities,
      Set<String> analyzers,
      String ruleId,
      String pathPrefix,
      String verdict,
      Sort sort,
      int limit,
      String cursor) {
    public Query {
      severities = severities == null ? Set.of() : Set.copyOf(severities);
      for (String sv : severities) {
        if (!SEVERITIES.contains(sv)) {
          throw new IllegalArgumentException(
              "severity must be critical, high, medium, low or info, got " + sv);
        }
      }
      analyzers = analyzers == null ? Set.of() : Set.copyOf(analyzers);
      sort = sort == null ? Sort.SEVERITY : sort;
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
      }
      if (verdict != null && !verdict.equals("none") && !VERDICTS.contains(verdict)) {
        throw new IllegalArgumentException("verdict must be tp, fp, wont-fix or none");
      }
      if (status != null && !STATUSES.contains(status)) {
        throw new IllegalArgumentException("status must be open or fixed");
      }
    }

    public static Query open(String project, int limit) {
      return new Query(
          project,
          FindingStatus.OPEN.label(),
          null,
          null,
          null,
          null,
          null,
          Sort.SEVERITY,
          limit,
          null);
    }
  }

  /** One page and the cursor of the next (null on the last page). */
  public record Page(List<Row> items, String nextCursor) {}

  public Page list(Query q) {
    return store.read(c -> list(c, q));
  }

  /**
   * Above this many findings under a path prefix, H2 reads the list's own index in order and skips
   * the rest (a common prefix fills a page soon); at or below it, it reads the prefix's index range
   * and sorts those few rows. Either way the work is bounded: a rare prefix no longer means reading
   * the whole queue to fill a page (p95 0.6–1 s with 100,000 findings), nor a common one sorting
   * all of them.
   */
  static final int FEW_UNDER_PREFIX = 10_000;

  /** A list's statement: its SQL and arguments, or null when the project does not exist. */
  private record Statement(String sql, List<Object> args) {}

  private Page list(Connection c, Query q) throws SQLException {
    Statement st = statement(c, q);
    if (st == null) {
      return new Page(List.of(), null);
    }
    List<Row> rows = new ArrayList<>();
    Map<Long, String> names = new java.util.HashMap<>();
    int lastRank = 0;
    try (PreparedStatement ps = c.prepareStatement(st.sql())) {
      Store.bind(ps, st.args().toArray());
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          if (rows.size() == q.limit()) {
            Row last = rows.get(rows.size() - 1);
            return new Page(rows, encode(q.sort(), lastRank, last.id()));
          }
          rows.add(row(r, projectName(c, names, r.getLong("project_id"))));
          lastRank = r.getInt("severity_rank");
        }
      }
    }
    return new Page(rows, null);
  }

  /** How the database runs a list's query (EXPLAIN ANALYZE), for tests of index use. */
  String plan(Query q) {
    return store.read(c -> {
      Statement st = statement(c, q);
      if (st == null) {
        return "";
      }
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + st.sql())) {
        Store.bind(ps, st.args().toArray());
        StringBuilder out = new StringBuilder();
        try (ResultSet r = ps.executeQuery()) {
          while (r.next()) {
            out.append(r.getString(1)).append('\n');
          }
        }
        return out.toString();
      }
    });
  }

  private Statement statement(Connection c, Query q) throws SQLException {
    Long project = null;
    if (q.project() != null) {
      // the id first: a sub-select here keeps H2 from using the project's indexes
      Optional<Long> pid =
          Store.queryLong(c, "SELECT id FROM projects WHERE name = ?", q.project());
      if (pid.isEmpty()) {
        return null;
      }
      project = pid.get();
    }
    String prefix = q.pathPrefix() == null || q.pathPrefix().isEmpty() ? null : q.pathPrefix();
    // H2 serves a prefix from an index only as a range of the path column (its LIKE does not
    // narrow an index with a bound pattern); the range is exact under H2's ordering of strings.
    // PostgreSQL's collation-aware ordering is not, so there LIKE meets its text_pattern_ops index.
    String upper = prefix == null ? null : upperBound(prefix);
    String hint = "";
    if (!store.postgres() && project != null) {
      if (prefix != null && few(c, project, q.status(), prefix, upper)) {
        hint =
            q.status() != null
                ? " USE INDEX (findings_by_status_path)"
                : " USE INDEX (findings_by_path)";
      } else if (q.status() == null && q.sort() == Sort.SEVERITY) {
        // H2 would read the project's rows through its foreign-key index and sort them
        hint = " USE INDEX (findings_any_status)";
      }
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT f.id, f.project_id, f.fingerprint, f.analyzer, f.rule_id, f.title,"
                + " f.severity, f.confidence, f.path, f.line, f.status, f.verdict,"
                + " f.first_seen_at, f.last_seen_at, f.fixed_at, f.reopened, f.severity_rank"
                + " FROM findings f"
                + hint
                + " WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (project != null) {
      sql.append(" AND f.project_id = ?");
      args.add(project);
    }
    if (q.status() != null) {
      sql.append(" AND f.status = ?");
      args.add(q.status());
    }
    // by rank, not name: the rank is an index column, so a severity filter narrows the index range
    in(
        sql,
        args,
        "f.severity_rank",
        q.severities().stream()
            .map(Ingest::severityRank)
            .distinct()
            .sorted()
            .map(Object.class::cast)
            .toList());
    in(sql, args, "f.analyzer", q.analyzers());
    if (q.ruleId() != null) {
      sql.append(" AND f.rule_id = ?");
      args.add(q.ruleId());
    }
    if (prefix != null) {
      sql.append(" AND f.path LIKE ? ESCAPE '\\'");
      args.add(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      if (!store.postgres()) {
        range(sql, args, prefix, upper);
      }
    }
    if ("none".equals(q.verdict())) {
      sql.append(" AND f.verdict IS NULL");
    } else if (q.verdict() != null) {
      sql.append(" AND f.verdict = ?");
      args.add(q.verdict());
    }
    long[] after = decode(q.cursor(), q.sort());
    if (after != null) {
      if (q.sort() == Sort.SEVERITY) {
        sql.append(" AND (f.severity_rank < ? OR (f.severity_rank = ? AND f.id < ?))");
        args.add((int) after[0]);
        args.add((int) after[0]);
        args.add(after[1]);
      } else {
        sql.append(" AND f.id < ?");
        args.add(after[1]);
      }
    }
    sql.append(" ORDER BY ")
        .append(equalityPrefix(q))
        .append(q.sort() == Sort.SEVERITY ? "f.severity_rank DESC, f.id DESC" : "f.id DESC");
    sql.append(" FETCH FIRST ").append(q.limit() + 1).append(" ROWS ONLY");
    return new Statement(sql.toString(), args);
  }

  /** The paths under {@code prefix} are those from the prefix up to (not including) this. */
  static String upperBound(String prefix) {
    int end = prefix.length();
    while (end > 0 && prefix.charAt(end - 1) == Character.MAX_VALUE) {
      end--;
    }
    if (end == 0) {
      return null; // every path from the prefix on
    }
    return prefix.substring(0, end - 1) + (char) (prefix.charAt(end - 1) + 1);
  }

  private static void range(StringBuilder sql, List<Object> args, String prefix, String upper) {
    sql.append(" AND f.path >= ?");
    args.add(prefix);
    if (upper != null) {
      sql.append(" AND f.path < ?");
      args.add(upper);
    }
  }

  /** Whether at most {@link #FEW_UNDER_PREFIX} of the project's findings lie under the prefix. */
  private static boolean few(Connection c, long project, String status, String prefix, String upper)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT COUNT(*) FROM (SELECT 1 FROM findings f"
                + (status != null
                    ? " USE INDEX (findings_by_status_path)"
                    : " USE INDEX (findings_by_path)")
                + " WHERE f.project_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(project);
    if (status != null) {
      sql.append(" AND f.status = ?");
      args.add(status);
    }
    range(sql, args, prefix, upper);
    sql.append(" FETCH FIRST ").append(FEW_UNDER_PREFIX + 1).append(" ROWS ONLY)");
    return Store.queryLong(c, sql.toString(), args.toArray()).orElse(0L) <= FEW_UNDER_PREFIX;
  }

  /** A severity's rank, critical highest; what lists sort by. */
  public static int severityRank(String severity) {
    return Ingest.severityRank(severity);
  }

  /**
   * The columns a list's filters pin to one value, in the order of the index that serves the list.
   * Naming them first in ORDER BY changes nothing in the result, but lets H2 read the page straight
   * from the index instead of sorting every matching row.
   */
  private static String equalityPrefix(Query q) {
    if (q.project() == null) {
      return "";
    }
    if (q.sort() == Sort.SEVERITY && q.ruleId() != null) {
      return "f.project_id, f.rule_id, ";
    }
    if (q.sort() == Sort.SEVERITY && q.verdict() != null && !q.verdict().equals("none")) {
      return "f.project_id, f.verdict, ";
    }
    if (q.sort() == Sort.SEVERITY && q.status() != null && q.analyzers().size() == 1) {
      return "f.project_id, f.status, f.analyzer, ";
    }
    return q.status() != null ? "f.project_id, f.status, " : "f.project_id, ";
  }

  private static String projectName(Connection c, Map<Long, String> cache, long id)
      throws SQLException {
    String n = cache.get(id);
    if (n == null) {
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM projects WHERE id = ?")) {
        ps.setLong(1, id);
        try (ResultSet r = ps.executeQuery()) {
          n = r.next() ? r.getString(1) : "?";
        }
      }
      cache.put(id, n);
    }
    return n;
  }

  private static void in(
      StringBuilder sql, List<Object> args, String column, java.util.Collection<?> values) {
    if (values.isEmpty()) {
      return;
    }
    sql.append(" AND ")
        .append(column)
        .append(" IN (")
        .append(String.join(",", java.util.Collections.nCopies(values.size(), "?")))
        .append(")");
    values.stream().sorted((a, b) -> a.toString().compareTo(b.toString())).forEach(args::add);
  }

  private static String encode(Sort sort, int rank, long id) {
    String raw = sort.name().charAt(0) + ":" + rank + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static long[] decode(String cursor, Sort sort) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String[] p =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
      if (p.length != 3 || p[0].charAt(0) != sort.name().charAt(0)) {
        throw new IllegalArgumentException("the cursor belongs to another sort order");
      }
      return new long[] {Long.parseLong(p[1]), Long.parseLong(p[2])};
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a cursor from this list: " + e.getMessage(), e);
    }
  }

  private static Row row(ResultSet r, String project) throws SQLException {
    return row(r, project, null);
  }

  private static Row row(ResultSet r, String project, String body) throws SQLException {
    int line = r.getInt("line");
    boolean noLine = r.wasNull(); // asked right away: it answers for the last column read
    return new Row(
        r.getLong("id"),
        project,
        r.getString("fingerprint"),
        r.getString("analyzer"),
        r.getString("rule_id"),
        r.getString("title"),
        Columns.severity(r, "severity"),
        Columns.confidence(r, "confidence"),
        r.getString("path"),
        noLine ? null : line,
        Columns.status(r, "status"),
        Columns.verdict(r, "verdict"),
        Store.instant(r, "first_seen_at"),
        Store.instant(r, "last_seen_at"),
        Store.instant(r, "fixed_at"),
        r.getInt("reopened"),
        body);
  }

  /** One finding with its JSON body. */
  public Optional<Row> get(long id) {
    return store.read(c ->
        Store.list(
                c,
                "SELECT f.*, p.name FROM findings f JOIN projects p ON p.id = f.project_id"
                    + " WHERE f.id = ?",
                1,
                r -> row(r, r.getString("name"), r.getString("body")),
                id)
            .stream()
            .findFirst());
  }

  /**
   * A verdict as given: by whom, when, why, and the severity the reviewer would give the finding
   * (null when they kept the finding's own).
   */
  public record GivenVerdict(
      long id,
      Verdict verdict,
      Severity severity,
      String note,
      String user,
      Instant at,
      String tool) {}

  /** Records a verdict (the latest one is the finding's). */
  public GivenVerdict label(
      long findingId, Verdict verdict, Severity severity, String note, long userId, String tool) {
    java.util.Objects.requireNonNull(verdict, "verdict");
    if (note != null && note.length() > 2000) {
      throw new IllegalArgumentException("a note is at most 2,000 characters");
    }
    return store.transaction(c -> {
      Instant now = Instant.now();
      int n = Store.update(c, "UPDATE findings SET verdict = ? WHERE id = ?", verdict, findingId);
      if (n == 0) {
        throw new java.util.NoSuchElementException("no finding " + findingId);
      }
      long id =
          Store.insert(
              c,
              "INSERT INTO labels (finding_id, verdict, severity, note, user_id, at, tool)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)",
              findingId,
              verdict,
              severity,
              note,
              userId,
              now,
              tool);
      Audit.record(c, userId, "label", "finding " + findingId, verdict.label());
      String user =
          Store.queryLong(c, "SELECT id FROM users WHERE id = ?", userId).isPresent()
              ? name(c, userId)
              : null;
      return new GivenVerdict(id, verdict, severity, note, user, now, tool);
    });
  }

  private static String name(Connection c, long userId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM users WHERE id = ?")) {
      ps.setLong(1, userId);
      try (ResultSet r = ps.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /** Every verdict on a finding, oldest first. */
  public List<GivenVerdict> verdicts(long findingId) {
    return store.read(c ->
        Store.list(
            c,
            "SELECT l.id, l.verdict, l.severity, l.note, u.name, l.at, l.tool FROM labels l"
                + " JOIN users u ON u.id = l.user_id WHERE l.finding_id = ? ORDER BY l.id",
            0,
            r ->
                new GivenVerdict(
                    r.getLong(1),
                    Columns.verdict(r, "verdict"),
                    Columns.severity(r, "severity"),
                    r.getString(4),
                    r.getString(5),
                    Store.instant(r, "at"),
                    r.getString(7)),
            findingId));
  }

  /** A lifecycle change: new, fixed or reopened, in which scan. */
  public record Event(Change kind, long scanId, Instant at) {}

  public List<Event> history(long findingId) {
    return store.read(c ->
        Store.list(
            c,
            "SELECT kind, scan_id, at FROM finding_events WHERE finding_id = ? ORDER BY id",
            0,
            r -> new Event(Columns.change(r, "kind"), r.getLong(2), Store.instant(r, "at")),
            findingId));
  }

  /**
   * The stored finding of each fingerprint given, for pages that cite findings by fingerprint (a
   * threat model's evidence). When several projects hold one, the one seen last is named.
   * Fingerprints nothing holds are absent from the map.
   */
  public Map<String, Long> idsByFingerprint(java.util.Collection<String> fingerprints) {
    List<String> all = fingerprints.stream().distinct().toList();
    Map<String, Long> out = new java.util.HashMap<>();
    Map<String, Instant> seen = new java.util.HashMap<>();
    // a bounded IN list per statement: the unique (fingerprint, project_id) index serves each
    for (int from = 0; from < all.size(); from += FINGERPRINTS_PER_QUERY) {
      List<String> part = all.subList(from, Math.min(all.size(), from + FINGERPRINTS_PER_QUERY));
      String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
      store.read(c -> {
        for (Object[] r :
            Store.list(
                c,
                "SELECT fingerprint, id, last_seen_at FROM findings WHERE fingerprint IN ("
                    + marks
                    + ")",
                Integer.MAX_VALUE,
                rs ->
                    new Object[] {
                      rs.getString("fingerprint"),
                      rs.getLong("id"),
                      Store.instant(rs, "last_seen_at")
                    },
                part.toArray())) {
          String fp = (String) r[0];
          Instant at = (Instant) r[2];
          if (!seen.containsKey(fp) || at.isAfter(seen.get(fp))) {
            seen.put(fp, at);
            out.put(fp, (Long) r[1]);
          }
        }
        return null;
      });
    }
    return out;
  }

  private static final int FINGERPRINTS_PER_QUERY = 500;

  /** Past verdicts on the same rule in any project, newest first: "how did we judge these?" */
  public List<Row> judgedAlike(long findingId, int limit) {
    return store.read(c ->
        Store.list(
            c,
            "SELECT f.id, p.name, f.fingerprint, f.analyzer, f.rule_id, f.title, f.severity,"
                + " f.confidence, f.path, f.line, f.status, f.verdict, f.first_seen_at,"
                + " f.last_seen_at, f.fixed_at, f.reopened FROM findings f"
                + " JOIN projects p ON p.id = f.project_id"
                + " WHERE f.rule_id = (SELECT rule_id FROM findings WHERE id = ?)"
                + " AND f.id <> ? AND f.verdict IS NOT NULL ORDER BY f.id DESC",
            limit,
            r -> row(r, r.getString("name")),
            findingId,
            findingId));
  }

  /** Open findings per day and severity, from the lifecycle events, for dashboards. */
  public Map<String, Map<String, Integer>> openOverTime(String project, int days) {
    return store.read(c -> {
      Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT CAST(e.at AS DATE) AS d, e.severity, e.kind, COUNT(*) FROM finding_events e"
                  + " JOIN findings f ON f.id = e.finding_id"
                  + " WHERE f.project_id = (SELECT id FROM projects WHERE name = ?)"
                  + " GROUP BY CAST(e.at AS DATE), e.severity, e.kind ORDER BY d")) {
        ps.setString(1, project);
        try (ResultSet r = ps.executeQuery()) {
          Map<String, Integer> running = new LinkedHashMap<>();
          while (r.next()) {
            String day = r.getObject(1).toString();
            String sev = r.getString(2);
            int delta = r.getString(3).equals("fixed") ? -r.getInt(4) : r.getInt(4);
            running.merge(sev, delta, Integer::sum);
            out.put(day, new LinkedHashMap<>(running));
          }
        }
      }
      if (out.size() > days) {
        List<String> keys = new ArrayList<>(out.keySet());
        for (String k : keys.subList(0, keys.size() - days)) {
          out.remove(k);
        }
      }
      return out;
    });
  }

  /** Open findings per analyzer (capability). */
  public Map<String, Integer> openByAnalyzer(String project) {
    return new java.util.TreeMap<>(openCountsBy("analyzer", project));
  }

  /** Open findings per severity. */
  public Map<String, Integer> openBySeverity(String project) {
    return openCountsBy("severity", project);
  }

  /** Open findings counted by one of the row's own columns (analyzer or severity). */
  private Map<String, Integer> openCountsBy(String column, String project) {
    Map<String, Integer> out = new LinkedHashMap<>();
    store.read(c ->
        Store.list(
            c,
            "SELECT "
                + column
                + ", COUNT(*) FROM findings WHERE status = 'open' AND project_id ="
                + " (SELECT id FROM projects WHERE name = ?) GROUP BY "
                + column,
            0,
            r -> out.put(r.getString(1), r.getInt(2)),
            project));
    return out;
  }

  /** A verdict with the finding it was given on, for training Bulwark's AI layer. */
  public record LabelledFinding(
      String fingerprint,
      Verdict verdict,
      Severity severity,
      String note,
      String user,
      Instant at,
      String tool,
      String body) {}

  /** Every verdict in a project (or all projects), oldest first, with the finding's JSON. */
  public List<LabelledFinding> labelledFindings(String project) {
    return store.read(c ->
        Store.list(
            c,
            "SELECT f.fingerprint, l.verdict, l.severity, l.note, u.name, l.at, l.tool, f.body"
                + " FROM labels l JOIN findings f ON f.id = l.finding_id"
                + " JOIN users u ON u.id = l.user_id JOIN projects p ON p.id = f.project_id"
                + (project == null ? "" : " WHERE p.name = ?")
                + " ORDER BY l.id",
            0,
            r ->
                new LabelledFinding(
                    r.getString(1),
                    Columns.verdict(r, "verdict"),
                    Columns.severity(r, "severity"),
                    r.getString(4),
                    r.getString(5),
                    Store.instant(r, "at"),
                    r.getString(7),
                    r.getString(8)),
            project == null ? new Object[0] : new Object[] {project}));
  }
}
