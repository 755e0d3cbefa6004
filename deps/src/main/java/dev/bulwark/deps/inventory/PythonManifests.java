package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python: requirements*.txt (pinned {@code ==} requirements; unpinned ones are listed without a
 * version, which no advisory can match), Pipfile.lock, poetry.lock and uv.lock.
 */
public final class PythonManifests implements ManifestParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TomlMapper TOML = new TomlMapper();
  private static final Pattern REQUIREMENT =
      Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)(\\[[^]]*])?\\s*(?:===?\\s*([^\\s;#,]+))?");

  @Override
  public boolean accepts(String fileName) {
    return fileName.matches("requirements.*\\.txt")
        || fileName.equals("Pipfile.lock")
        || fileName.equals("poetry.lock")
        || fileName.equals("uv.lock");
  }

  @Override
  public List<Component> parse(Path file, String relPath, byte[] content)
      throws IOException, ManifestException {
    String name = file.getFileName().toString();
    List<Component> out = new ArrayList<>();
    if (name.equals("Pipfile.lock")) {
      JsonNode root = JSON.readTree(content);
      for (String section : List.of("default", "develop")) {
        for (Map.Entry<String, JsonNode> e : root.path(section).properties()) {
          String v = e.getValue().path("version").asText("").replaceFirst("^==", "");
          out.add(
              new Component(
                  Ecosystem.PYPI,
                  e.getKey(),
                  v,
                  relPath,
                  section.equals("develop") ? "dev" : "runtime",
                  true,
                  ""));
        }
      }
      return out;
    }
    if (name.endsWith(".lock")) {
      JsonNode root = TOML.readTree(content);
      for (JsonNode p : root.path("package")) {
        if (p.path("source").path("virtual").isTextual()
            || p.path("source").path("editable").isTextual()) {
          continue; // the project itself
        }
        String scope = p.path("category").asText("main").equals("dev") ? "dev" : "runtime";
        out.add(
            new Component(
                Ecosystem.PYPI,
                p.path("name").asText(),
                p.path("version").asText(""),
                relPath,
                scope,
                false,
                ""));
      }
      return out;
    }
    for (String raw : new String(content, StandardCharsets.UTF_8).split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("-") || line.contains("://")) {
        continue;
      }
      Matcher m = REQUIREMENT.matcher(line);
      if (m.find()) {
        out.add(
            new Component(
                Ecosystem.PYPI,
                m.group(1),
                m.group(3) == null ? "" : m.group(3),
                relPath,
                "runtime",
                true,
                ""));
      }
    }
    return out;
  }
}
