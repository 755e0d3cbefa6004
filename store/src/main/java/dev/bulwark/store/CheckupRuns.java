package dev.bulwark.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A team's check-up results: each member's runs, with one status per check. The store keeps only
 * what a check-up upload carries — member, time, profile, progress and statuses — and reads back
 * each member's latest run with the progress of the run before it.
 */
public final class CheckupRuns {
  /** Most check results one run may hold (the catalogue has a few dozen). */
  public static final int MAX_CHECKS = 500;

  private final Store store;

  public CheckupRuns(Store store) {
    this.store = store;
  }

  /** One uploaded run: statuses by check id. */
  public record In(
      String member, String profile, Instant runAt, int progress, Map<String, String> statuses) {
    public In {
      if (member == null || member.isBlank() || member.length() > 200) {
        throw new IllegalArgumentException("member: 1 to 200 characters");
      }
      if (profile == null || profile.isBlank() || profile.length() > 16) {
        throw new IllegalArgumentException("profile: 1 to 16 characters");
      }
      if (progress < 0 || progress > 100) {
        throw new IllegalArgumentException("progress: 0..100");
      }
      if (statuses.isEmpty() || statuses.size() > MAX_CHECKS) {
        throw new IllegalArgumentException("statuses: 1 to " + MAX_CHECKS + " checks");
      }
      statuses.forEach((k, v) -> {
        if (k.isBlank() || k.length() > 64 || v.isBlank() || v.length() > 16) {
          throw new IllegalArgumentException("statuses: check ids up to 64, statuses up to 16");
        }
      });
      statuses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
    }
  }

  /**
   * A member's latest run: its statuses, how many runs the member uploaded, and the progress of the
   * run before (null for a first run), so the console can show who moved.
   */
  public record Member(
      String member,
      String profile,
      Instant runAt,
      int progress,
      Integer previousProgress,
      int runs,
      Map<String, String> statuses,
      String uploadedBy) {
    public Member {
      statuses = java.util.Collections.unmodifiableMap(new TreeMap<>(statuses));
    }
  }

  /**
   * Stores a run in one transaction; returns its id. The same member's run at the same time sent
   * again (a retry after a dropped connection) is the run already stored.
   */
  public long put(String project, In run, Long userId) {
    return store.transaction(c -> {
      long pid = Store.lockProject(c, project);
      java.util.Optional<Long> same =
          Store.queryLong(
              c,
              "SELECT id FROM checkup_runs WHERE project_id = ? AND member = ? AND run_at = ?",
              pid,
              run.member(),
              run.runAt());
      if (same.isPresent()) {
        return same.get();
      }
      long id =
          Store.insert(
              c,
              "INSERT INTO checkup_runs (project_id, member, profile, progress, run_at,"
                  + " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
              pid,
              run.member(),
              run.profile(),
              run.progress(),
              run.runAt(),
              userId,
              Instant.now());
      for (Map.Entry<String, String> e : run.statuses().entrySet()) {
        Store.update(
            c,
            "INSERT INTO checkup_results (run_id, check_id, status) VALUES (?, ?, ?)",
            id,
            e.getKey(),
            e.getValue());
      }
      Audit.record(
          c,
          userId,
          "checkup",
          project,
          "check-up of " + run.member() + ": " + run.statuses().size() + " checks");
      return id;
    });
  }

  /** Each member's latest run in the project, by member name. */
  public List<Member> latest(String project) {
    return store.read(c -> {
      record Row(long id, String member, String profile, int progress, Instant at, String by) {}
      List<Row> rows =
          Store.list(
              c,
              "SELECT r.id, r.member, r.profile, r.progress, r.run_at, u.name FROM checkup_runs r"
                  + " JOIN projects p ON p.id = r.project_id LEFT JOIN users u ON u.id ="
                  + " r.uploaded_by WHERE p.name = ? ORDER BY r.member, r.run_at DESC, r.id DESC",
              0,
              r ->
                  new Row(
                      r.getLong(1),
                      r.getString(2),
                      r.getString(3),
                      r.getInt(4),
                      Store.instant(r, "run_at"),
                      r.getString(6)),
              project);
      // rows come newest first per member: the first is the latest, the second the one before
      Map<String, List<Row>> byMember = new LinkedHashMap<>();
      rows.forEach(r -> byMember.computeIfAbsent(r.member(), k -> new ArrayList<>()).add(r));
      Map<Long, Map<String, String>> statuses = new HashMap<>();
      byMember.values().forEach(l -> statuses.put(l.get(0).id(), new TreeMap<>()));
      for (String[] s :
          Store.list(
              c,
              "SELECT x.run_id, x.check_id, x.status FROM checkup_results x JOIN checkup_runs r"
                  + " ON r.id = x.run_id JOIN projects p ON p.id = r.project_id WHERE p.name = ?",
              0,
              r -> new String[] {Long.toString(r.getLong(1)), r.getString(2), r.getString(3)},
              project)) {
        Map<String, String> m = statuses.get(Long.parseLong(s[0]));
        if (m != null) {
          m.put(s[1], s[2]);
        }
      }
      List<Member> out = new ArrayList<>();
      for (List<Row> l : byMember.values()) {
        Row last = l.get(0);
        out.add(
            new Member(
                last.member(),
                last.profile(),
                last.at(),
                last.progress(),
                l.size() > 1 ? l.get(1).progress() : null,
                l.size(),
                statuses.get(last.id()),
                last.by()));
      }
      return out;
    });
  }
}
