package dev.bulwark.eval.model;

/**
 * What a suite measures: its name in words, the key of the one-line summary a script can read
 * ({@code model_score=…}), and whether the figure is a share (printed as a percentage) or a
 * deviation in the metric's own units.
 */
public record Metric(String name, String key, boolean share) {
  static Metric accuracy(String what) {
    return new Metric("accuracy (" + what + ")", "model_score", true);
  }

  /** The figure as printed: a percentage with one decimal, or a deviation with two. */
  public String format(double value) {
    return share
        ? String.format(java.util.Locale.ROOT, "%.1f %%", 100 * value)
        : String.format(java.util.Locale.ROOT, "%.2f", value);
  }

  /** The summary line: {@code model_score=65.1}. */
  public String summary(double value) {
    return share
        ? String.format(java.util.Locale.ROOT, "%s=%.1f", key, 100 * value)
        : String.format(java.util.Locale.ROOT, "%s=%.2f", key, value);
  }
}
