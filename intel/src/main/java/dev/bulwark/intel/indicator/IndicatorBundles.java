package dev.bulwark.intel.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.stix.StixIds;
import dev.bulwark.intel.stix.StixObjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * STIX 2.1 bundles of indicators: the matches of {@code intel match} as sightings of the stored
 * indicators, and the values Bulwark's own detections extracted ({@code intel indicators}) as
 * indicators with the observed data and sightings behind them. Identifiers are UUIDv5 of content
 * (cyber observables by their value, as STIX §2.9 asks), so the same input yields the same ids.
 */
public final class IndicatorBundles {
  /** Observed data objects kept per sighting; the count says how many there were. */
  static final int MAX_OBSERVED_PER_SIGHTING = 100;

  private IndicatorBundles() {}

  /**
   * The matches as sightings by the organisation: each matched indicator (copied), observed data
   * holding the values that matched, and a sighting counting the places. The records carry no time
   * of their own, so the sightings are dated at the match.
   */
  public static ObjectNode sightings(
      IndicatorMatcher.Result result, String organisation, Instant at) {
    String now = StixIds.timestamp(at);
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    ObjectNode org = StixObjects.organisation(organisation, now);
    objects.put(org.get("id").asText(), org);
    for (IndicatorMatcher.Match m : result.matches()) {
      objects.put(m.id(), as21(m.indicator()));
      List<String> observed = new ArrayList<>();
      for (IndicatorMatcher.Hit h : m.hits()) {
        List<String> refs = new ArrayList<>();
        for (Observable o : h.values()) {
          ObjectNode sco = sco(o);
          objects.putIfAbsent(sco.get("id").asText(), sco);
          refs.add(sco.get("id").asText());
        }
        if (refs.isEmpty()) {
          continue;
        }
        ObjectNode od =
            StixObjects.sdo(
                "observed-data",
                StixIds.of("observed-data", m.id() + "|" + h.source() + "|" + h.locator()),
                now);
        od.put("created_by_ref", org.get("id").asText());
        od.put("first_observed", now);
        od.put("last_observed", now);
        od.put("number_observed", 1);
        refs.forEach(od.putArray("object_refs")::add);
        od.put("x_bulwark_source", h.source() + " (" + h.locator() + ")");
        if (objects.putIfAbsent(od.get("id").asText(), od) == null
            && observed.size() < MAX_OBSERVED_PER_SIGHTING) {
          observed.add(od.get("id").asText());
        }
      }
      ObjectNode s =
          StixObjects.sdo("sighting", StixIds.of("sighting", m.id() + "|" + organisation), now);
      s.put("created_by_ref", org.get("id").asText());
      s.put("sighting_of_ref", m.id());
      s.put("first_seen", now);
      s.put("last_seen", now);
      s.put("count", Math.min(m.count(), 999_999_999L));
      if (!observed.isEmpty()) {
        observed.forEach(s.putArray("observed_data_refs")::add);
      }
      s.putArray("where_sighted_refs").add(org.get("id").asText());
      objects.put(s.get("id").asText(), s);
    }
    return StixObjects.bundle(objects.values(), "match|" + organisation + "|" + now);
  }

  /** One finding of a Bulwark report, reduced to what export needs. */
  public record FindingValues(
      String analyzer,
      String ruleId,
      String title,
      String severity,
      String where,
      Set<Observable> values) {
    public FindingValues {
      values = Set.copyOf(values);
    }
  }

