package dev.bulwark.compliance.assess;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The constraints of the OSCAL 1.1 assessment-results and POA&amp;M JSON schemas on the objects
 * Bulwark writes: required properties, no properties the schema does not define ({@code
 * additionalProperties: false}), UUIDs of version 4 or 5, date-times with a time zone, and the
 * finding-target enums. The full NIST schema is not in the shared data; this states its rules for
 * the parts Bulwark emits, written down from the schema's definitions.
 */
public final class OscalShape {
  private static final Pattern UUID =
      Pattern.compile(
          "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$");
  private static final Pattern DATE_TIME_TZ =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$");

  /** Allowed and required properties of one OSCAL object type. */
  private record Shape(Set<String> allowed, Set<String> required) {}

  private static final Map<String, Shape> SHAPES =
      Map.ofEntries(
          Map.entry(
              "assessment-results",
              new Shape(
                  Set.of(
                      "uuid",
                      "metadata",
                      "import-ap",
                      "local-definitions",
                      "results",
                      "back-matter"),
                  Set.of("uuid", "metadata", "import-ap", "results"))),
          Map.entry(
              "plan-of-action-and-milestones",
              new Shape(
                  Set.of(
                      "uuid",
                      "metadata",
                      "import-ssp",
                      "system-id",
                      "local-definitions",
                      "observations",
                      "risks",
                      "findings",
                      "poam-items",
                      "back-matter"),
                  Set.of("uuid", "metadata", "poam-items"))),
          Map.entry(
              "metadata",
              new Shape(
                  Set.of(
                      "title",
                      "published",
                      "last-modified",
                      "version",
                      "oscal-version",
                      "revisions",
                      "document-ids",
                      "props",
                      "links",
                      "roles",
                      "locations",
                      "parties",
                      "responsible-parties",
                      "actions",
                      "remarks"),
                  Set.of("title", "last-modified", "version", "oscal-version"))),
          Map.entry("import-ap", new Shape(Set.of("href", "remarks"), Set.of("href"))),
          Map.entry(
              "result",
              new Shape(
                  Set.of(
                      "uuid",
                      "title",
                      "description",
                      "start",
                      "end",
                      "props",
                      "links",
                      "local-definitions",
                      "reviewed-controls",
                      "attestations",
                      "assessment-log",
                      "observations",
                      "risks",
                      "findings",
                      "remarks"),
                  Set.of("uuid", "title", "description", "start", "reviewed-controls"))),
          Map.entry(
              "reviewed-controls",
              new Shape(
                  Set.of(
                      "description",
                      "props",
                      "links",
                      "control-selections",
                      "control-objective-selections",
                      "remarks"),
                  Set.of("control-selections"))),
          Map.entry(
              "control-selection",
              new Shape(
                  Set.of(
                      "description",
                      "props",
                      "links",
                      "include-all",
                      "include-controls",
                      "exclude-controls",
                      "remarks"),
                  Set.of())),
          Map.entry(
              "select-control",
              new Shape(Set.of("control-id", "statement-ids"), Set.of("control-id"))),
          Map.entry(
              "observation",
              new Shape(
                  Set.of(
                      "uuid",
                      "title",
                      "description",
                      "props",
                      "links",
                      "methods",
                      "types",
                      "origins",
                      "subjects",
                      "relevant-evidence",
                      "collected",
                      "expires",
                      "remarks"),
                  Set.of("uuid", "description", "methods", "collected"))),
          Map.entry(
              "relevant-evidence",
              new Shape(
                  Set.of("href", "description", "props", "links", "remarks"),
                  Set.of("description"))),
          Map.entry(
              "finding",
              new Shape(
                  Set.of(
                      "uuid",
                      "title",
                      "description",
                      "props",
                      "links",
                      "origins",
                      "target",
                      "implementation-statement-uuid",
                      "related-observations",
                      "related-risks",
                      "remarks"),
                  Set.of("uuid", "title", "description", "target"))),
          Map.entry(
              "target",
              new Shape(
                  Set.of(
                      "type",
                      "target-id",
                      "title",
                      "description",
                      "props",
                      "links",
                      "status",
                      "implementation-status",
                      "remarks"),
                  Set.of("type", "target-id", "status"))),
          Map.entry("status", new Shape(Set.of("state", "reason", "remarks"), Set.of("state"))),
          Map.entry(
              "related-observation",
              new Shape(Set.of("observation-uuid"), Set.of("observation-uuid"))),
          Map.entry(
              "poam-item",
              new Shape(
                  Set.of(
                      "uuid",
                      "title",
                      "description",
                      "props",
                      "links",
                      "origins",
                      "related-findings",
                      "related-observations",
                      "related-risks",
                      "remarks"),
                  Set.of("title", "description"))));

