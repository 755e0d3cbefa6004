package dev.bulwark.intel.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.store.IntelStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the store a report reads, loaded once: techniques with their tactics and the data
 * components that detect them, groups with what they use and the CVEs their reporting names,
 * campaigns, the MISP actors, and the KEV catalogue. Bounded by the catalogue's size (hundreds of
 * groups, about a thousand techniques), not by the size of what was imported.
 */
public final class ThreatCatalog {
  static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern REF_YEAR = Pattern.compile("\\((\\d{4}),");

  /** An ATT&CK technique or sub-technique. */
  public record Technique(
      String id,
      String stixId,
      String name,
      List<String> tactics,
      String domain,
      List<String> dataComponents) {}

  /** A KEV entry. */
  public record Kev(
      String cve,
      String vendor,
      String product,
      String name,
      String dateAdded,
      String dueDate,
      String ransomware) {}

  /** An intrusion set (ATT&CK group, MISP actor or the user's own) with what it is known for. */
  public record Group(
      String stixId,
      String attackId,
      String name,
      List<String> aliases,
      String description,
      String source,
      JsonNode body,
      Set<String> techniqueStixIds,
      Set<String> softwareStixIds,
      Map<String, String> cveWhere,
      Integer lastYear,
      String lastYearWhy) {}

  final Map<String, Technique> techniqueByStix = new HashMap<>();
  final Map<String, Technique> techniqueById = new LinkedHashMap<>();
  final Map<String, Group> groupByStix = new LinkedHashMap<>();
  final Map<String, Group> groupByAttackId = new LinkedHashMap<>();
  final Map<String, String> softwareName = new HashMap<>();
  final Map<String, Kev> kev = new LinkedHashMap<>();
  final List<Group> mispActors = new ArrayList<>();

  private ThreatCatalog() {}

