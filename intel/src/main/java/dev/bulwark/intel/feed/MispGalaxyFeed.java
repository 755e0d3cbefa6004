package dev.bulwark.intel.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.stix.StixIds;
import dev.bulwark.intel.store.IntelStore;
import dev.bulwark.intel.vocab.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MISP galaxy clusters as STIX: threat actors become {@code intrusion-set}s whose free-text target
 * sectors and victim countries are normalised through the {@link Vocabulary} (the raw strings are
 * kept beside them, and those no table knows are listed), with their ATT&CK group ids when the
 * galaxy links them; ransomware and tool clusters become {@code malware}. The ATT&CK-derived
 * clusters only resolve links: ATT&CK itself is imported from its own bundles.
 */
final class MispGalaxyFeed {
  /** The MISP producer entry whose attribution names are ATT&CK group ids. */
  static final String MITRE_PRODUCER = "a1ad5090-2487-46d2-8237-6151a2dd5063";

  private static final Pattern GROUP_URL =
      Pattern.compile("attack\\.mitre\\.org/(?:groups/|wiki/Group/)(G\\d{4})");
  private static final Pattern GROUP_ID = Pattern.compile("G\\d{4}");
  private static final List<String> ATTACK_CLUSTERS =
      List.of(
          "mitre-intrusion-set.json",
          "mitre-enterprise-attack-intrusion-set.json",
          "mitre-ics-groups.json");
  private static final int MAX_REFS = 25;

  private final IntelStore store;
  private final Vocabulary vocab = Vocabulary.builtIn();

  MispGalaxyFeed(IntelStore store) {
    this.store = store;
  }

  /** Returns {objects read, objects stored}. */
  long[] importCluster(Path file) throws InputException {
    JsonNode cluster;
    try {
      cluster = StixBundleReader.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(file + ": malformed MISP cluster: " + e.getMessage(), e);
    }
    String type = cluster.path("type").asText();
    String modified = StixIds.timestamp(modifiedOf(file));
    long read = 0;
    long stored = 0;
    switch (type) {
      case "threat-actor" -> {
        Map<String, String> groupByUuid = attackGroups(file.getParent());
        for (JsonNode v : cluster.path("values")) {
          read++;
          if (store.put(actor(v, groupByUuid, modified), "misp-galaxy:" + type)) {
            stored++;
          }
        }
      }
      case "ransomware", "tool" -> {
        for (JsonNode v : cluster.path("values")) {
          read++;
          if (store.put(malware(v, type, modified), "misp-galaxy:" + type)) {
            stored++;
          }
        }
      }
      default -> read = cluster.path("values").size();
    }
    return new long[] {read, stored};
  }

  private static Instant modifiedOf(Path file) throws InputException {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
  }