  private OscalShape() {}

  /** What in {@code doc} breaks the schema's rules; empty when it conforms. */
  public static List<String> problems(JsonNode doc) {
    List<String> out = new ArrayList<>();
    if (doc.has("assessment-results")) {
      JsonNode ar = doc.get("assessment-results");
      check(ar, "assessment-results", "$", out);
      check(ar.path("metadata"), "metadata", "$.metadata", out);
      check(ar.path("import-ap"), "import-ap", "$.import-ap", out);
      minItems(ar.path("results"), "$.results", out);
      int i = 0;
      for (JsonNode r : ar.path("results")) {
        String p = "$.results[" + i++ + "]";
        check(r, "result", p, out);
        dateTime(r.path("start"), p + ".start", out);
        if (r.has("end")) {
          dateTime(r.path("end"), p + ".end", out);
        }
        check(r.path("reviewed-controls"), "reviewed-controls", p + ".reviewed-controls", out);
        minItems(
            r.path("reviewed-controls").path("control-selections"), p + ".control-selections", out);
        for (JsonNode s : r.path("reviewed-controls").path("control-selections")) {
          check(s, "control-selection", p + ".control-selection", out);
          for (JsonNode c : s.path("include-controls")) {
            check(c, "select-control", p + ".include-controls", out);
          }
        }
        for (JsonNode o : r.path("observations")) {
          check(o, "observation", p + ".observations", out);
          uuid(o.path("uuid"), p + ".observations.uuid", out);
          dateTime(o.path("collected"), p + ".observations.collected", out);
          minItems(o.path("methods"), p + ".observations.methods", out);
          for (JsonNode e : o.path("relevant-evidence")) {
            check(e, "relevant-evidence", p + ".relevant-evidence", out);
          }
        }
        for (JsonNode f : r.path("findings")) {
          check(f, "finding", p + ".findings", out);
          uuid(f.path("uuid"), p + ".findings.uuid", out);
          check(f.path("target"), "target", p + ".findings.target", out);
          String type = f.path("target").path("type").asText();
          if (!type.equals("objective-id") && !type.equals("statement-id")) {
            out.add(p + ".findings.target.type: '" + type + "' not allowed");
          }
          check(f.path("target").path("status"), "status", p + ".findings.target.status", out);
          String state = f.path("target").path("status").path("state").asText();
          if (!state.equals("satisfied") && !state.equals("not-satisfied")) {
            out.add(p + ".findings.target.status.state: '" + state + "' not allowed");
          }
          for (JsonNode ro : f.path("related-observations")) {
            check(ro, "related-observation", p + ".related-observations", out);
            uuid(ro.path("observation-uuid"), p + ".related-observations", out);
          }
        }
      }
      uuid(ar.path("uuid"), "$.uuid", out);
      dateTime(ar.path("metadata").path("last-modified"), "$.metadata.last-modified", out);
    } else if (doc.has("plan-of-action-and-milestones")) {
      JsonNode p = doc.get("plan-of-action-and-milestones");
      check(p, "plan-of-action-and-milestones", "$", out);
      check(p.path("metadata"), "metadata", "$.metadata", out);
      minItems(p.path("poam-items"), "$.poam-items", out);
      for (JsonNode item : p.path("poam-items")) {
        check(item, "poam-item", "$.poam-items", out);
        if (item.has("uuid")) {
          uuid(item.path("uuid"), "$.poam-items.uuid", out);
        }
      }
    } else {
      out.add("$: neither assessment-results nor plan-of-action-and-milestones");
    }
    return out;
  }

  private static void check(JsonNode n, String type, String path, List<String> out) {
    if (!n.isObject()) {
      out.add(path + ": expected an object (" + type + ")");
      return;
    }
    Shape s = SHAPES.get(type);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!s.allowed().contains(k)) {
        out.add(path + ": property '" + k + "' is not allowed in " + type);
      }
    }
    for (String r : s.required()) {
      if (!n.has(r)) {
        out.add(path + ": required property '" + r + "' missing in " + type);
      }
    }
  }

  private static void minItems(JsonNode n, String path, List<String> out) {
    if (!n.isArray() || n.isEmpty()) {
      out.add(path + ": expected a non-empty array");
    }
  }

  private static void uuid(JsonNode n, String path, List<String> out) {
    if (!UUID.matcher(n.asText()).matches()) {
      out.add(path + ": '" + n.asText() + "' is not a version 4 or 5 UUID");
    }
  }

  private static void dateTime(JsonNode n, String path, List<String> out) {
    if (!DATE_TIME_TZ.matcher(n.asText()).matches()) {
      out.add(path + ": '" + n.asText() + "' is not a date-time with a time zone");
    }
  }
}
