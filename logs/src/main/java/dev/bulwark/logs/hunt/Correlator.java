package dev.bulwark.logs.hunt;

import dev.bulwark.logs.sigma.Correlation;
import dev.bulwark.logs.sigma.SigmaRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates Sigma correlations over recorded matches, per group-by key, in sliding windows of the
 * correlation's timespan. A window that satisfies the condition becomes one detection listing the
 * matches it counted; counting starts again once that window's span is over, so a burst gives one
 * alert per span and group. Conditions that only bound from above (lt, lte) are judged on whole
 * windows, since a sliding window would satisfy them at its first event. Correlations may refer to
 * other correlations.
 */
public final class Correlator {
  private static final int MAX_MEMBERS = 100;
  private final List<Correlation> correlations;
  private final CorrelationInputs inputs;
  private final Map<Correlation, List<Detection>> outputs = new HashMap<>();
  private final Set<Correlation> running = new HashSet<>();

  Correlator(List<Correlation> correlations, CorrelationInputs inputs) {
    this.correlations = correlations;
    this.inputs = inputs;
  }

  List<Detection> run() {
    List<Detection> out = new ArrayList<>();
    for (Correlation c : correlations) {
      out.addAll(evaluate(c));
    }
    return out;
  }

  /**
   * One input of a correlation: a kept match (a row of a column, turned into a detection only if it
   * is cited) or the output of another correlation.
   */
  private record Hit(Detection d, CorrelationInputs.Column column, int row, int ref, Instant time) {
    static Hit of(Detection d, int ref) {
      return new Hit(d, null, -1, ref, d.time());
    }

    SigmaRule.Meta rule() {
      return d != null ? d.rule() : column.rule.meta();
    }

    String field(String name) {
      return d != null ? EventFacts.field(d.fields(), name) : column.field(row, name);
    }

    Detection detection() {
      return d != null ? d : column.detection(row);
    }
  }

