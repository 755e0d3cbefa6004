package dev.bulwark.deps.osv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads OSV advisories from JSON or YAML text, failing with the file and the problem. */
public final class OsvReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private OsvReader() {}

  public static Advisory read(String name, byte[] bytes) throws InputException {
    JsonNode root;
    try {
      root =
          name.endsWith(".yaml") || name.endsWith(".yml")
              ? YAML.readTree(bytes)
              : JSON.readTree(bytes);
    } catch (IOException e) {
      throw new InputException(
          name + ": not valid " + (name.endsWith(".json") ? "JSON" : "OSV") + ": " + e.getMessage(),
          e);
    }
    return from(name, root);
  }

  public static Advisory from(String name, JsonNode root) throws InputException {
    if (root == null || !root.isObject() || !root.path("id").isTextual()) {
      throw new InputException(name + ": not an OSV advisory (no \"id\")");
    }
    List<Advisory.Severity> severity = new ArrayList<>();
    for (JsonNode s : root.path("severity")) {
      severity.add(new Advisory.Severity(s.path("type").asText(), s.path("score").asText()));
    }
    List<Advisory.Affected> affected = new ArrayList<>();
    for (JsonNode a : root.path("affected")) {
      List<Advisory.Range> ranges = new ArrayList<>();
      for (JsonNode r : a.path("ranges")) {
        List<Advisory.Event> events = new ArrayList<>();
        for (JsonNode e : r.path("events")) {
          e.fieldNames()
              .forEachRemaining(k -> events.add(new Advisory.Event(k, e.path(k).asText())));
        }
        ranges.add(new Advisory.Range(r.path("type").asText(), events));
      }
      List<String> versions = texts(a.path("versions"));
      List<String> functions =
          new ArrayList<>(texts(a.path("ecosystem_specific").path("affected_functions")));
      for (JsonNode imp : a.path("ecosystem_specific").path("imports")) {
        functions.addAll(
            texts(imp.path("symbols")).stream()
                .map(sym -> imp.path("path").asText() + "." + sym)
                .toList());
      }
      // a per-package severity (GHSA puts it here sometimes)
      for (JsonNode s : a.path("severity")) {
        severity.add(new Advisory.Severity(s.path("type").asText(), s.path("score").asText()));
      }
      affected.add(
          new Advisory.Affected(
              a.path("package").path("ecosystem").asText(),
              a.path("package").path("name").asText(),
              ranges,
              versions,
              functions));
    }
    List<String> refs = new ArrayList<>();
    for (JsonNode r : root.path("references")) {
      refs.add(r.path("url").asText());
    }
    JsonNode db = root.path("database_specific");
    return new Advisory(
        root.path("id").asText(),
        root.path("modified").asText(""),
        root.path("published").asText(""),
        root.path("withdrawn").asText(null),
        texts(root.path("aliases")),
        root.path("summary").asText(root.path("details").asText("").lines().findFirst().orElse("")),
        severity,
        affected,
        texts(db.path("cwe_ids")),
        db.path("severity").asText(null),
        refs);
  }

  private static List<String> texts(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }
}
