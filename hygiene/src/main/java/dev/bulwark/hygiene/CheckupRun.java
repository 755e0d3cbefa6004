package dev.bulwark.hygiene;

import dev.bulwark.hygiene.check.Check;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Platform;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.plan.NextAction;
import dev.bulwark.hygiene.state.RunRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One check-up: the checks for the profile, the platform read, what each found, the next action,
 * the progress and the runs before this one (oldest first).
 */
public record CheckupRun(
    Instant time,
    Profile profile,
    Platform platform,
    String root,
    List<Check> checks,
    Map<String, CheckResult> results,
    Optional<NextAction> next,
    int progress,
    List<RunRecord> earlier) {
  public CheckupRun {
    checks = List.copyOf(checks);
    results = Map.copyOf(results);
    earlier = List.copyOf(earlier);
  }
}
