package dev.bulwark.compliance.oscal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.errors.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OSCAL profile: which catalogs it imports and which of their controls ({@code include-all},
 * {@code include-controls}/{@code exclude-controls} by id), and the parameter values its {@code
 * modify/set-parameters} give. {@code hrefs} of imports are resolved through the back-matter.
 */
public record Profile(
    Path file, String title, List<Import> imports, Map<String, String> parameters) {
  public Profile {
    imports = List.copyOf(imports);
    parameters = Map.copyOf(parameters);
  }

  /** One import: the catalog it names and the selection from it. */
  public record Import(
      String href,
      List<String> catalogLinks,
      boolean includeAll,
      List<String> include,
      List<String> exclude) {
    public Import {
      catalogLinks = List.copyOf(catalogLinks);
      include = List.copyOf(include);
      exclude = List.copyOf(exclude);
    }
  }

  public static Profile read(Path file) throws InputException {
    if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
      return OscalXml.profile(file);
    }
    JsonNode root = Catalog.Oscal.readJson(file);
    JsonNode p = root.path("profile");
    if (p.isMissingNode()) {
      throw new InputException(file + ": not an OSCAL profile (no top-level \"profile\")");
    }
    Map<String, List<String>> resources = new LinkedHashMap<>();
    for (JsonNode r : p.path("back-matter").path("resources")) {
      List<String> links = new ArrayList<>();
      for (JsonNode l : r.path("rlinks")) {
        links.add(l.path("href").asText());
      }
      resources.put(r.path("uuid").asText(), links);
    }
    List<Import> imports = new ArrayList<>();
    for (JsonNode imp : p.path("imports")) {
      String href = imp.path("href").asText("");
      if (href.isEmpty()) {
        throw new InputException(file + ": an import has no href");
      }
      List<String> links =
          href.startsWith("#")
              ? resources.getOrDefault(href.substring(1), List.of())
              : List.of(href);
      List<String> include = ids(imp.path("include-controls"));
      List<String> exclude = ids(imp.path("exclude-controls"));
      boolean all = imp.has("include-all");
      if (!all && include.isEmpty()) {
        throw new InputException(file + ": import " + href + " selects no controls");
      }
      imports.add(new Import(href, links, all, include, exclude));
    }
    if (imports.isEmpty()) {
      throw new InputException(file + ": a profile needs at least one import");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (JsonNode sp : p.path("modify").path("set-parameters")) {
      List<String> values = new ArrayList<>();
      sp.path("values").forEach(v -> values.add(v.asText()));
      if (!values.isEmpty()) {
        params.put(sp.path("param-id").asText(), String.join(", ", values));
      }
    }
    return new Profile(file, p.path("metadata").path("title").asText(""), imports, params);
  }

  private static List<String> ids(JsonNode selections) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : selections) {
      s.path("with-ids").forEach(id -> out.add(id.asText()));
    }
    return out;
  }
}
