package dev.bulwark.stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.logs.hunt.Correlator;
import dev.bulwark.logs.sigma.Correlation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Evaluates the correlations of one level, keyed by correlation and group, in event time. Inputs
 * wait in state until the watermark (less this level's lag) has passed them, and are then taken in
 * time order through the same windows as the in-process correlator: a sliding window of the
 * correlation's timespan that restarts after an alert for upward conditions (gt, gte, eq, neq),
 * whole windows for conditions bounded from above, and chains of the rules in order for
 * temporal_ordered. A group's state is cleared once nothing of it is pending or open, and a
 * time-to-live bounds what an abandoned group keeps.
 */
final class CorrelateFunction extends KeyedBroadcastProcessFunction<String, Hit, String, Alert> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Comparator<Hit> ORDER =
      Comparator.comparingLong(Hit::time)
          .thenComparingInt(Hit::ref)
          .thenComparing(h -> h.source() == null ? "" : h.source())
          .thenComparing(
              h -> h.recordId() == null ? "" : h.recordId(), CorrelateFunction::byNumber);

  private final int level;
  private final long lag;
  private final String initial;
  private final Duration ttl;
  private transient ValueState<Group> state;

  /** A group's state: inputs not yet evaluated, the open window, and the end of a quiet span. */
  public static final class Group {
    public ArrayList<Hit> pending = new ArrayList<>();
    public ArrayList<Hit> window = new ArrayList<>();
    public long skipUntil = Long.MIN_VALUE;
  }

  CorrelateFunction(int level, long lag, RulePack initial, Duration ttl) {
    this.level = level;
    this.lag = lag;
    this.initial = initial.toJson();
    this.ttl = ttl;
  }

  @Override
  public void open(OpenContext context) {
    ValueStateDescriptor<Group> d =
        new ValueStateDescriptor<>("group", TypeInformation.of(new TypeHint<Group>() {}));
    // a backstop only: groups are cleared as their windows close
    d.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
    state = getRuntimeContext().getState(d);
  }

  @Override
  public void processElement(Hit hit, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
    Group g = state.value();
    if (g == null) {
      g = new Group();
    }
    g.pending.add(hit);
    state.update(g);
    ctx.timerService().registerEventTimeTimer(hit.time() + lag);
  }

  @Override
  public void processBroadcastElement(String value, Context ctx, Collector<Alert> out)
      throws Exception {
    MatchFunction.apply(ctx.getBroadcastState(MatchFunction.RULES), value, initial);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    Group g = state.value();
    if (g == null) {
      return;
    }
    Engine engine =
        MatchFunction.current(ctx.getBroadcastState(MatchFunction.RULES), initial).engine();
    String key = ctx.getCurrentKey();
    Correlation c = engine.correlation(key.substring(0, key.indexOf(Hit.SEP + "" + Hit.SEP)));
    if (c == null) {
      state.clear(); // the correlation left the rule pack
      return;
    }
    long frontier = timestamp == Long.MAX_VALUE ? Long.MAX_VALUE : timestamp - lag;
    List<Hit> ready = new ArrayList<>();
    g.pending.removeIf(h -> h.time() <= frontier && ready.add(h));
    ready.sort(ORDER);
    long span = c.timespan().toMillis();
    List<Alert> found = new ArrayList<>();
    if (c.type() == Correlation.Type.TEMPORAL_ORDERED) {
      g.window.addAll(ready);
      chains(c, g, frontier, span, found, ctx);
    } else if (upward(c)) {
      for (Hit h : ready) {
        if (h.time() <= g.skipUntil) {
          continue;
        }
        g.window.add(h);
        while (h.time() - g.window.get(0).time() > span) {
          g.window.remove(0);
        }
        double v = metric(c, g.window);
        if (c.condition().test(v)) {
          found.add(Engine.detection(c, g.window, v));
          // one alert per span and group: the next window opens after this one's span
          g.skipUntil = g.window.get(0).time() + span;
          g.window.clear();
        }
      }
    } else {
      for (Hit h : ready) {
        if (!g.window.isEmpty() && h.time() - g.window.get(0).time() > span) {
          close(c, g, found);
        }
        g.window.add(h);
      }
      if (!g.window.isEmpty()) {
        long closes = g.window.get(0).time() + span;
        if (frontier > closes) {
          close(c, g, found);
        } else {
          ctx.timerService().registerEventTimeTimer(closes + 1 + lag);
        }
      }
    }
    for (Alert a : found) {
      if (engine.reports(c)) {
        out.collect(a);
      }
      Map<String, String> fields = JSON.readValue(a.fields(), new TypeReference<>() {});
      engine.lift(c, a, fields, h -> ctx.output(MatchFunction.HITS, h));
    }
    if (g.pending.isEmpty() && g.window.isEmpty()) {
      state.clear();
    } else {
      state.update(g);
    }
  }

  /** Whole windows, for conditions that only bound from above. */
  private static void close(Correlation c, Group g, List<Alert> found) {
    double v = metric(c, g.window);
    if (c.condition().test(v)) {
      found.add(Engine.detection(c, g.window, v));
    }
    g.window.clear();
  }

  /** temporal_ordered: a chain starting at each first-rule input, once its span is all known. */
  private void chains(
      Correlation c, Group g, long frontier, long span, List<Alert> found, OnTimerContext ctx) {
    int n = c.rules().size();
    while (!g.window.isEmpty()) {
      Hit h0 = g.window.get(0);
      if (h0.ref() != 0) {
        g.window.remove(0);
        continue;
      }
      if (frontier != Long.MAX_VALUE && frontier < h0.time() + span) {
        ctx.timerService().registerEventTimeTimer(h0.time() + span + lag);
        return;
      }
      List<Hit> chain = new ArrayList<>();
      chain.add(h0);
      int want = 1;
      int j = 1;
      for (; j < g.window.size() && want < n; j++) {
        Hit h = g.window.get(j);
        if (h.time() - h0.time() > span) {
          break;
        }
        if (h.ref() == want) {
          chain.add(h);
          want++;
        }
      }
      if (want == n) {
        found.add(Engine.detection(c, chain, n));
        g.window.subList(0, j).clear();
      } else {
        g.window.remove(0);
      }
    }
  }

  private static boolean upward(Correlation c) {
    return c.condition().comparisons().keySet().stream()
        .anyMatch(k -> k.equals("gt") || k.equals("gte") || k.equals("eq") || k.equals("neq"));
  }

  static double metric(Correlation c, List<Hit> window) {
    return switch (c.type()) {
      case EVENT_COUNT -> window.size();
      case TEMPORAL, TEMPORAL_ORDERED -> window.stream().map(Hit::ref).distinct().count();
      case VALUE_COUNT -> {
        Set<String> distinct = new HashSet<>();
        for (Hit h : window) {
          if (h.value() != null) {
            distinct.add(h.value());
          }
        }
        yield distinct.size();
      }
      default -> {
        double[] xs =
            window.stream()
                .map(Hit::value)
                .filter(v -> v != null)
                .mapToDouble(CorrelateFunction::number)
                .filter(x -> !Double.isNaN(x))
                .toArray();
        yield Correlator.aggregate(c.type(), xs, c.condition().percentile());
      }
    };
  }

  private static double number(String v) {
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Record ids in numeric order when both are numbers (EVTX records, line numbers). */
  private static int byNumber(String a, String b) {
    if (a.length() != b.length()
        && a.chars().allMatch(Character::isDigit)
        && b.chars().allMatch(Character::isDigit)) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }

  int level() {
    return level;
  }
}
