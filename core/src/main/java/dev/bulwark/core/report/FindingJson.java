package dev.bulwark.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fix;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON form of findings in Bulwark's report format (version 1), both ways, so that reports
 * written by one run can be read back by the next (baselines, uploads to the server).
 */
public final class FindingJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FindingJson() {}

  public static ObjectNode toJson(Finding f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("fingerprint", f.fingerprint());
    n.put("analyzer", f.analyzer());
    n.put("ruleId", f.ruleId());
    n.put("title", f.title());
    n.put("message", f.message());
    n.put("severity", f.severity().label());
    n.put("confidence", f.confidence().label());
    ArrayNode locs = n.putArray("locations");
    f.locations().forEach(l -> locs.add(location(l)));
    ArrayNode taxa = n.putArray("taxa");
    for (TaxonomyRef t : f.taxa()) {
      ObjectNode tn = taxa.addObject();
      tn.put("taxonomy", t.taxonomy().name());
      tn.put("id", t.id());
    }
    if (f.remediation() != null) {
      n.put("remediation", f.remediation());
    }
    f.fix().ifPresent(fix -> n.set("fix", fix(fix)));
    if (!f.codeFlows().isEmpty()) {
      ArrayNode flows = n.putArray("codeFlows");
      for (CodeFlow cf : f.codeFlows()) {
        ObjectNode fn = flows.addObject();
        if (cf.message() != null) {
          fn.put("message", cf.message());
        }
        ArrayNode steps = fn.putArray("steps");
        for (CodeFlow.Step s : cf.steps()) {
          ObjectNode sn = steps.addObject();
          sn.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
          sn.set("location", location(s.location()));
          if (s.message() != null) {
            sn.put("message", s.message());
          }
        }
      }
    }
    ObjectNode props = n.putObject("properties");
    f.properties().forEach(props::put);
    return n;
  }

  static ObjectNode region(Region r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("startLine", r.startLine());
    n.put("endLine", r.endLine());
    if (r.hasColumns()) {
      n.put("startColumn", r.startColumn());
      n.put("endColumn", r.endColumn());
    }
    return n;
  }

  static ObjectNode location(Location l) {
    ObjectNode n = MAPPER.createObjectNode();
    switch (l) {
      case Location.File f -> {
        n.put("kind", "file");
        n.put("path", f.path());
        if (f.region() != null) {
          n.set("region", region(f.region()));
        }
        if (f.snippet() != null) {
          n.put("snippet", f.snippet());
        }
      }
      case Location.GitBlob g -> {
        n.put("kind", "git-blob");
        n.put("commit", g.commit());
        n.put("path", g.path());
        if (g.region() != null) {
          n.set("region", region(g.region()));
        }
        if (g.snippet() != null) {
          n.put("snippet", g.snippet());
        }
      }
      case Location.LogEvent e -> {
        n.put("kind", "log-event");
        n.put("path", e.path());
        putIfPresent(n, "recordId", e.recordId());
        putIfPresent(n, "timestamp", e.timestamp() == null ? null : e.timestamp().toString());
        putIfPresent(n, "channel", e.channel());
        putIfPresent(n, "host", e.host());
      }
      case Location.MailPart m -> {
        n.put("kind", "mail-part");
        n.put("path", m.path());
        n.put("messageIndex", m.messageIndex());
        putIfPresent(n, "part", m.part());
        putIfPresent(n, "snippet", m.snippet());
      }
      case Location.Package p -> {
        n.put("kind", "package");
        n.put("purl", p.purl());
        putIfPresent(n, "manifest", p.manifest());
        if (p.region() != null) {
          n.set("region", region(p.region()));
        }
      }
      case Location.Host h -> {
        n.put("kind", "host");
        putIfPresent(n, "name", h.name());
        putIfPresent(n, "address", h.address());
      }
    }
    return n;
  }

  private static ObjectNode fix(Fix fix) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("description", fix.description());
    n.put("status", fix.status().name().toLowerCase(java.util.Locale.ROOT));
    putIfPresent(n, "provenance", fix.provenance());
    putIfPresent(n, "diff", fix.unifiedDiff());
    ArrayNode changes = n.putArray("changes");
    for (Fix.Change c : fix.changes()) {
      ObjectNode cn = changes.addObject();
      cn.put("path", c.path());
      ArrayNode reps = cn.putArray("replacements");
      for (Fix.Replacement r : c.replacements()) {
        ObjectNode rn = reps.addObject();
        rn.set("deleted", region(r.deleted()));
        rn.put("inserted", r.inserted());
      }
    }
    return n;
  }

  private static void putIfPresent(ObjectNode n, String key, String value) {
    if (value != null) {
      n.put(key, value);
    }
  }

  // ---- reading ----

  public static Finding fromJson(JsonNode n) {
    List<Location> locations = new ArrayList<>();
    for (JsonNode l : n.path("locations")) {
      locations.add(readLocation(l));
    }
    List<TaxonomyRef> taxa = new ArrayList<>();
    for (JsonNode t : n.path("taxa")) {
      taxa.add(
          new TaxonomyRef(
              TaxonomyRef.Taxonomy.valueOf(t.path("taxonomy").asText()), t.path("id").asText()));
    }
    List<CodeFlow> flows = new ArrayList<>();
    for (JsonNode cf : n.path("codeFlows")) {
      List<CodeFlow.Step> steps = new ArrayList<>();
      for (JsonNode s : cf.path("steps")) {
        steps.add(
            new CodeFlow.Step(
                (Location.File) readLocation(s.path("location")),
                text(s, "message"),
                CodeFlow.Kind.valueOf(s.path("kind").asText().toUpperCase(java.util.Locale.ROOT))));
      }
      flows.add(new CodeFlow(text(cf, "message"), steps));
    }
    Map<String, String> props = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : n.path("properties").properties()) {
      props.put(e.getKey(), e.getValue().asText());
    }
    Optional<Fix> fix = n.has("fix") ? Optional.of(readFix(n.get("fix"))) : Optional.empty();
    return new Finding(
        n.path("fingerprint").asText(),
        n.path("analyzer").asText(),
        n.path("ruleId").asText(),
        n.path("title").asText(),
        n.path("message").asText(),
        Severity.parse(n.path("severity").asText()),
        Confidence.parse(n.path("confidence").asText()),
        locations,
        taxa,
        text(n, "remediation"),
        fix,
        flows,
        props);
  }

  private static Fix readFix(JsonNode n) {
    List<Fix.Change> changes = new ArrayList<>();
    for (JsonNode c : n.path("changes")) {
      List<Fix.Replacement> reps = new ArrayList<>();
      for (JsonNode r : c.path("replacements")) {
        reps.add(new Fix.Replacement(readRegion(r.path("deleted")), r.path("inserted").asText()));
      }
      changes.add(new Fix.Change(c.path("path").asText(), reps));
    }
    return new Fix(
        n.path("description").asText(),
        changes,
        text(n, "diff"),
        Fix.Status.valueOf(n.path("status").asText().toUpperCase(java.util.Locale.ROOT)),
        text(n, "provenance"));
  }

  private static Region readRegion(JsonNode r) {
    if (r == null || r.isMissingNode() || r.isNull()) {
      return null;
    }
    return new Region(
        r.path("startLine").asInt(),
        r.path("startColumn").asInt(0),
        r.path("endLine").asInt(r.path("startLine").asInt()),
        r.path("endColumn").asInt(0));
  }

  private static Location readLocation(JsonNode l) {
    String kind = l.path("kind").asText();
    return switch (kind) {
      case "file" ->
          new Location.File(text(l, "path"), readRegion(l.get("region")), text(l, "snippet"));
      case "git-blob" ->
          new Location.GitBlob(
              text(l, "commit"), text(l, "path"), readRegion(l.get("region")), text(l, "snippet"));
      case "log-event" ->
          new Location.LogEvent(
              text(l, "path"),
              text(l, "recordId"),
              l.hasNonNull("timestamp") ? Instant.parse(l.get("timestamp").asText()) : null,
              text(l, "channel"),
              text(l, "host"));
      case "mail-part" ->
          new Location.MailPart(
              text(l, "path"), l.path("messageIndex").asInt(), text(l, "part"), text(l, "snippet"));
      case "package" ->
          new Location.Package(text(l, "purl"), text(l, "manifest"), readRegion(l.get("region")));
      case "host" -> new Location.Host(text(l, "name"), text(l, "address"));
      default -> throw new IllegalArgumentException("unknown location kind '" + kind + "'");
    };
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }
}
