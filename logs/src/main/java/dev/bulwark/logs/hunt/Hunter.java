package dev.bulwark.logs.hunt;

import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.sigma.Correlation;
import dev.bulwark.logs.sigma.Logsource;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleIndex;
import dev.bulwark.logs.sigma.RuleSet;
import dev.bulwark.logs.sigma.SigmaRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a rule set over events: routes each event to its log sources, evaluates only the rules of
 * those sources (the rule list per routing is computed once and cached), keeps detections, and at
 * the end runs the correlations over the recorded matches. Thread-safe: readers may feed events
 * from several threads.
 */
public final class Hunter {
  /** What to keep: a minimum rule level and an optional time window. */
  public record Options(Severity minLevel, Instant since, Instant until, int maxPerRule) {
    public static Options defaults() {
      return new Options(Severity.INFO, null, null, 10_000);
    }
  }

  /**
   * Detections kept for reports and incidents, all rules together. Memory stays bounded whatever
   * the input: beyond this a hunt counts matches but no longer keeps them (a hunt this noisy needs
   * a higher --min-level or tuned rules, not a longer list).
   */
  static final int MAX_KEPT = 100_000;

  private final AtomicLong kept = new AtomicLong();
  private final Logsources logsources;
  private final Options options;
  private final Map<Logsource, List<SigmaRule>> byLogsource = new HashMap<>();
  private final Map<List<Logsource>, RuleIndex> dispatch = new ConcurrentHashMap<>();
  private final Set<SigmaRule> correlated = new HashSet<>();
  private final List<Correlation> correlations;
  private final List<Detection> detections = new ArrayList<>();
  private final CorrelationInputs correlationInputs;
  private final Map<String, AtomicLong> hitsByRule = new ConcurrentHashMap<>();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong routed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  public Hunter(RuleSet rules, Logsources logsources, Options options) {
    this(rules, logsources, options, CorrelationInputs.defaultBudget());
  }

  Hunter(RuleSet rules, Logsources logsources, Options options, long correlationBudgetBytes) {
    this.logsources = logsources;
    this.options = options;
    this.correlations = rules.correlations();
    this.correlationInputs = new CorrelationInputs(correlationBudgetBytes);
    // correlations by the rule references they use, so each rule finds its own in one look-up
    Map<String, List<Correlation>> byRef = new HashMap<>();
    for (Correlation c : correlations) {
      for (String ref : c.rules()) {
        byRef.computeIfAbsent(ref, k -> new ArrayList<>()).add(c);
      }
    }
    for (SigmaRule r : rules.rules()) {
      List<Correlation> using = List.of();
      List<Correlation> byId = r.meta().id() == null ? null : byRef.get(r.meta().id());
      List<Correlation> byName = r.meta().name() == null ? null : byRef.get(r.meta().name());
      if (byId != null || byName != null) {
        Set<Correlation> named = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        if (byId != null) {
          named.addAll(byId);
        }
        if (byName != null) {
          named.addAll(byName);
        }
        using = correlations.stream().filter(named::contains).toList();
      }
      boolean inCorrelation = !using.isEmpty();
      if (inCorrelation) {
        correlated.add(r);
        correlationInputs.declare(r, fieldsRead(r, using));
      }
      if (!inCorrelation && !r.meta().severity().atLeast(options.minLevel())) {
        continue;
      }
      byLogsource.computeIfAbsent(r.logsource(), k -> new ArrayList<>()).add(r);
    }
  }

  /** Evaluates one event. */
  public void accept(Event e) {
    events.incrementAndGet();
    if (e.time() != null
        && ((options.since() != null && e.time().isBefore(options.since()))
            || (options.until() != null && e.time().isAfter(options.until())))) {
      return;
    }
    List<Logsource> sources = logsources.route(e);
    if (sources.isEmpty()) {
      return;
    }
    routed.incrementAndGet();
    for (SigmaRule r : matchesRouted(e, sources)) {
      record(r, e);
    }
  }

