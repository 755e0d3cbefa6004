package dev.bulwark.hygiene.plan;

import dev.bulwark.hygiene.check.Check;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one action to take next: the failing check with the most risk removed per minute. A check
 * whose answer is unknown (a question not answered, passwords never audited) counts at half its
 * value — it may well be fine — so a known gap of similar worth comes first.
 *
 * @param value risk reduction per minute, after the weighting for unknown answers
 */
public record NextAction(Check check, CheckResult result, double value) {
  private static final double UNKNOWN_WEIGHT = 0.5;

  public boolean confirmed() {
    return result.status() == Status.FAIL;
  }

  public static Optional<NextAction> choose(List<Check> checks, Map<String, CheckResult> results) {
    return ranked(checks, results).stream().findFirst();
  }

  /** Every open action, best first; ties go to the bigger risk, then to the catalogue order. */
  public static List<NextAction> ranked(List<Check> checks, Map<String, CheckResult> results) {
    return checks.stream()
        .map(c -> {
          CheckResult r = results.get(c.id());
          if (r == null) {
            return null;
          }
          if (r.status() == Status.FAIL) {
            return new NextAction(c, r, c.value());
          }
          boolean askable = c.kind() != Check.Kind.PROBE;
          if (r.status() == Status.UNKNOWN && askable) {
            return new NextAction(c, r, c.value() * UNKNOWN_WEIGHT);
          }
          return null;
        })
        .filter(java.util.Objects::nonNull)
        .sorted(
            Comparator.comparingDouble(NextAction::value)
                .reversed()
                .thenComparing(a -> -a.check().riskReduction()))
        .toList();
  }
}
