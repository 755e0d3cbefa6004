package dev.bulwark.stream;

import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.hunt.Correlator;
import dev.bulwark.logs.hunt.Detection;
import dev.bulwark.logs.hunt.Hunter;
import dev.bulwark.logs.sigma.Correlation;
import dev.bulwark.logs.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A compiled rule pack as the job uses it: the in-process hunter's matcher for single events, and
 * the correlations sorted into levels. A correlation over plain rules is level 1; one that also
 * counts another correlation's detections is one level above it, and runs in a later keyed
 * operator, since its inputs are grouped by other fields.
 */
public final class Engine {
  /** Correlations deeper than this are not evaluated by the job (the pack reports them). */
  public static final int LEVELS = 3;

  private final Hunter hunter;
  private final Severity minLevel;
  private final Map<String, Correlation> byKey = new LinkedHashMap<>();
  private final Map<String, Integer> levels = new HashMap<>();

  /** Every rule's and correlation's metadata by rule key, for rebuilding detections. */
  private final Map<String, SigmaRule.Meta> metas = new HashMap<>();

  Engine(Hunter hunter, List<SigmaRule> rules, Severity minLevel) {
    this.hunter = hunter;
    this.minLevel = minLevel;
    for (SigmaRule r : rules) {
      metas.putIfAbsent(ruleKey(r.meta()), r.meta());
    }
    for (Correlation c : hunter.correlations()) {
      metas.putIfAbsent(ruleKey(c.meta()), c.meta());
    }
    for (Correlation c : hunter.correlations()) {
      byKey.put(key(c), c);
    }
    for (Correlation c : hunter.correlations()) {
      level(c, new java.util.HashSet<>());
    }
  }

  private int level(Correlation c, java.util.Set<Correlation> seen) {
    Integer known = levels.get(key(c));
    if (known != null) {
      return known;
    }
    int level = 1;
    if (seen.add(c)) {
      for (Correlation o : hunter.correlations()) {
        if (o != c && c.rules().stream().anyMatch(o.meta()::answersTo)) {
          level = Math.max(level, level(o, seen) + 1);
        }
      }
      seen.remove(c);
    }
    levels.put(key(c), level);
    return level;
  }

  static String key(Correlation c) {
    return Alert.ruleKey(c.meta().id(), c.meta().title());
  }

  /** The key a rule's detections carry: its id, else its title, else its name. */
  static String ruleKey(SigmaRule.Meta m) {
    return Alert.ruleKey(m.id(), m.title() == null ? m.name() : m.title());
  }

  /** The metadata of the rule or correlation with this key, if this pack has it. */
  public java.util.Optional<SigmaRule.Meta> meta(String ruleKey) {
    return java.util.Optional.ofNullable(metas.get(ruleKey));
  }

  /**
   * How far behind the watermark incidents are closed: a correlation's detection can arrive as late
   * as the spans of every level, and must still find its incident open.
   */
  public long incidentLag() {
    return lag(LEVELS + 1);
  }

  public Correlation correlation(String key) {
    return byKey.get(key);
  }

  public int level(String key) {
    return levels.getOrDefault(key, 0);
  }

  /** The longest timespan of the correlations at {@code level}, in milliseconds (0 if none). */
  public long span(int level) {
    long max = 0;
    for (Correlation c : byKey.values()) {
      if (levels.get(key(c)) == level) {
        max = Math.max(max, c.timespan().toMillis());
      }
    }
    return max;
  }

  /**
   * How far behind the watermark the operator of {@code level} evaluates: a correlation's detection
   * is emitted up to its timespan after its time, so each level waits out the spans of the levels
   * below it and never sees an input late.
   */
  public long lag(int level) {
    long lag = 0;
    for (int l = 1; l < level; l++) {
      lag += span(l) + 1;
    }
    return lag;
  }

  /** Whether a correlation's detection is reported (its level is at least the minimum). */
  boolean reports(Correlation c) {
    return c.meta().severity().atLeast(minLevel);
  }

