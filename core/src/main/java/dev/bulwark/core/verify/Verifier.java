package dev.bulwark.core.verify;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Propose → verify: a proposal is accepted only when every check passes, in order, stopping at the
 * first failure. Every decision, accepted or rejected, goes to the log with its reason.
 */
public final class Verifier {
  private Verifier() {}

  public static Decision verify(Proposal p, List<Check> checks, ProposalLog log)
      throws IOException, InterruptedException {
    if (checks.isEmpty()) {
      throw new IllegalArgumentException(
          "a " + p.kind() + " proposal needs at least one check: nothing is accepted unchecked");
    }
    List<String> passed = new ArrayList<>();
    for (Check c : checks) {
      Optional<String> failure = c.failure(p);
      if (failure.isPresent()) {
        Decision d =
            new Decision(
                p.kind(),
                p.subject(),
                p.source(),
                false,
                passed,
                c.name(),
                failure.get(),
                Instant.now(),
                p.content());
        log.record(d);
        return d;
      }
      passed.add(c.name());
    }
    Decision d =
        new Decision(
            p.kind(),
            p.subject(),
            p.source(),
            true,
            passed,
            null,
            null,
            Instant.now(),
            p.content());
    log.record(d);
    return d;
  }
}
