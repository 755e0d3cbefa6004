package dev.bulwark.intel.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches STIX indicators (pattern type {@code stix}) against records of extracted values. Each
 * observation expression is judged per record; an indicator matches when its whole pattern holds
 * over the records read (observation expressions joined by AND may be met by different records).
 * Indicators whose comparisons name values are looked up by those values, so the cost per record
 * does not grow with the number of such indicators; the rest are tried on every record.
 */
public final class IndicatorMatcher {
  /** An indicator Bulwark compares. */
  private record Loaded(JsonNode indicator, StixPattern pattern, List<StixPattern.Single> obs) {}

  /** An indicator not compared, and why. */
  public record Refused(String id, String name, String pattern, String reason) {}

  /** Where one observation of an indicator held, and the values that made it hold. */
  public record Hit(String source, String locator, List<Observable> values) {
    public Hit {
      values = List.copyOf(values);
    }
  }

  /** A matched indicator with every place it held (the first {@link #MAX_HITS} kept in full). */
  public record Match(JsonNode indicator, long count, List<Hit> hits) {
    public Match {
      hits = List.copyOf(hits);
    }

    public String id() {
      return indicator.path("id").asText();
    }
  }

  /** The outcome of a run. */
  public record Result(int indicators, List<Refused> refused, long records, List<Match> matches) {
    public Result {
      refused = List.copyOf(refused);
      matches = List.copyOf(matches);
    }
  }

  /** Hits kept per indicator; later ones are counted, not kept. */
  static final int MAX_HITS = 50;

  private final List<Loaded> loaded = new ArrayList<>();
  private final List<Refused> refused = new ArrayList<>();
  private final Map<Observable, List<int[]>> byValue = new HashMap<>();
  private final List<int[]> unanchored = new ArrayList<>();
  private final Evaluator eval = new Evaluator();

  /** Hits per indicator index, per observation index. */
  private final Map<Integer, Map<Integer, List<Hit>>> seen = new LinkedHashMap<>();

  private final Map<Integer, Long> counts = new HashMap<>();
  private long records;
  private int indicators;

  /** Adds an indicator; one Bulwark does not compare is kept in {@link Result#refused()}. */
  public void add(JsonNode indicator) {
    indicators++;
    String id = indicator.path("id").asText();
    String name = indicator.path("name").asText("");
    String text = indicator.path("pattern").asText("");
    String type = indicator.path("pattern_type").asText("stix");
    if (!type.equals("stix")) {
      refused.add(new Refused(id, name, text, "pattern_type " + type + " is not STIX patterning"));
      return;
    }
    StixPattern p;
    try {
      p = StixPattern.parse(text);
    } catch (StixPattern.Unsupported e) {
      refused.add(new Refused(id, name, text, e.getMessage()));
      return;
    }
    List<StixPattern.Single> obs = new ArrayList<>();
    singles(p.root(), obs);
    int index = loaded.size();
    loaded.add(new Loaded(indicator, p, obs));
    for (int o = 0; o < obs.size(); o++) {
      Set<Observable> anchors = StixPattern.anchors(obs.get(o).comparison());
      int[] ref = {index, o};
      if (anchors == null) {
        unanchored.add(ref);
      } else {
        for (Observable a : anchors) {
          byValue.computeIfAbsent(a, k -> new ArrayList<>()).add(ref);
        }
      }
    }
  }

  private static void singles(StixPattern.Observation o, List<StixPattern.Single> out) {
    switch (o) {
      case StixPattern.Single s -> out.add(s);
      case StixPattern.Both b -> b.parts().forEach(p -> singles(p, out));
      case StixPattern.Either e -> e.parts().forEach(p -> singles(p, out));
    }
  }

  /** Judges one record against every indicator added. */
  public void accept(Records.Record r) {
    records++;
    Set<List<Integer>> tried = new LinkedHashSet<>();
    List<int[]> candidates = new ArrayList<>(unanchored);
    for (Observable v : r.values()) {
      List<int[]> refs = byValue.get(v);
      if (refs != null) {
        candidates.addAll(refs);
      }
    }
    for (int[] ref : candidates) {
      if (!tried.add(List.of(ref[0], ref[1]))) {
        continue;
      }
      StixPattern.Comparison c = loaded.get(ref[0]).obs().get(ref[1]).comparison();
      if (eval.holds(c, r.values())) {
        List<Observable> why = new ArrayList<>();
        Evaluator.witnesses(c, r.values(), why);
        List<Hit> hits =
            seen.computeIfAbsent(ref[0], k -> new LinkedHashMap<>())
                .computeIfAbsent(ref[1], k -> new ArrayList<>());
        if (hits.size() < MAX_HITS) {
          hits.add(new Hit(r.source(), r.locator(), why));
        }
        counts.merge(ref[0] * 1_000_003 + ref[1], 1L, Long::sum);
      }
    }
  }

  /** The indicators whose whole pattern held, in the order they were added. */
  public Result result() {
    List<Match> out = new ArrayList<>();
    for (var e : seen.entrySet()) {
      Loaded l = loaded.get(e.getKey());
      Set<Integer> held = e.getValue().keySet();
      int[] next = {0};
      if (!whole(l.pattern().root(), l.obs(), held, next)) {
        continue;
      }
      List<Hit> hits = new ArrayList<>();
      long count = 0;
      for (var h : e.getValue().entrySet()) {
        hits.addAll(h.getValue());
        count += counts.getOrDefault(e.getKey() * 1_000_003 + h.getKey(), 0L);
      }
      out.add(new Match(l.indicator(), count, hits.subList(0, Math.min(MAX_HITS, hits.size()))));
    }
    return new Result(indicators, refused, records, out);
  }

  /** Whether the observation tree holds, given which of its single observations held. */
  private static boolean whole(
      StixPattern.Observation o, List<StixPattern.Single> obs, Set<Integer> held, int[] next) {
    return switch (o) {
      case StixPattern.Single s -> held.contains(next[0]++);
      case StixPattern.Both b -> {
        boolean all = true;
        for (StixPattern.Observation p : b.parts()) {
          all &= whole(p, obs, held, next);
        }
        yield all;
      }
      case StixPattern.Either e -> {
        boolean any = false;
        for (StixPattern.Observation p : e.parts()) {
          any |= whole(p, obs, held, next);
        }
        yield any;
      }
    };
  }
}
