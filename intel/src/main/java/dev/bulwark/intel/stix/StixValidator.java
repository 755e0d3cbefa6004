package dev.bulwark.intel.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A structural check of STIX 2.1 bundles against the specification's normative requirements (OASIS
 * STIX 2.1, sections 2–7): identifier and timestamp syntax, the common properties every SDO and SRO
 * must carry, each object type's required properties, reference syntax, custom property names, and
 * that the references of relationships, sightings and reports resolve inside the bundle.
 */
public final class StixValidator {
  private static final Pattern TYPE = Pattern.compile("^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$");
  private static final Pattern ID =
      Pattern.compile(
          "^([a-z0-9][a-z0-9-]{1,248}[a-z0-9])--"
              + "[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  private static final Pattern TIMESTAMP =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$");
  private static final Pattern CUSTOM_PROPERTY = Pattern.compile("^[a-z0-9_]{3,250}$");
  private static final Pattern RELATIONSHIP_TYPE = Pattern.compile("^[a-z0-9-]+$");

  /** SDO types of STIX 2.1 and the properties each requires beyond the common ones. */
  private static final Map<String, List<String>> SDO =
      Map.ofEntries(
          Map.entry("attack-pattern", List.of("name")),
          Map.entry("campaign", List.of("name")),
          Map.entry("course-of-action", List.of("name")),
          Map.entry("grouping", List.of("context", "object_refs")),
          Map.entry("identity", List.of("name")),
          Map.entry("incident", List.of("name")),
          Map.entry("indicator", List.of("pattern", "pattern_type", "valid_from")),
          Map.entry("infrastructure", List.of("name")),
          Map.entry("intrusion-set", List.of("name")),
          Map.entry("location", List.of()),
          Map.entry("malware", List.of("is_family")),
          Map.entry("malware-analysis", List.of("product")),
          Map.entry("note", List.of("content", "object_refs")),
          Map.entry(
              "observed-data",
              List.of("first_observed", "last_observed", "number_observed", "object_refs")),
          Map.entry("opinion", List.of("opinion", "object_refs")),
          Map.entry("report", List.of("name", "published", "object_refs")),
          Map.entry("threat-actor", List.of("name")),
          Map.entry("tool", List.of("name")),
          Map.entry("vulnerability", List.of("name")));

  private static final Map<String, List<String>> SRO =
      Map.of(
          "relationship", List.of("relationship_type", "source_ref", "target_ref"),
          "sighting", List.of("sighting_of_ref"));

  /** Cyber-observable types Bulwark writes and the properties each requires (STIX 2.1 §6). */
  private static final Map<String, List<String>> SCO =
      Map.of(
          "ipv4-addr", List.of("value"),
          "ipv6-addr", List.of("value"),
          "domain-name", List.of("value"),
          "url", List.of("value"),
          "email-addr", List.of("value"),
          "file", List.of());

  private static final Set<String> COMMON =
      Set.of(
          "type",
          "spec_version",
          "id",
          "created_by_ref",
          "created",
          "modified",
          "revoked",
          "labels",
          "confidence",
          "lang",
          "external_references",
          "object_marking_refs",
          "granular_markings",
          "extensions");

  private StixValidator() {}

  /** Every violation found in a bundle, each naming the object; empty when the bundle is valid. */
  public static List<String> validate(JsonNode bundle) {
    List<String> errors = new ArrayList<>();
    if (!"bundle".equals(bundle.path("type").asText())) {
      errors.add("bundle: type must be 'bundle'");
    }
    if (!ID.matcher(bundle.path("id").asText()).matches()
        || !bundle.path("id").asText().startsWith("bundle--")) {
      errors.add("bundle: id must be bundle--<UUID>, got '" + bundle.path("id").asText() + "'");
    }
    if (!bundle.path("objects").isArray()) {
      errors.add("bundle: objects must be a list");
      return errors;
    }
    Set<String> ids = new HashSet<>();
    for (JsonNode o : bundle.path("objects")) {
      ids.add(o.path("id").asText());
    }
    int i = 0;
    for (JsonNode o : bundle.path("objects")) {
      object(o, "objects[" + i++ + "]", ids, errors);
    }
    return errors;
  }

