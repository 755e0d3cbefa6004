package dev.bulwark.hygiene;

import dev.bulwark.hygiene.check.Check;
import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A team's posture by check, from each member's latest check-up: how many members have the practice
 * in place, how many not, and how many could not tell. The practice to push first is the one whose
 * missing members add up to the most risk removed per minute of effort — the team-wide version of
 * the next action.
 */
public final class TeamPosture {
  private TeamPosture() {}

  /**
   * One check across the team.
   *
   * @param push failing members × risk removed per minute: the order an administrator works in
   */
  public record Row(Check check, int pass, int fail, int unknown, int notApplicable, double push) {
    /** Members the check applies to (not "not applicable", not absent from their profile). */
    public int applies() {
      return pass + fail + unknown;
    }

    /** Share of the members it applies to that have the practice in place, in whole percent. */
    public int percentInPlace() {
      return applies() == 0 ? 100 : Math.round(100f * pass / applies());
    }
  }

  /**
   * The rows for every check of the catalogue at least one member's run holds, the practice to push
   * first on top. Check ids the catalogue does not know are left out.
   */
  public static List<Row> of(CheckCatalog catalog, List<Map<String, Status>> members) {
    List<Row> out = new ArrayList<>();
    for (Check c : catalog.all()) {
      int pass = 0;
      int fail = 0;
      int unknown = 0;
      int na = 0;
      boolean seen = false;
      for (Map<String, Status> m : members) {
        Status s = m.get(c.id());
        if (s == null) {
          continue;
        }
        seen = true;
        switch (s) {
          case PASS -> pass++;
          case FAIL -> fail++;
          case UNKNOWN -> unknown++;
          case NOT_APPLICABLE -> na++;
        }
      }
      if (seen) {
        out.add(new Row(c, pass, fail, unknown, na, fail * c.value()));
      }
    }
    out.sort(
        Comparator.comparingDouble(Row::push)
            .reversed()
            .thenComparing(Comparator.comparingInt(Row::fail).reversed())
            .thenComparing(r -> r.check().id()));
    return out;
  }
}
