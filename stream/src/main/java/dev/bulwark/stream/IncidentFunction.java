package dev.bulwark.stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.hunt.Detection;
import dev.bulwark.logs.hunt.Incident;
import dev.bulwark.logs.hunt.Incidents;
import dev.bulwark.logs.sigma.SigmaRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Groups detections into incidents with logs' own grouping ({@link Incidents#build}): detections
 * that share a host, a named user or a process tree within the window of each other, chained. Such
 * a chain can run across hosts (a user signs in on two of them) and users (one host, two accounts),
 * so no finer key than "all detections" keeps an incident whole; the operator is keyed by a
 * constant and its state holds only the detections of incidents still open.
 *
 * <p>An incident is closed once the watermark, less the lag correlations arrive with, is a window
 * past its last detection: any later detection is then more than the window away from each of its
 * keys, so logs' grouping could not join it. Closed incidents are emitted and their detections
 * dropped; those still open are grouped again when the next timer fires. A detection without a time
 * joins anything its keys name (as in logs), so its incident closes only at the end of input.
 *
 * <p>The score's rarity term counts the rule hits this operator has seen when the incident closes,
 * where {@code logs hunt} counts those of its whole input; the grouping, ids, titles, hosts, users,
 * times and narrative are the same.
 */
final class IncidentFunction extends KeyedProcessFunction<Byte, Alert, IncidentOut> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The accumulator counting incidents emitted, read by callers of the finished job. */
  static final String EMITTED = "incidents";

  private final String pack;
  private final long window;
  private final long lag;
  private final Duration ttl;
  private transient ValueState<Open> state;
  private transient LongCounter emitted;
  private transient Engine engine;

  /**
   * The watermark of the last regrouping, and whether a detection has come since. One watermark
   * advance fires every timer it passes, one call each; after the first has regrouped, the others
   * at the same watermark and with no new detection would find exactly the same incidents closed
   * and open, so they return at once. (Not state: after a restart the first timer regroups.)
   */
  private transient long regroupedAt;

  private transient boolean arrived;

  /** The detections of open incidents, and how often each rule has fired so far. */
  public static final class Open {
    public ArrayList<Alert> pending = new ArrayList<>();
    public HashMap<String, Long> hits = new HashMap<>();
  }

  IncidentFunction(RulePack pack, Duration window, Duration ttl) {
    this.pack = pack.toJson();
    this.window = window.toMillis();
    this.lag = pack.engine().incidentLag();
    this.ttl = ttl;
  }

  @Override
  public void open(OpenContext context) {
    ValueStateDescriptor<Open> d =
        new ValueStateDescriptor<>("open incidents", TypeInformation.of(new TypeHint<Open>() {}));
    // a backstop: open incidents close as the watermark passes them
    d.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
    state = getRuntimeContext().getState(d);
    emitted = getRuntimeContext().getLongCounter(EMITTED);
    engine = RulePack.fromJson(pack).engine();
    regroupedAt = Long.MIN_VALUE;
    arrived = true;
  }

  @Override
  public void processElement(Alert a, Context ctx, Collector<IncidentOut> out) throws Exception {
    Open o = state.value();
    if (o == null) {
      o = new Open();
    }
    o.pending.add(a);
    arrived = true;
    if (!a.correlation()) {
      // logs counts the hits of single rules; correlations count as rare (one hit)
      o.hits.merge(rarityKey(meta(a)), 1L, Long::sum);
    }
    state.update(o);
    ctx.timerService()
        .registerEventTimeTimer(
            a.time() == null ? Long.MAX_VALUE : closesAt(Instant.parse(a.time()).toEpochMilli()));
  }

  private long closesAt(long time) {
    long at = time + window + lag;
    return at < time ? Long.MAX_VALUE : at; // no overflow for times near the end of time
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentOut> out)
      throws Exception {
    Open o = state.value();
    if (o == null || o.pending.isEmpty()) {
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    if (watermark == regroupedAt && !arrived) {
      return;
    }
    regroupedAt = watermark;
    arrived = false;
    Map<Detection, Alert> byDetection = new java.util.IdentityHashMap<>();
    List<Detection> detections = new ArrayList<>();
    for (Alert a : o.pending) {
      Detection d = detection(a);
      byDetection.put(d, a);
      detections.add(d);
    }
    Set<Alert> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Incidents.Options options = new Incidents.Options(Duration.ofMillis(window), Map.of());
    for (Incident i : Incidents.build(detections, o.hits, options)) {
      if (!closed(i, watermark)) {
        continue;
      }
      out.collect(out(i));
      emitted.add(1);
      for (Detection d : i.detections()) {
        done.add(byDetection.get(d));
      }
    }
    if (done.isEmpty()) {
      return;
    }
    o.pending.removeIf(done::contains);
    if (o.pending.isEmpty()) {
      // the hit counts stay: rarity is measured over everything seen
      o.pending = new ArrayList<>();
    }
    state.update(o);
  }

  private boolean closed(Incident i, long watermark) {
    if (watermark == Long.MAX_VALUE) {
      return true; // the end of input closes everything
    }
    for (Detection d : i.detections()) {
      if (d.time() == null) {
        return false;
      }
    }
    return closesAt(i.last().toEpochMilli()) <= watermark;
  }

  /** The rule's key as logs' rarity term looks it up. */
  private static String rarityKey(SigmaRule.Meta m) {
    return m.id() != null ? m.id() : m.path() + ":" + m.title();
  }

  private SigmaRule.Meta meta(Alert a) {
    String key = Alert.ruleKey(a.ruleId(), a.ruleTitle());
    // a rule reloaded away since it fired: what the detection itself says about it
    return engine
        .meta(key)
        .orElseGet(() ->
            new SigmaRule.Meta(
                a.ruleId(),
                a.ruleTitle(),
                a.ruleTitle(),
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                null));
  }

  /** The detection logs would have made of this event or correlation. */
  Detection detection(Alert a) throws Exception {
    SigmaRule.Meta m = meta(a);
    Map<String, Object> fields = JSON.readValue(a.fields(), new TypeReference<>() {});
    List<Detection> members = new ArrayList<>();
    if (a.correlation() && !a.members().isEmpty()) {
      for (String line : a.members().split("\n")) {
        String[] parts = line.split("\t", -1);
        members.add(
            new Detection(
                m,
                Severity.valueOf(a.level()),
                null,
                parts.length > 1 ? parts[1] : "",
                parts.length > 2 ? parts[2] : null,
                null,
                null,
                null,
                null,
                Map.of(),
                List.of(),
                null));
      }
    }
    return new Detection(
        m,
        Severity.valueOf(a.level()),
        a.time() == null ? null : Instant.parse(a.time()),
        a.source(),
        a.recordId(),
        a.host(),
        a.user(),
        a.channel(),
        a.eventId(),
        fields,
        members,
        a.summary());
  }

  static IncidentOut out(Incident i) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", i.id());
    o.put("title", i.title());
    o.put("score", i.score());
    o.put("first", i.first() == null ? null : i.first().toString());
    o.put("last", i.last() == null ? null : i.last().toString());
    strings(o.putArray("hosts"), i.hosts());
    strings(o.putArray("users"), i.users());
    strings(o.putArray("tactics"), i.tactics());
    strings(o.putArray("techniques"), i.techniques());
    strings(o.putArray("score_reasons"), i.scoreReasons());
    o.put("narrative", i.narrative());
    ArrayNode ds = o.putArray("detections");
    Set<String> seen = new HashSet<>();
    for (Detection d : i.detections()) {
      String id =
          d.isCorrelation()
              ? null
              : Alert.eventId(
                  Alert.ruleKey(d.rule().id(), d.ruleTitle()),
                  d.time() == null ? null : d.time().toString(),
                  d.source(),
                  d.recordId());
      ObjectNode x = ds.addObject();
      x.put("rule", d.ruleTitle());
      x.put("time", d.time() == null ? null : d.time().toString());
      x.put("source", d.source());
      x.put("record_id", d.recordId());
      if (id != null && seen.add(id)) {
        x.put("id", id);
      }
    }
    return new IncidentOut(
        i.id(),
        i.title(),
        i.score(),
        i.first() == null ? null : i.first().toString(),
        i.last() == null ? null : i.last().toString(),
        String.join("\n", i.hosts()),
        String.join("\n", i.users()),
        i.detections().size(),
        o.toString());
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }
}