  /**
   * The values Bulwark's detections extracted as indicators: one per distinct value, with an
   * observed-data object per finding it came from and a sighting by the organisation. An indicator
   * is {@code malicious-activity} when a critical or high finding gave it, else {@code
   * anomalous-activity}.
   */
  public static ObjectNode export(List<FindingValues> findings, String organisation, Instant at) {
    String now = StixIds.timestamp(at);
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    ObjectNode bulwark = StixObjects.system("Bulwark", now);
    ObjectNode org = StixObjects.organisation(organisation, now);
    objects.put(bulwark.get("id").asText(), bulwark);
    objects.put(org.get("id").asText(), org);
    Map<Observable, List<FindingValues>> by = new LinkedHashMap<>();
    Map<Observable, List<String>> observedBy = new LinkedHashMap<>();
    for (FindingValues f : findings) {
      if (f.values().isEmpty()) {
        continue;
      }
      ObjectNode od =
          StixObjects.sdo(
              "observed-data",
              StixIds.of(
                  "observed-data",
                  f.analyzer() + "|" + f.ruleId() + "|" + f.where() + "|" + f.values()),
              now);
      od.put("created_by_ref", bulwark.get("id").asText());
      od.put("first_observed", now);
      od.put("last_observed", now);
      od.put("number_observed", 1);
      ArrayNode refs = od.putArray("object_refs");
      for (Observable o : f.values()) {
        ObjectNode sco = sco(o);
        objects.putIfAbsent(sco.get("id").asText(), sco);
        refs.add(sco.get("id").asText());
        by.computeIfAbsent(o, k -> new ArrayList<>()).add(f);
        observedBy.computeIfAbsent(o, k -> new ArrayList<>()).add(od.get("id").asText());
      }
      od.put("x_bulwark_source", f.analyzer() + " " + f.ruleId() + " at " + f.where());
      objects.putIfAbsent(od.get("id").asText(), od);
    }
    for (var e : by.entrySet()) {
      Observable o = e.getKey();
      String pattern = o.pattern();
      ObjectNode ind = StixObjects.sdo("indicator", StixIds.of("indicator", pattern), now);
      ind.put("created_by_ref", bulwark.get("id").asText());
      ind.put("name", o.kind().stixType() + " " + o.value());
      Set<String> rules = new LinkedHashSet<>();
      boolean severe = false;
      for (FindingValues f : e.getValue()) {
        rules.add(f.analyzer() + " " + f.ruleId() + " (" + f.title() + ")");
        String sev = f.severity().toLowerCase(Locale.ROOT);
        severe |= sev.equals("critical") || sev.equals("high");
      }
      ind.put(
          "description",
          "Extracted by Bulwark from "
              + e.getValue().size()
              + " finding(s): "
              + String.join("; ", rules.stream().limit(10).toList()));
      ind.putArray("indicator_types").add(severe ? "malicious-activity" : "anomalous-activity");
      ind.put("pattern", pattern);
      ind.put("pattern_type", "stix");
      ind.put("pattern_version", "2.1");
      ind.put("valid_from", now);
      objects.put(ind.get("id").asText(), ind);
      ObjectNode s =
          StixObjects.sdo("sighting", StixIds.of("sighting", pattern + "|" + organisation), now);
      s.put("created_by_ref", bulwark.get("id").asText());
      s.put("sighting_of_ref", ind.get("id").asText());
      s.put("first_seen", now);
      s.put("last_seen", now);
      s.put("count", Math.min(e.getValue().size(), 999_999_999));
      ArrayNode od = s.putArray("observed_data_refs");
      observedBy.get(o).stream().distinct().limit(MAX_OBSERVED_PER_SIGHTING).forEach(od::add);
      s.putArray("where_sighted_refs").add(org.get("id").asText());
      objects.put(s.get("id").asText(), s);
    }
    return StixObjects.bundle(
        objects.values(), "export|" + organisation + "|" + now + "|" + by.keySet());
  }

  /**
   * A stored indicator as STIX 2.1: one imported from a 2.0 bundle lacks spec_version and
   * pattern_type, which 2.1 requires; its pattern is STIX patterning either way.
   */
  private static JsonNode as21(JsonNode stored) {
    ObjectNode o = stored.deepCopy();
    if (!o.has("spec_version")) {
      o.put("spec_version", "2.1");
    }
    if (!o.has("pattern_type")) {
      o.put("pattern_type", "stix");
    }
    return o;
  }

  /** A cyber-observable object for one value, identified by its value as STIX §2.9 asks. */
  static ObjectNode sco(Observable o) {
    ObjectNode contributing = StixBundleReader.mapper().createObjectNode();
    switch (o.kind()) {
      case MD5, SHA1, SHA256 -> {
        String alg =
            switch (o.kind()) {
              case MD5 -> "MD5";
              case SHA1 -> "SHA-1";
              default -> "SHA-256";
            };
        contributing.putObject("hashes").put(alg, o.value());
      }
      default -> contributing.put("value", o.value());
    }
    String type = o.kind().stixType();
    ObjectNode sco = StixBundleReader.mapper().createObjectNode();
    sco.put("type", type);
    sco.put("spec_version", "2.1");
    sco.put("id", StixIds.of(type, contributing.toString()));
    sco.setAll(contributing);
    return sco;
  }
}
