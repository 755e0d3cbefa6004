package dev.bulwark.intel.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.analysis.IntelReport.Evidence;
import dev.bulwark.intel.analysis.IntelReport.KevExposure;
import dev.bulwark.intel.analysis.IntelReport.RankedActor;
import dev.bulwark.intel.analysis.IntelReport.Status;
import dev.bulwark.intel.analysis.IntelReport.TechniqueRow;
import dev.bulwark.intel.stix.StixIds;
import dev.bulwark.intel.stix.StixObjects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report as a STIX 2.1 bundle: the organisation as an {@code identity}; the ranked actors,
 * their techniques and the stack's known-exploited vulnerabilities as copies of the stored objects;
 * a {@code targets} relationship from each actor to the organisation carrying its evidence; {@code
 * targets} from actors to the vulnerabilities they exploit; sightings of the techniques the
 * organisation's own hunts saw and of the vulnerabilities its dependency scan found; and the {@code
 * report} that refers to all of them. Identifiers are UUIDv5 of their content, so re-running the
 * same report yields the same ids.
 */
public final class StixReport {
  /** Where the stored objects are looked up. */
  public interface Lookup {
    Optional<JsonNode> byId(String id) throws InputException;

    Optional<JsonNode> byExternalId(String externalId, String type) throws InputException;
  }

  /** Bulwark's sector names in the STIX industry-sector vocabulary (industry-sector-ov). */
  private static final Map<String, String> INDUSTRY =
      Map.ofEntries(
          Map.entry("government", "government"),
          Map.entry("defence", "defense"),
          Map.entry("finance", "financial-services"),
          Map.entry("healthcare", "healthcare"),
          Map.entry("pharmaceutical", "pharmaceuticals"),
          Map.entry("energy", "energy"),
          Map.entry("telecommunications", "telecommunications"),
          Map.entry("technology", "technology"),
          Map.entry("education", "education"),
          Map.entry("manufacturing", "manufacturing"),
          Map.entry("aerospace", "aerospace"),
          Map.entry("transportation", "transportation"),
          Map.entry("media", "entertainment"),
          Map.entry("legal", "legal"),
          Map.entry("retail", "retail"),
          Map.entry("hospitality", "hospitality-leisure"),
          Map.entry("critical-infrastructure", "infrastructure"));

  private StixReport() {}