  /** Matches one event: its reported detections, and its inputs to correlations. */
  void match(Event e, Consumer<Alert> alerts, Consumer<Hit> hits) {
    for (SigmaRule r : hunter.matches(e)) {
      Detection d = null;
      if (hunter.reports(r)) {
        d = Detection.of(r, e);
        alerts.accept(Alert.of(d));
      }
      List<Hit> inputs = new ArrayList<>();
      if (e.time() == null) {
        continue; // a correlation counts in time: an event without one is not an input
      }
      String memberId =
          Alert.eventId(
              Alert.ruleKey(
                  r.meta().id(), r.meta().title() == null ? r.meta().name() : r.meta().title()),
              e.time().toString(),
              e.source(),
              e.recordId());
      for (Correlation c : byKey.values()) {
        for (int i = 0; i < c.rules().size(); i++) {
          if (!r.meta().answersTo(c.rules().get(i))) {
            continue;
          }
          List<String> group = new ArrayList<>();
          boolean complete = true;
          for (String g : c.groupBy()) {
            String v = e.get(c.fieldFor(r.meta(), g));
            complete &= v != null;
            group.add(v);
          }
          if (!complete) {
            continue;
          }
          String field = c.condition().field();
          inputs.add(
              hit(
                  c,
                  group,
                  i,
                  e.time().toEpochMilli(),
                  field == null ? null : e.get(c.fieldFor(r.meta(), field)),
                  memberId,
                  e.source(),
                  e.recordId(),
                  null,
                  null,
                  e.get("Channel"),
                  e.get("EventID")));
        }
      }
      if (!inputs.isEmpty()) {
        // who and where, as a detection names them, only for events that feed a correlation
        Detection facts = d != null ? d : Detection.of(r, e);
        for (Hit h : inputs) {
          hits.accept(
              new Hit(
                  h.correlation(),
                  h.level(),
                  h.key(),
                  h.group(),
                  h.ref(),
                  h.time(),
                  h.value(),
                  h.memberId(),
                  h.source(),
                  h.recordId(),
                  facts.host(),
                  facts.user(),
                  h.channel(),
                  h.eventId()));
        }
      }
    }
  }

  /** The inputs a correlation's detection gives the correlations above it. */
  void lift(Correlation from, Alert a, Map<String, String> fields, Consumer<Hit> hits) {
    for (Correlation c : byKey.values()) {
      for (int i = 0; i < c.rules().size(); i++) {
        if (c == from || !from.meta().answersTo(c.rules().get(i))) {
          continue;
        }
        List<String> group = new ArrayList<>();
        boolean complete = true;
        for (String g : c.groupBy()) {
          String v = fields.get(c.fieldFor(from.meta(), g));
          complete &= v != null;
          group.add(v);
        }
        if (!complete) {
          continue;
        }
        String field = c.condition().field();
        hits.accept(
            hit(
                c,
                group,
                i,
                java.time.Instant.parse(a.time()).toEpochMilli(),
                field == null ? null : fields.get(c.fieldFor(from.meta(), field)),
                a.id(),
                a.source(),
                a.recordId(),
                a.host(),
                a.user(),
                a.channel(),
                a.eventId()));
      }
    }
  }

  private Hit hit(
      Correlation c,
      List<String> group,
      int ref,
      long time,
      String value,
      String memberId,
      String source,
      String recordId,
      String host,
      String user,
      String channel,
      String eventId) {
    String g = String.join(String.valueOf(Hit.SEP), group);
    String k = key(c);
    return new Hit(
        k,
        level(k),
        k + Hit.SEP + Hit.SEP + g,
        g,
        ref,
        time,
        value,
        memberId,
        source,
        recordId,
        host,
        user,
        channel,
        eventId);
  }

  /** A correlation's detection over a window of inputs (in time order) with value {@code v}. */
  static Alert detection(Correlation c, List<Hit> window, double v) {
    Hit first = window.get(0);
    Hit last = window.get(window.size() - 1);
    List<String> key = List.of(first.group().split(String.valueOf(Hit.SEP), -1));
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < c.groupBy().size(); i++) {
      fields.put(c.groupBy().get(i), key.get(i));
    }
    fields.put("correlation_value", Correlator.value(v));
    StringBuilder members = new StringBuilder();
    for (Hit h : window.subList(Math.max(0, window.size() - 100), window.size())) {
      // id, then where the member came from (an incident's narrative cites it)
      members
          .append(members.isEmpty() ? "" : "\n")
          .append(h.memberId())
          .append('\t')
          .append(h.source() == null ? "" : h.source())
          .append('\t')
          .append(h.recordId() == null ? "" : h.recordId());
    }
    String time = java.time.Instant.ofEpochMilli(last.time()).toString();
    return new Alert(
        Alert.hash(
            "correlation",
            key(c),
            first.group(),
            Long.toString(first.time()),
            Long.toString(last.time()),
            Correlator.value(v)),
        c.meta().id(),
        c.meta().title() == null ? c.meta().name() : c.meta().title(),
        c.meta().severity().name(),
        time,
        last.source(),
        last.recordId(),
        last.host() != null ? last.host() : first.host(),
        last.user(),
        last.channel(),
        last.eventId(),
        Correlator.summary(c, key, v),
        Alert.json(fields),
        members.toString(),
        true);
  }
}
