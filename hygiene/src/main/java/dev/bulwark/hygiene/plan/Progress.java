package dev.bulwark.hygiene.plan;

import dev.bulwark.hygiene.check.Check;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.util.List;
import java.util.Map;

/**
 * How far along the person is: the share of the risk the applicable checks cover that is already
 * taken care of (passing checks' risk over all checks that apply), in whole percent.
 */
public final class Progress {
  private Progress() {}

  public static int percent(List<Check> checks, Map<String, CheckResult> results) {
    int total = 0;
    int done = 0;
    for (Check c : checks) {
      CheckResult r = results.get(c.id());
      if (r == null || r.status() == Status.NOT_APPLICABLE) {
        continue;
      }
      total += c.riskReduction();
      if (r.status() == Status.PASS) {
        done += c.riskReduction();
      }
    }
    return total == 0 ? 100 : Math.round(100f * done / total);
  }
}