  public static ObjectNode render(IntelReport r, Lookup lookup) throws InputException {
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    String now = r.generatedAt();
    ObjectNode org = StixObjects.organisation(r.organisation(), now);
    List<String> industries =
        r.sectors().stream().map(INDUSTRY::get).filter(s -> s != null).distinct().toList();
    if (!industries.isEmpty()) {
      ArrayNode a = org.putArray("sectors");
      industries.forEach(a::add);
    }
    if (!r.countries().isEmpty()) {
      ArrayNode a = org.putArray("x_bulwark_countries");
      r.countries().forEach(a::add);
    }
    org.put("x_bulwark_exposure", r.exposure());
    objects.put(org.get("id").asText(), org);

    for (RankedActor a : r.actors()) {
      Optional<JsonNode> stored = lookup.byId(a.stixId());
      if (stored.isEmpty()) {
        continue;
      }
      objects.put(a.stixId(), as21(stored.get()));
      ObjectNode rel =
          StixObjects.sdo(
              "relationship",
              StixIds.of("relationship", a.stixId() + "|targets|" + org.get("id")),
              now);
      rel.put("relationship_type", "targets");
      rel.put("source_ref", a.stixId());
      rel.put("target_ref", org.get("id").asText());
      rel.put(
          "description",
          "Ranked "
              + a.rank()
              + " (score "
              + String.format(Locale.ROOT, "%.2f", a.score())
              + "): "
              + String.join("; ", a.evidence().stream().map(StixReport::evidenceText).toList()));
      rel.put("x_bulwark_score", a.score());
      rel.put("x_bulwark_rank", a.rank());
      objects.put(rel.get("id").asText(), rel);
    }
    for (TechniqueRow t : r.techniques()) {
      Optional<JsonNode> ap = lookup.byExternalId(t.id(), "attack-pattern");
      if (ap.isEmpty()) {
        continue;
      }
      String apId = ap.get().path("id").asText();
      ObjectNode copy = as21(ap.get());
      copy.put("x_bulwark_weight", t.weight());
      copy.put("x_bulwark_coverage", t.status().name().toLowerCase(Locale.ROOT));
      objects.put(apId, copy);
      if (t.status() == Status.DETECTED && !t.seenInHunts().isEmpty()) {
        ObjectNode s =
            StixObjects.sdo("sighting", StixIds.of("sighting", apId + "|" + org.get("id")), now);
        s.put("sighting_of_ref", apId);
        s.putArray("where_sighted_refs").add(org.get("id").asText());
        s.put("count", Math.min(t.seenInHunts().size(), 999_999_999));
        s.put(
            "description",
            "Seen by the organisation's own hunts: " + String.join("; ", t.seenInHunts()));
        objects.put(s.get("id").asText(), s);
      }
    }
    for (KevExposure k : r.kevInStack()) {
      Optional<JsonNode> v = lookup.byExternalId(k.cve(), "vulnerability");
      if (v.isEmpty()) {
        continue;
      }
      String vid = v.get().path("id").asText();
      objects.put(vid, as21(v.get()));
      ObjectNode s =
          StixObjects.sdo("sighting", StixIds.of("sighting", vid + "|" + org.get("id")), now);
      s.put("sighting_of_ref", vid);
      s.putArray("where_sighted_refs").add(org.get("id").asText());
      s.put("count", k.components().size());
      s.put(
          "description",
          "Found by dependency scanning in "
              + String.join(", ", k.components())
              + "; KEV due "
              + k.dueDate());
      objects.put(s.get("id").asText(), s);
      for (RankedActor a : r.actors()) {
        if (a.cves().contains(k.cve()) && objects.containsKey(a.stixId())) {
          ObjectNode rel =
              StixObjects.sdo(
                  "relationship", StixIds.of("relationship", a.stixId() + "|targets|" + vid), now);
          rel.put("relationship_type", "targets");
          rel.put("source_ref", a.stixId());
          rel.put("target_ref", vid);
          objects.put(rel.get("id").asText(), rel);
        }
      }
    }
    ObjectNode report =
        StixObjects.sdo(
            "report", StixIds.of("report", "bulwark-intel|" + r.organisation() + "|" + now), now);
    report.put("name", "Threat intelligence for " + r.organisation());
    report.put(
        "description",
        String.format(
            Locale.ROOT,
            "%d ranked actors; %d techniques, %d detected, %d partly, %d gaps (weighted coverage"
                + " %.1f %%); %d known-exploited vulnerabilities in the stack.",
            r.actors().size(),
            r.coverage().techniques(),
            r.coverage().detected(),
            r.coverage().partial(),
            r.coverage().gaps(),
            r.coverage().weightedCoverage() * 100,
            r.kevInStack().size()));
    report.put("published", now);
    report.putArray("report_types").add("threat-report").add("threat-actor").add("attack-pattern");
    report.put("created_by_ref", org.get("id").asText());
    ArrayNode refs = report.putArray("object_refs");
    objects.keySet().forEach(refs::add);
    List<JsonNode> all = new ArrayList<>(objects.values());
    all.add(report);
    return StixObjects.bundle(all, report.get("id").asText());
  }

  private static String evidenceText(Evidence e) {
    return e.factor() + ": " + e.detail() + (e.source().isEmpty() ? "" : " (" + e.source() + ")");
  }

  /** A stored object as STIX 2.1: ATT&CK's 2.0 bundle objects lack spec_version. */
  private static ObjectNode as21(JsonNode stored) {
    ObjectNode o = stored.deepCopy();
    o.put("spec_version", "2.1");
    // STIX 2.1 forbids empty lists; some 2.0-era objects carry them
    List<String> empty = new ArrayList<>();
    o.properties()
        .forEach(e -> {
          if (e.getValue().isArray() && e.getValue().isEmpty() || e.getValue().isNull()) {
            empty.add(e.getKey());
          }
        });
    empty.forEach(o::remove);
    return o;
  }
}
