package dev.bulwark.logs.sigma;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Sigma correlation rule (specification 2.1): counts, distinct values, numeric aggregates or
 * temporal proximity of other rules' matches, per group, within a time span.
 */
public record Correlation(
    SigmaRule.Meta meta,
    Type type,
    List<String> rules,
    List<String> groupBy,
    Duration timespan,
    Threshold condition,
    Map<String, Map<String, String>> aliases,
    boolean generate) {

  public enum Type {
    EVENT_COUNT,
    VALUE_COUNT,
    TEMPORAL,
    TEMPORAL_ORDERED,
    VALUE_SUM,
    VALUE_AVG,
    VALUE_MEDIAN,
    VALUE_PERCENTILE;

    static Type parse(String s) throws SigmaException {
      try {
        return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SigmaException("unknown correlation type '" + s + "'");
      }
    }
  }

  /** {@code condition}: comparisons that must all hold, on an optional field. */
  public record Threshold(String field, Map<String, Double> comparisons, double percentile) {
    public boolean test(double v) {
      for (Map.Entry<String, Double> c : comparisons.entrySet()) {
        if (!ValueMatcher.Numeric.compare(c.getKey(), v, c.getValue())) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      comparisons.forEach(
          (k, v) -> b.append(b.isEmpty() ? "" : " and ").append(k).append(' ').append(fmt(v)));
      return b.toString();
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }

  /** The field an event of {@code rule} contributes for group-by name {@code field}. */
  public String fieldFor(SigmaRule.Meta rule, String field) {
    Map<String, String> alias = aliases.get(field);
    if (alias != null) {
      for (Map.Entry<String, String> a : alias.entrySet()) {
        if (rule.answersTo(a.getKey())) {
          return a.getValue();
        }
      }
    }
    return field;
  }
}