  /** uuid → ATT&CK group id, from the ATT&CK clusters beside the threat-actor cluster. */
  private static Map<String, String> attackGroups(Path dir) throws InputException {
    Map<String, String> out = new HashMap<>();
    if (dir == null) {
      return out;
    }
    for (String name : ATTACK_CLUSTERS) {
      Path f = dir.resolve(name);
      if (!Files.isRegularFile(f)) {
        continue;
      }
      try {
        for (JsonNode v : StixBundleReader.mapper().readTree(f.toFile()).path("values")) {
          String ext = v.path("meta").path("external_id").asText("");
          if (GROUP_ID.matcher(ext).matches()) {
            out.put(v.path("uuid").asText(), ext);
          }
        }
      } catch (IOException e) {
        throw new InputException(f + ": malformed MISP cluster: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private ObjectNode actor(JsonNode v, Map<String, String> groupByUuid, String modified) {
    JsonNode meta = v.path("meta");
    ObjectNode o = base("intrusion-set", v, modified);
    ArrayNode aliases = o.putArray("aliases");
    meta.path("synonyms").forEach(s -> aliases.add(s.asText()));

    Set<String> rawSectors = new LinkedHashSet<>();
    for (String k : List.of("cfr-target-category", "targeted-sector")) {
      meta.path(k).forEach(s -> rawSectors.add(s.asText().strip()));
    }
    Set<String> rawVictims = new LinkedHashSet<>();
    for (String k : List.of("cfr-suspected-victims", "suspected-victims")) {
      meta.path(k).forEach(s -> rawVictims.add(s.asText().strip()));
    }
    Set<String> sectors = new LinkedHashSet<>();
    Set<String> countries = new LinkedHashSet<>();
    Set<String> regions = new LinkedHashSet<>();
    Set<String> unmapped = new LinkedHashSet<>();
    for (String s : rawSectors) {
      vocab.sector(s).ifPresentOrElse(x -> sectors.add(x.name()), () -> unmapped.add(s));
    }
    for (String c : rawVictims) {
      var iso = vocab.country(c);
      if (iso.isPresent()) {
        countries.add(iso.get());
      } else if (vocab.region(c).isPresent()) {
        regions.add(c.toLowerCase(java.util.Locale.ROOT));
      } else {
        unmapped.add(c);
      }
    }
    // the victimology field mixes sectors and places in prose
    String victimology = meta.path("victimology").asText("");
    for (Vocabulary.Mention m : vocab.mentions(victimology)) {
      switch (m.kind()) {
        case "sector" -> sectors.add(m.value());
        case "country" -> countries.add(m.value());
        default -> regions.add(m.value());
      }
    }
    strings(o, "x_misp_target_sectors", rawSectors);
    strings(o, "x_misp_suspected_victims", rawVictims);
    strings(o, "x_bulwark_sectors", sectors);
    strings(o, "x_bulwark_victim_countries", countries);
    strings(o, "x_bulwark_victim_regions", regions);
    strings(o, "x_bulwark_unmapped", unmapped);
    if (!victimology.isEmpty()) {
      o.put("x_misp_victimology", victimology);
    }
    copyText(meta, "country", o, "x_misp_origin_country");
    copyText(meta, "cfr-suspected-state-sponsor", o, "x_misp_state_sponsor");
    copyText(meta, "attribution-confidence", o, "x_misp_attribution_confidence");
    Set<String> motives = new LinkedHashSet<>();
    meta.path("cfr-type-of-incident").forEach(s -> motives.add(s.asText()));
    if (meta.path("cfr-type-of-incident").isTextual()) {
      motives.add(meta.path("cfr-type-of-incident").asText());
    }
    meta.path("motive").forEach(s -> motives.add(s.asText()));
    strings(o, "x_misp_incident_types", motives);

    ArrayNode refs = o.withArray("external_references");
    Map<String, String> groups = new LinkedHashMap<>();
    for (JsonNode r : v.path("related")) {
      String g = groupByUuid.get(r.path("dest-uuid").asText());
      if (g != null) {
        groups.putIfAbsent(g, "MISP galaxy relation '" + r.path("type").asText() + "'");
      }
    }
    for (JsonNode n : meta.path("name-attribution")) {
      String[] parts = n.asText().split(":", 2);
      if (parts.length == 2
          && parts[1].equals(MITRE_PRODUCER)
          && GROUP_ID.matcher(parts[0]).matches()) {
        groups.putIfAbsent(parts[0], "MISP name attribution by MITRE");
      }
    }
    int n = 0;
    for (JsonNode r : meta.path("refs")) {
      Matcher m = GROUP_URL.matcher(r.asText());
      if (m.find()) {
        groups.putIfAbsent(m.group(1), "MISP reference to the ATT&CK group page");
      }
      if (n++ < MAX_REFS) {
        refs.addObject().put("source_name", "misp-ref").put("url", r.asText());
      }
    }
    groups.forEach((g, why) ->
        refs.addObject()
            .put("source_name", "mitre-attack")
            .put("external_id", g)
            .put("description", why));
    return o;
  }

  private static ObjectNode malware(JsonNode v, String cluster, String modified) {
    ObjectNode o = base("malware", v, modified);
    o.put("is_family", true);
    ArrayNode aliases = o.putArray("aliases");
    v.path("meta").path("synonyms").forEach(s -> aliases.add(s.asText()));
    o.putArray("malware_types").add(cluster.equals("ransomware") ? "ransomware" : "unknown");
    int n = 0;
    ArrayNode refs = o.withArray("external_references");
    for (JsonNode r : v.path("meta").path("refs")) {
      if (n++ < MAX_REFS) {
        refs.addObject().put("source_name", "misp-ref").put("url", r.asText());
      }
    }
    return o;
  }

  private static ObjectNode base(String type, JsonNode v, String modified) {
    ObjectNode o = StixBundleReader.mapper().createObjectNode();
    String uuid = v.path("uuid").asText();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put(
        "id",
        uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
            ? type + "--" + uuid
            : StixIds.of(type, v.path("value").asText()));
    // galaxy values carry no dates: the file's time stands for both, so a newer file replaces
    o.put("created", modified);
    o.put("modified", modified);
    o.put("name", v.path("value").asText());
    if (v.hasNonNull("description")) {
      o.put("description", v.get("description").asText());
    }
    o.put("x_bulwark_source", "misp-galaxy");
    o.putArray("external_references")
        .addObject()
        .put("source_name", "misp-galaxy")
        .put("external_id", uuid);
    return o;
  }

  private static void strings(ObjectNode o, String field, Set<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = o.putArray(field);
      values.forEach(a::add);
    }
  }

  private static void copyText(JsonNode meta, String key, ObjectNode o, String field) {
    if (meta.path(key).isTextual()) {
      o.put(field, meta.path(key).asText());
    }
  }
}
