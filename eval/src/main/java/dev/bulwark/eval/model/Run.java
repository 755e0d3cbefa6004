package dev.bulwark.eval.model;

import java.time.Duration;
import java.util.List;

/**
 * A reproducible run record: the suite and the hash of its data, the model, the prompt version, the
 * seed, the judge when answers needed one (its model and prompt version, pinned for the whole run),
 * every answer, the figure and the wall time. Items a run could not grade (no key for them, no
 * judge configured) are left out before anything is sent, and counted in {@code skipped}.
 */
public record Run(
    String suite,
    String suiteSha256,
    String model,
    String promptVersion,
    long seed,
    String judge,
    Metric metricKind,
    double metric,
    int skipped,
    String skipReason,
    List<Outcome> outcomes,
    Duration wall) {

  public double accuracy() {
    return outcomes.isEmpty()
        ? Double.NaN
        : (double) outcomes.stream().filter(Outcome::correct).count() / outcomes.size();
  }

  public long tokens() {
    return outcomes.stream().mapToLong(o -> o.promptTokens() + o.completionTokens()).sum();
  }

  public String metricName() {
    return metricKind.name();
  }

  /** Share of answers the metric could read (a vector, a letter, a CWE id, a technique). */
  public double answered() {
    return outcomes.isEmpty()
        ? Double.NaN
        : (double) outcomes.stream().filter(o -> o.predicted() != null).count() / outcomes.size();
  }
}