  /**
   * The rules an event matches, without keeping anything: for a caller that keeps detections and
   * correlation inputs itself (the stream job, whose state lives in Flink).
   */
  public List<SigmaRule> matches(Event e) {
    List<Logsource> sources = logsources.route(e);
    return sources.isEmpty() ? List.of() : matchesRouted(e, sources);
  }

  private List<SigmaRule> matchesRouted(Event e, List<Logsource> sources) {
    RuleIndex index =
        dispatch.computeIfAbsent(List.copyOf(sources), s -> new RuleIndex(rulesFor(s)));
    List<SigmaRule> candidates = new ArrayList<>();
    index.candidates(e, candidates);
    List<SigmaRule> out = new ArrayList<>();
    for (SigmaRule r : candidates) {
      if (r.matches(e)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Whether a match of {@code r} is reported on its own, as {@link #accept} would keep it. */
  public boolean reports(SigmaRule r) {
    return r.emits() && r.meta().severity().atLeast(options.minLevel());
  }

  /** The correlations this hunter evaluates at the end. */
  public List<Correlation> correlations() {
    return correlations;
  }

  private void record(SigmaRule r, Event e) {
    long n = hitsByRule.computeIfAbsent(key(r.meta()), k -> new AtomicLong()).incrementAndGet();
    if (correlated.contains(r)) {
      correlationInputs.add(r, e);
    }
    boolean report = reports(r);
    if (report && (n > options.maxPerRule() || kept.incrementAndGet() > MAX_KEPT)) {
      dropped.incrementAndGet(); // counted, not kept: a rule this noisy needs tuning, not reading
      report = false;
    }
    if (!report) {
      return;
    }
    Detection d = Detection.of(r, e);
    synchronized (this) {
      detections.add(d);
    }
  }

  /** The event fields the correlations over a rule group by or measure, in that rule's names. */
  private static List<String> fieldsRead(SigmaRule r, List<Correlation> using) {
    Set<String> out = new LinkedHashSet<>();
    for (Correlation c : using) {
      for (String g : c.groupBy()) {
        out.add(c.fieldFor(r.meta(), g));
      }
      if (c.condition().field() != null) {
        out.add(c.fieldFor(r.meta(), c.condition().field()));
      }
    }
    return List.copyOf(out);
  }

  private static String key(SigmaRule.Meta m) {
    return m.id() != null ? m.id() : m.path() + ":" + m.title();
  }

  private SigmaRule[] rulesFor(List<Logsource> sources) {
    Set<SigmaRule> out = new LinkedHashSet<>();
    for (Map.Entry<Logsource, List<SigmaRule>> e : byLogsource.entrySet()) {
      for (Logsource s : sources) {
        if (e.getKey().covers(s)) {
          out.addAll(e.getValue());
          break;
        }
      }
    }
    return out.toArray(SigmaRule[]::new);
  }

  /** Runs correlations and returns everything found, in time order. */
  public synchronized HuntResult finish() {
    List<Detection> all = new ArrayList<>(detections);
    Correlator correlator = new Correlator(correlations, correlationInputs);
    for (Detection d : correlator.run()) {
      if (d.severity().atLeast(options.minLevel())) {
        all.add(d);
      }
    }
    all.sort(
        java.util.Comparator.comparing(
                Detection::time,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
            .thenComparing(Detection::source)
            .thenComparing(d -> d.recordId() == null ? "" : d.recordId()));
    Map<String, Long> hits = new HashMap<>();
    hitsByRule.forEach((k, v) -> hits.put(k, v.get()));
    return new HuntResult(
        all, events.get(), routed.get(), dropped.get(), correlationInputs.dropped(), hits);
  }

  /** Everything a hunt found. */
  public record HuntResult(
      List<Detection> detections,
      long events,
      long routedEvents,
      long droppedDetections,
      long droppedCorrelationInputs,
      Map<String, Long> hitsByRule) {}
}
