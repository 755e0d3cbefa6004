package dev.bulwark.net.detect;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fingerprint;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.net.zeek.Field;
import dev.bulwark.net.zeek.ZeekLogWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Network detections over the records the analysis writes: per-record rules from data, and rules
 * over many records (port scans, sweeps, subdomain volume, beaconing) whose threshold comes from
 * data. Findings cite the flow by Zeek uid and 5-tuple. State is bounded: at most {@link #MAX_KEYS}
 * keys per aggregate.
 */
public final class NetDetections {
  static final int MAX_KEYS = 100_000;
  static final List<String> BUILT_IN =
      List.of(
          "net-long-connection",
          "net-http-basic-credentials",
          "net-dns-long-label",
          "net-dns-high-entropy-label",
          "net-http-unexpected-port",
          "net-ssh-unexpected-port",
          "net-port-scan",
          "net-host-sweep",
          "net-dns-many-subdomains",
          "net-beaconing");

  private final List<NetRule> rules;
  private final String source;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Set<String>> distinct = new HashMap<>();
  private final Map<String, Map<String, Object>> firstRecord = new HashMap<>();
  private final Map<String, List<Long>> times = new HashMap<>();
  private final Set<String> fired = new HashSet<>();

  public NetDetections(List<NetRule> rules, String source) {
    this.rules = List.copyOf(rules);
    this.source = source;
  }

  /** The rules Bulwark ships, from {@code dev/bulwark/net/rules/<id>.rule}. */
  public static List<NetRule> builtIn() {
    List<NetRule> out = new ArrayList<>();
    for (String id : BUILT_IN) {
      String res = "/dev/bulwark/net/rules/" + id + ".rule";
      try (InputStream in = NetDetections.class.getResourceAsStream(res)) {
        if (in == null) {
          throw new IllegalStateException("missing rule " + res);
        }
        out.add(NetRule.parse(res, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** One record of a log (field name to value), as written. */
  public void record(String log, List<Field> fields, Object[] values) {
    Map<String, Object> r = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      if (values[i] != null) {
        r.put(fields.get(i).name(), values[i]);
      }
    }
    record(log, r);
  }

  public void record(String log, Map<String, Object> r) {
    for (NetRule rule : rules) {
      if (!rule.log().equals(log)) {
        continue;
      }
      switch (rule.kind()) {
        case "record" -> {
          if (rule.matches(r)) {
            emit(rule, r, rule.message());
          }
        }
        case "port-scan" -> {
          if (rule.matches(r)) {
            count(rule, r, key(r, "id.orig_h", "id.resp_h"), String.valueOf(r.get("id.resp_p")));
          }
        }
        case "host-sweep" -> {
          if (rule.matches(r)) {
            count(rule, r, key(r, "id.orig_h", "id.resp_p"), String.valueOf(r.get("id.resp_h")));
          }
        }
        case "subdomains" -> {
          Object q = r.get("query");
          if (q != null && rule.matches(r)) {
            String name = String.valueOf(q);
            String[] labels = name.split("\\.");
            if (labels.length >= 3) {
              String parent = labels[labels.length - 2] + "." + labels[labels.length - 1];
              count(rule, r, String.valueOf(r.get("id.orig_h")) + "|" + parent, labels[0]);
            }
          }
        }
        case "beaconing" -> {
          if (rule.matches(r) && r.get("ts") instanceof ZeekLogWriter.Time t) {
            String k = key(r, "id.orig_h", "id.resp_h") + "|" + r.get("id.resp_p");
            List<Long> ts = times.get(k);
            if (ts == null && times.size() < MAX_KEYS) {
              ts = new ArrayList<>();
              times.put(k, ts);
              firstRecord.put(rule.id() + k, r);
            }
            if (ts != null && ts.size() < 10_000) {
              ts.add(t.nanos());
            }
          }
        }
        default -> {}
      }
    }
  }

  private void count(NetRule rule, Map<String, Object> r, String key, String value) {
    String k = rule.id() + "|" + key;
    Set<String> seen = distinct.get(k);
    if (seen == null) {
      if (distinct.size() >= MAX_KEYS) {
        return;
      }
      seen = new HashSet<>();
      distinct.put(k, seen);
      firstRecord.put(k, r);
    }
    if (seen.size() <= rule.threshold()) {
      seen.add(value);
    }
    if (seen.size() >= rule.threshold() && fired.add(k)) {
      emit(rule, firstRecord.get(k), rule.message() + " (" + seen.size() + " distinct)");
    }
  }

  /** Ends the aggregates that need every record (beaconing); returns every finding. */
  public List<Finding> finish() {
    for (NetRule rule : rules) {
      if (!rule.kind().equals("beaconing")) {
        continue;
      }
      for (var e : times.entrySet()) {
        List<Long> ts = e.getValue();
        if (ts.size() < 10) {
          continue;
        }
        double score = Beacon.score(ts);
        if (score >= rule.threshold()) {
          emit(
              rule,
              firstRecord.get(rule.id() + e.getKey()),
              rule.message()
                  + String.format(
                      java.util.Locale.ROOT,
                      " (score %.2f over %d connections)",
                      score,
                      ts.size()));
        }
      }
    }
    return List.copyOf(findings);
  }

  private static String key(Map<String, Object> r, String a, String b) {
    return r.get(a) + "|" + r.get(b);
  }

  private void emit(NetRule rule, Map<String, Object> r, String message) {
    String uid = String.valueOf(r.getOrDefault("uid", ""));
    String tuple =
        r.get("id.orig_h")
            + ":"
            + r.get("id.orig_p")
            + " -> "
            + r.get("id.resp_h")
            + ":"
            + r.get("id.resp_p")
            + (r.get("proto") == null ? "" : "/" + r.get("proto"));
    Instant when =
        r.get("ts") instanceof ZeekLogWriter.Time t ? Instant.ofEpochSecond(0, t.nanos()) : null;
    Map<String, String> props = new LinkedHashMap<>();
    props.put(NetProperties.UID.name(), uid);
    props.put(NetProperties.FLOW.name(), tuple);
    props.put(NetProperties.LOG.name(), rule.log());
    if (r.get("id.orig_h") != null) {
      props.put(NetProperties.HOST.name(), String.valueOf(r.get("id.orig_h")));
    }
    Severity severity = Severity.valueOf(rule.severity().toUpperCase(java.util.Locale.ROOT));
    List<TaxonomyRef> taxa = new ArrayList<>();
    for (String t : rule.attack()) {
      taxa.add(TaxonomyRef.attack(t));
    }
    String fp = Fingerprint.of(rule.id(), source, uid, tuple);
    findings.add(
        new Finding(
            fp,
            "net",
            rule.id(),
            rule.title(),
            message + ": " + tuple + (uid.isEmpty() ? "" : " (uid " + uid + ")"),
            severity,
            Confidence.MEDIUM,
            List.of(
                new Location.LogEvent(
                    source, uid, when, "zeek " + rule.log(), String.valueOf(r.get("id.orig_h")))),
            taxa,
            null,
            Optional.empty(),
            List.of(),
            props));
  }
}