  private static void object(JsonNode o, String at, Set<String> ids, List<String> errors) {
    String type = o.path("type").asText("");
    String id = o.path("id").asText("");
    String where = at + " (" + (id.isEmpty() ? type : id) + ")";
    if (!TYPE.matcher(type).matches()) {
      errors.add(where + ": type '" + type + "' is not a valid STIX type name");
    }
    if (!ID.matcher(id).matches() || !id.startsWith(type + "--")) {
      errors.add(where + ": id must be " + type + "--<RFC 4122 UUID>");
    }
    boolean sdo = SDO.containsKey(type);
    boolean sro = SRO.containsKey(type);
    boolean custom = type.startsWith("x-");
    if (sdo || sro || custom) {
      if (!"2.1".equals(o.path("spec_version").asText())) {
        errors.add(where + ": spec_version must be '2.1'");
      }
      for (String p : List.of("created", "modified")) {
        if (!isTimestamp(o.path(p).asText(""))) {
          errors.add(where + ": " + p + " is required and must be an RFC 3339 UTC timestamp");
        }
      }
      if (isTimestamp(o.path("created").asText(""))
          && isTimestamp(o.path("modified").asText(""))
          && instant(o.path("modified").asText()).isBefore(instant(o.path("created").asText()))) {
        errors.add(where + ": modified is earlier than created");
      }
    }
    if (SCO.containsKey(type) && !"2.1".equals(o.path("spec_version").asText("2.1"))) {
      errors.add(where + ": spec_version must be '2.1'");
    }
    if (type.equals("file") && !o.has("hashes") && !o.hasNonNull("name")) {
      errors.add(where + ": a file needs hashes or a name");
    }
    if (type.equals("indicator")
        && isTimestamp(o.path("valid_from").asText(""))
        && isTimestamp(o.path("valid_until").asText(""))
        && !instant(o.path("valid_until").asText())
            .isAfter(instant(o.path("valid_from").asText()))) {
      errors.add(where + ": valid_until must be later than valid_from");
    }
    if (type.equals("observed-data") && o.has("number_observed")) {
      long n = o.path("number_observed").asLong(0);
      if (n < 1 || n > 999_999_999) {
        errors.add(where + ": number_observed must be between 1 and 999999999");
      }
    }
    for (String[] span :
        new String[][] {{"first_observed", "last_observed"}, {"first_seen", "last_seen"}}) {
      if (isTimestamp(o.path(span[0]).asText(""))
          && isTimestamp(o.path(span[1]).asText(""))
          && instant(o.path(span[1]).asText()).isBefore(instant(o.path(span[0]).asText()))) {
        errors.add(where + ": " + span[1] + " is earlier than " + span[0]);
      }
    }
    List<String> required =
        sdo ? SDO.get(type) : sro ? SRO.get(type) : SCO.getOrDefault(type, List.of());
    for (String p : required) {
      if (!o.hasNonNull(p)) {
        errors.add(where + ": required property '" + p + "' is missing");
      }
    }
    if (type.equals("malware") && o.path("is_family").asBoolean(false) && !o.hasNonNull("name")) {
      errors.add(where + ": a malware family requires a name");
    }
    if (type.equals("report") || type.equals("grouping") || type.equals("note")) {
      if (o.path("object_refs").isArray() && o.path("object_refs").isEmpty()) {
        errors.add(where + ": object_refs must not be empty");
      }
    }
    if (type.equals("relationship")
        && !RELATIONSHIP_TYPE.matcher(o.path("relationship_type").asText("")).matches()) {
      errors.add(where + ": relationship_type must be lower-case words joined by '-'");
    }
    if (type.equals("sighting") && o.has("count")) {
      long n = o.path("count").asLong(-1);
      if (n < 0 || n > 999_999_999) {
        errors.add(where + ": count must be between 0 and 999999999");
      }
    }
    if (type.equals("report") && !isTimestamp(o.path("published").asText(""))) {
      errors.add(where + ": published must be an RFC 3339 UTC timestamp");
    }
    for (JsonNode ref : o.path("external_references")) {
      if (!ref.hasNonNull("source_name")) {
        errors.add(where + ": an external reference lacks source_name");
      }
    }
    for (JsonNode k : o.path("kill_chain_phases")) {
      if (!k.hasNonNull("kill_chain_name") || !k.hasNonNull("phase_name")) {
        errors.add(where + ": a kill chain phase needs kill_chain_name and phase_name");
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = o.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String name = f.getKey();
      JsonNode v = f.getValue();
      if (v.isNull()) {
        errors.add(where + ": property '" + name + "' is null (omit it instead)");
      }
      if (v.isArray() && v.isEmpty()) {
        errors.add(where + ": property '" + name + "' is an empty list (omit it instead)");
      }
      if (!COMMON.contains(name) && !CUSTOM_PROPERTY.matcher(name).matches()) {
        errors.add(where + ": property name '" + name + "' is not allowed");
      }
      if (name.endsWith("_ref") && v.isTextual()) {
        reference(where, name, v.asText(), ids, errors, resolves(type, name));
      } else if (name.endsWith("_refs") && v.isArray()) {
        for (JsonNode r : v) {
          reference(where, name, r.asText(), ids, errors, resolves(type, name));
        }
      }
    }
  }

  /** References that must point inside the bundle for it to stand on its own. */
  private static boolean resolves(String type, String property) {
    return switch (type) {
      case "relationship" -> property.equals("source_ref") || property.equals("target_ref");
      case "sighting" ->
          property.equals("sighting_of_ref")
              || property.equals("where_sighted_refs")
              || property.equals("observed_data_refs");
      case "report", "observed-data" -> property.equals("object_refs");
      default -> false;
    };
  }

  private static void reference(
      String where, String name, String ref, Set<String> ids, List<String> errors, boolean inside) {
    if (!ID.matcher(ref).matches()) {
      errors.add(where + ": " + name + " value '" + ref + "' is not a STIX identifier");
    } else if (inside && !ids.contains(ref)) {
      errors.add(where + ": " + name + " points to " + ref + ", which is not in the bundle");
    }
  }

  private static boolean isTimestamp(String s) {
    if (!TIMESTAMP.matcher(s).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static java.time.Instant instant(String s) {
    return OffsetDateTime.parse(s).toInstant();
  }
}
