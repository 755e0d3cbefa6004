package dev.bulwark.eval.model;

/**
 * One answer. {@code score} is what the item contributes to the suite's metric: 1 or 0 for exact
 * answers, the base-score deviation for CVSS vectors (NaN when no vector could be read), the item's
 * F1 for technique extraction. {@code judgedBy} names who graded the answer when a rule or a judge
 * model had to (empty when the answer is compared with a key).
 */
public record Outcome(
    String id,
    String expected,
    String predicted,
    boolean correct,
    double score,
    int promptTokens,
    int completionTokens,
    String judgedBy) {

  public Outcome(
      String id,
      String expected,
      String predicted,
      boolean correct,
      double score,
      int promptTokens,
      int completionTokens) {
    this(id, expected, predicted, correct, score, promptTokens, completionTokens, "");
  }
}