  private List<Detection> evaluate(Correlation c) {
    List<Detection> done = outputs.get(c);
    if (done != null) {
      return done;
    }
    if (!running.add(c)) {
      return List.of(); // a cycle of correlations: nothing to add
    }
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < c.rules().size(); i++) {
      String ref = c.rules().get(i);
      for (CorrelationInputs.Column col : inputs.columns()) {
        if (col.rule.meta().answersTo(ref)) {
          for (int row = 0; row < col.size(); row++) {
            hits.add(new Hit(null, col, row, i, col.time(row)));
          }
        }
      }
      for (Correlation o : correlations) {
        if (o != c && o.meta().answersTo(ref)) {
          for (Detection d : evaluate(o)) {
            hits.add(Hit.of(d, i));
          }
        }
      }
    }
    hits.sort(Comparator.comparing(Hit::time));
    Map<List<String>, List<Hit>> groups = new LinkedHashMap<>();
    for (Hit h : hits) {
      List<String> key = new ArrayList<>();
      boolean complete = true;
      for (String g : c.groupBy()) {
        String v = h.field(c.fieldFor(h.rule(), g));
        if (v == null) {
          complete = false;
        }
        key.add(v);
      }
      if (complete) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
      }
    }
    List<Detection> out = new ArrayList<>();
    for (Map.Entry<List<String>, List<Hit>> g : groups.entrySet()) {
      out.addAll(windows(c, g.getKey(), g.getValue()));
    }
    running.remove(c);
    outputs.put(c, out);
    return out;
  }

  private List<Detection> windows(Correlation c, List<String> key, List<Hit> hits) {
    List<Detection> out = new ArrayList<>();
    long span = c.timespan().toMillis();
    boolean upward =
        c.condition().comparisons().keySet().stream()
            .anyMatch(k -> k.equals("gt") || k.equals("gte") || k.equals("eq") || k.equals("neq"));
    if (c.type() == Correlation.Type.TEMPORAL_ORDERED) {
      return ordered(c, key, hits, span);
    }
    int start = 0;
    Running running = new Running(c);
    for (int end = 0; end < hits.size(); end++) {
      long endTime = hits.get(end).time.toEpochMilli();
      if (upward) {
        running.add(hits.get(end));
        while (endTime - hits.get(start).time.toEpochMilli() > span) {
          running.remove(hits.get(start));
          start++;
        }
        List<Hit> window = hits.subList(start, end + 1);
        double v = running.exact() ? running.value() : metric(c, window);
        if (c.condition().test(v)) {
          out.add(detection(c, key, window, v));
          // One alert per time span and group: the next window opens after this one's span.
          long closes = hits.get(start).time.toEpochMilli() + span;
          start = end + 1;
          while (start < hits.size() && hits.get(start).time.toEpochMilli() <= closes) {
            start++;
          }
          end = start - 1;
          running = new Running(c);
        }
      } else {
        boolean last = end + 1 == hits.size();
        boolean closes =
            last
                || hits.get(end + 1).time.toEpochMilli() - hits.get(start).time.toEpochMilli()
                    > span;
        if (closes) {
          List<Hit> window = hits.subList(start, end + 1);
          double v = metric(c, window);
          if (c.condition().test(v)) {
            out.add(detection(c, key, window, v));
          }
          start = end + 1;
        }
      }
    }
    return out;
  }

  /**
   * The metric of a sliding window kept up to date as hits enter and leave it, so that a long burst
   * in one group costs linear time, not quadratic. Medians and percentiles are recomputed from the
   * window ({@link #exact()} is false for them).
   */
  private static final class Running {
    private final Correlation c;
    private final String field;
    private final Map<Object, Integer> counts = new HashMap<>();
    private long size;
    private double sum;
    private long numbers;

    Running(Correlation c) {
      this.c = c;
      this.field = c.condition().field();
    }

    boolean exact() {
      return switch (c.type()) {
        case EVENT_COUNT, TEMPORAL, VALUE_COUNT, VALUE_SUM, VALUE_AVG -> true;
        default -> false;
      };
    }

    void add(Hit h) {
      change(h, 1);
    }

    void remove(Hit h) {
      change(h, -1);
    }

    private void change(Hit h, int d) {
      size += d;
      switch (c.type()) {
        case TEMPORAL -> counts.merge(h.ref(), d, (a, b) -> a + b == 0 ? null : a + b);
        case VALUE_COUNT -> {
          String v = h.field(c.fieldFor(h.rule(), field));
          if (v != null) {
            counts.merge(v, d, (a, b) -> a + b == 0 ? null : a + b);
          }
        }
        case VALUE_SUM, VALUE_AVG -> {
          String v = h.field(c.fieldFor(h.rule(), field));
          double x = v == null ? Double.NaN : number(v);
          if (!Double.isNaN(x)) {
            sum += d * x;
            numbers += d;
          }
        }
        default -> {}
      }
    }

    double value() {
      return switch (c.type()) {
        case EVENT_COUNT -> size;
        case TEMPORAL, VALUE_COUNT -> counts.size();
        case VALUE_SUM -> numbers == 0 ? Double.NaN : sum;
        case VALUE_AVG -> numbers == 0 ? Double.NaN : sum / numbers;
        default -> Double.NaN;
      };
    }
  }

  private List<Detection> ordered(Correlation c, List<String> key, List<Hit> hits, long span) {
    List<Detection> out = new ArrayList<>();
    int n = c.rules().size();
    int i = 0;
    while (i < hits.size()) {
      if (hits.get(i).ref != 0) {
        i++;
        continue;
      }
      List<Hit> chain = new ArrayList<>();
      chain.add(hits.get(i));
      long t0 = hits.get(i).time.toEpochMilli();
      int want = 1;
      int j = i + 1;
      for (; j < hits.size() && want < n; j++) {
        Hit h = hits.get(j);
        if (h.time.toEpochMilli() - t0 > span) {
          break;
        }
        if (h.ref == want) {
          chain.add(h);
          want++;
        }
      }
      if (want == n) {
        out.add(detection(c, key, chain, n));
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }

  private static double metric(Correlation c, List<Hit> window) {
    String field = c.condition().field();
    return switch (c.type()) {
      case EVENT_COUNT -> window.size();
      case TEMPORAL, TEMPORAL_ORDERED -> window.stream().map(Hit::ref).distinct().count();
      case VALUE_COUNT -> {
        Set<String> distinct = new TreeSet<>();
        for (Hit h : window) {
          String v = h.field(c.fieldFor(h.rule(), field));
          if (v != null) {
            distinct.add(v);
          }
        }
        yield distinct.size();
      }
      default -> {
        double[] xs =
            window.stream()
                .map(h -> h.field(c.fieldFor(h.rule(), field)))
                .filter(v -> v != null)
                .mapToDouble(Correlator::number)
                .filter(x -> !Double.isNaN(x))
                .toArray();
        yield aggregate(c.type(), xs, c.condition().percentile());
      }
    };
  }

  /** A numeric aggregate (sum, average, median, percentile) of a window's values. */
  public static double aggregate(Correlation.Type type, double[] xs, double percentile) {
    if (xs.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    return switch (type) {
      case VALUE_SUM -> sum;
      case VALUE_AVG -> sum / xs.length;
      case VALUE_MEDIAN -> percentile(xs, 50);
      default -> percentile(xs, percentile);
    };
  }

  /** Linear interpolation between closest ranks. */
  static double percentile(double[] xs, double p) {
    double[] s = xs.clone();
    Arrays.sort(s);
    double rank = p / 100.0 * (s.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    return s[lo] + (s[hi] - s[lo]) * (rank - lo);
  }

  private static double number(String v) {
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static Detection detection(Correlation c, List<String> key, List<Hit> window, double v) {
    Detection last = window.get(window.size() - 1).detection();
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < c.groupBy().size(); i++) {
      fields.put(c.groupBy().get(i), key.get(i));
    }
    fields.put("correlation_value", value(v));
    String summary = summary(c, key, v);
    List<Detection> members = new ArrayList<>();
    for (Hit h : window.subList(Math.max(0, window.size() - MAX_MEMBERS), window.size())) {
      members.add(h.detection());
    }
    Detection first = window.get(0).detection();
    return new Detection(
        c.meta(),
        c.meta().severity(),
        last.time(),
        last.source(),
        last.recordId(),
        last.host() != null ? last.host() : first.host(),
        last.user(),
        last.channel(),
        last.eventId(),
        fields,
        members,
        summary);
  }

  /** A correlation's value as its detection's {@code correlation_value} field shows it. */
  public static String value(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * What a correlation's detection says: the value, what was measured, the span, the group and the
   * condition ("12 events within 5m for IpAddress=10.0.0.5 (condition gte 10)").
   */
  public static String summary(Correlation c, List<String> key, double v) {
    String metric =
        switch (c.type()) {
          case EVENT_COUNT -> "events";
          case VALUE_COUNT -> "distinct " + c.condition().field();
          case TEMPORAL, TEMPORAL_ORDERED -> "rules";
          default ->
              c.type().name().toLowerCase(java.util.Locale.ROOT) + " of " + c.condition().field();
        };
    return fmt(v)
        + " "
        + metric
        + " within "
        + human(c.timespan())
        + (key.isEmpty() ? "" : " for " + String.join(", ", groupText(c, key)))
        + " (condition "
        + c.condition()
        + ")";
  }

  private static List<String> groupText(Correlation c, List<String> key) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      out.add(c.groupBy().get(i) + "=" + key.get(i));
    }
    return out;
  }

  private static String fmt(double v) {
    return v == Math.rint(v)
        ? Long.toString((long) v)
        : String.format(java.util.Locale.ROOT, "%.2f", v);
  }

  private static String human(java.time.Duration d) {
    long s = d.getSeconds();
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
