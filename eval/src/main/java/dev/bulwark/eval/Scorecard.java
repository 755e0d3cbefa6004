package dev.bulwark.eval;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a suite measured: overall and per-category metrics, the headline score under its key (the
 * last line printed, e.g. {@code secrets_score=97.3}), facts about the run and the items it got
 * wrong, so that a change in a rule shows up as a number and a list.
 */
public record Scorecard(
    String suite,
    String description,
    String headlineKey,
    double score,
    Metrics overall,
    List<Category> categories,
    Map<String, String> facts,
    Duration wallTime,
    List<String> errors) {

  /**
   * Metrics for one category of items, e.g. one rule family or one kind of hard negative; {@code
   * score} is the category's own score where the suite defines one (NaN otherwise).
   */
  public record Category(String name, Metrics metrics, double score) {
    public Category(String name, Metrics metrics) {
      this(name, metrics, Double.NaN);
    }
  }

  public Scorecard {
    Objects.requireNonNull(suite, "suite");
    categories = List.copyOf(categories);
    facts = Map.copyOf(facts);
    errors = List.copyOf(errors);
  }
}
