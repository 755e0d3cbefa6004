package dev.bulwark.compliance.oscal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OSCAL catalog (or a resolved profile, which is a catalog): its controls flattened in catalog
 * order, enhancements after their parent.
 */
public record Catalog(String title, List<Control> controls) {
  public Catalog {
    controls = List.copyOf(controls);
  }

  public Optional<Control> control(String id) {
    return controls.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public Map<String, Control> byId() {
    Map<String, Control> m = new LinkedHashMap<>();
    controls.forEach(c -> m.put(c.id(), c));
    return m;
  }

  /** Reads an OSCAL catalog in JSON or XML; errors name the file and what is missing. */
  public static Catalog read(Path file) throws InputException {
    if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
      return OscalXml.catalog(file);
    }
    JsonNode root = Oscal.readJson(file);
    JsonNode catalog = root.path("catalog");
    if (catalog.isMissingNode()) {
      throw new InputException(file + ": not an OSCAL catalog (no top-level \"catalog\")");
    }
    List<Control> out = new ArrayList<>();
    for (JsonNode g : catalog.path("groups")) {
      String family = g.path("id").asText("");
      collect(g.path("controls"), family, null, out);
    }
    collect(catalog.path("controls"), "", null, out);
    return new Catalog(
        catalog.path("metadata").path("title").asText(file.getFileName().toString()), out);
  }

  private static void collect(JsonNode controls, String family, String parent, List<Control> out) {
    for (JsonNode c : controls) {
      String id = c.path("id").asText();
      String fam = family.isEmpty() ? id.replaceFirst("-.*", "") : family;
      out.add(new Control(id, c.path("title").asText(""), fam, parent, Map.of()));
      collect(c.path("controls"), fam, id, out);
    }
  }

  /** Shared JSON reading for OSCAL documents. */
  static final class Oscal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Oscal() {}

    static JsonNode readJson(Path file) throws InputException {
      try {
        if (Files.size(file) > 64L * 1024 * 1024) {
          throw new InputException(file + ": larger than 64 MiB");
        }
        return JSON.readTree(file.toFile());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new InputException(
            file
                + ":"
                + e.getLocation().getLineNr()
                + ": not valid JSON: "
                + e.getOriginalMessage(),
            e);
      } catch (IOException e) {
        throw new InputException(file + ": unreadable: " + e.getMessage(), e);
      }
    }
  }
}