  public static ThreatCatalog load(IntelStore store) throws InputException {
    ThreatCatalog c = new ThreatCatalog();
    Map<String, String> componentName = new HashMap<>();
    for (JsonNode dc : store.active("x-mitre-data-component")) {
      componentName.put(dc.path("id").asText(), dc.path("name").asText());
    }
    Map<String, Set<String>> componentsOfAnalytic = new HashMap<>();
    for (JsonNode an : store.active("x-mitre-analytic")) {
      Set<String> names = new LinkedHashSet<>();
      for (JsonNode ref : an.path("x_mitre_log_source_references")) {
        String n = componentName.get(ref.path("x_mitre_data_component_ref").asText());
        if (n != null) {
          names.add(n);
        }
      }
      componentsOfAnalytic.put(an.path("id").asText(), names);
    }
    Map<String, Set<String>> componentsOfStrategy = new HashMap<>();
    for (JsonNode ds : store.active("x-mitre-detection-strategy")) {
      Set<String> names = new TreeSet<>();
      for (JsonNode a : ds.path("x_mitre_analytic_refs")) {
        names.addAll(componentsOfAnalytic.getOrDefault(a.asText(), Set.of()));
      }
      componentsOfStrategy.put(ds.path("id").asText(), names);
    }
    Map<String, Set<String>> componentsOfTechnique = new HashMap<>();
    for (IntelStore.Rel r : store.relationships("detects")) {
      componentsOfTechnique
          .computeIfAbsent(r.target(), k -> new TreeSet<>())
          .addAll(componentsOfStrategy.getOrDefault(r.source(), Set.of()));
    }
    for (JsonNode ap : store.active("attack-pattern")) {
      String id = attackId(ap);
      if (id == null || !id.startsWith("T")) {
        continue;
      }
      List<String> tactics = new ArrayList<>();
      for (JsonNode k : ap.path("kill_chain_phases")) {
        if (k.path("kill_chain_name").asText().startsWith("mitre")) {
          tactics.add(k.path("phase_name").asText());
        }
      }
      List<String> comps = new ArrayList<>();
      comps.addAll(componentsOfTechnique.getOrDefault(ap.path("id").asText(), Set.of()));
      // before ATT&CK v18, data sources were a property of the technique
      ap.path("x_mitre_data_sources").forEach(d -> comps.add(d.asText()));
      String domain = ap.path("x_mitre_domains").path(0).asText("enterprise-attack");
      Technique t =
          new Technique(
              id, ap.path("id").asText(), ap.path("name").asText(), tactics, domain, comps);
      c.techniqueByStix.put(t.stixId(), t);
      // enterprise first: a technique id shared across domains keeps its enterprise entry
      c.techniqueById.merge(
          id, t, (old, neu) -> old.domain().equals("enterprise-attack") ? old : neu);
    }
    for (String type : List.of("malware", "tool")) {
      for (JsonNode s : store.active(type)) {
        c.softwareName.put(s.path("id").asText(), s.path("name").asText());
      }
    }
    Map<String, JsonNode> campaigns = new HashMap<>();
    for (JsonNode camp : store.active("campaign")) {
      campaigns.put(camp.path("id").asText(), camp);
    }
    Map<String, Set<String>> uses = new HashMap<>();
    Map<String, Set<String>> usesSoftware = new HashMap<>();
    Map<String, List<String>> campaignsOf = new HashMap<>();
    for (IntelStore.Rel r : store.relationships("uses", "attributed-to")) {
      if (r.type().equals("attributed-to") && campaigns.containsKey(r.source())) {
        campaignsOf.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(r.source());
      } else if (r.type().equals("uses")) {
        if (c.techniqueByStix.containsKey(r.target())) {
          uses.computeIfAbsent(r.source(), k -> new LinkedHashSet<>()).add(r.target());
        } else if (c.softwareName.containsKey(r.target())) {
          usesSoftware.computeIfAbsent(r.source(), k -> new LinkedHashSet<>()).add(r.target());
        }
      }
    }
    // CVE ids named in the text of what a group or its campaigns use ("exploited CVE-…")
    Map<String, Map<String, String>> cvesOf = new HashMap<>();
    for (JsonNode rel : store.activeContaining("relationship", "CVE-")) {
      Matcher m = CVE.matcher(rel.path("description").asText(""));
      while (m.find()) {
        cvesOf
            .computeIfAbsent(rel.path("source_ref").asText(), k -> new LinkedHashMap<>())
            .putIfAbsent(m.group(), "ATT&CK relationship " + rel.path("id").asText());
      }
    }
    for (JsonNode is : store.active("intrusion-set")) {
      String stixId = is.path("id").asText();
      Set<String> techniques = new LinkedHashSet<>(uses.getOrDefault(stixId, Set.of()));
      Set<String> software = new LinkedHashSet<>(usesSoftware.getOrDefault(stixId, Set.of()));
      Map<String, String> cves = new LinkedHashMap<>();
      Matcher dm = CVE.matcher(is.path("description").asText(""));
      while (dm.find()) {
        cves.putIfAbsent(dm.group(), "description of " + is.path("name").asText());
      }
      cves.putAll(cvesOf.getOrDefault(stixId, Map.of()));
      Integer last = null;
      String lastWhy = null;
      for (String campId : campaignsOf.getOrDefault(stixId, List.of())) {
        JsonNode camp = campaigns.get(campId);
        techniques.addAll(uses.getOrDefault(campId, Set.of()));
        software.addAll(usesSoftware.getOrDefault(campId, Set.of()));
        cvesOf.getOrDefault(campId, Map.of()).forEach(cves::putIfAbsent);
        Integer y = year(camp.path("last_seen").asText(""));
        if (y != null && (last == null || y > last)) {
          last = y;
          lastWhy = "campaign " + camp.path("name").asText() + " last seen " + y;
        }
      }
      for (JsonNode ref : is.path("external_references")) {
        Matcher ym = REF_YEAR.matcher(ref.path("description").asText(""));
        if (ym.find()) {
          int y = Integer.parseInt(ym.group(1));
          if (last == null || y > last) {
            last = y;
            lastWhy =
                "most recent cited report: " + ref.path("source_name").asText() + " (" + y + ")";
          }
        }
      }
      List<String> aliases = new ArrayList<>();
      is.path("aliases").forEach(a -> aliases.add(a.asText()));
      String source = is.path("x_bulwark_source").asText(null);
      String attack = attackId(is);
      boolean misp = "misp-galaxy".equals(source);
      Group g =
          new Group(
              stixId,
              misp ? null : attack,
              is.path("name").asText(),
              aliases,
              is.path("description").asText(""),
              misp ? "MISP galaxy" : attack != null ? "ATT&CK" : "imported bundle",
              is,
              techniques,
              software,
              cves,
              last,
              lastWhy);
      if (misp) {
        c.mispActors.add(g);
      } else {
        c.groupByStix.put(stixId, g);
        if (attack != null) {
          c.groupByAttackId.put(attack, g);
        }
      }
    }
    for (JsonNode v : store.active("vulnerability")) {
      if (!v.has("x_cisa_due_date")) {
        continue;
      }
      Kev k =
          new Kev(
              v.path("name").asText(),
              v.path("x_cisa_vendor").asText(),
              v.path("x_cisa_product").asText(),
              v.path("x_cisa_name").asText(),
              v.path("x_cisa_date_added").asText(),
              v.path("x_cisa_due_date").asText(),
              v.path("x_cisa_ransomware_use").asText());
      c.kev.put(k.cve(), k);
    }
    return c;
  }

  /** The ATT&CK id of an object ({@code mitre-attack} external reference), if any. */
  static String attackId(JsonNode o) {
    for (JsonNode ref : o.path("external_references")) {
      String src = ref.path("source_name").asText("");
      if (src.startsWith("mitre") && ref.hasNonNull("external_id")) {
        return ref.get("external_id").asText().toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }

  /** ATT&CK group ids a MISP actor is linked to, each with how the galaxy links it. */
  static Map<String, String> attackLinks(JsonNode misp) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode ref : misp.path("external_references")) {
      if (ref.path("source_name").asText().equals("mitre-attack")) {
        out.put(ref.path("external_id").asText(), ref.path("description").asText("linked"));
      }
    }
    return out;
  }

  private static Integer year(String ts) {
    if (ts.length() >= 4 && ts.substring(0, 4).chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(ts.substring(0, 4));
    }
    return null;
  }

  public Map<String, Technique> techniques() {
    return techniqueById;
  }

  public Map<String, Kev> kev() {
    return kev;
  }

  public int groupCount() {
    return groupByStix.size();
  }

  public int mispActorCount() {
    return mispActors.size();
  }
}
