package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * yarn.lock: the classic v1 format (blocks of {@code "name@range", ...:} with an indented {@code
 * version}) and the berry format (YAML with {@code __metadata}, keys such as {@code
 * name@npm:^1.0.0}).
 */
public final class YarnLock implements ManifestParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("yarn.lock");
  }

  @Override
  public List<Component> parse(Path file, String relPath, byte[] content)
      throws IOException, ManifestException {
    String text = new String(content, StandardCharsets.UTF_8);
    Map<String, String> found = new LinkedHashMap<>();
    if (text.contains("__metadata:")) {
      JsonNode root = YAML.readTree(text);
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        if (e.getKey().equals("__metadata")
            || e.getValue().path("linkType").asText("").equals("soft")) {
          continue;
        }
        String first = e.getKey().split(",")[0].strip();
        String name = nameOf(first);
        if (name != null && !first.contains("@workspace:")) {
          found.put(name + "@" + e.getValue().path("version").asText(), name);
        }
      }
    } else {
      String current = null;
      for (String line : text.split("\n")) {
        if (!line.startsWith(" ") && !line.startsWith("#") && line.endsWith(":")) {
          current =
              nameOf(line.substring(0, line.length() - 1).split(",")[0].strip().replace("\"", ""));
        } else if (current != null && line.startsWith("  version ")) {
          String v = line.substring("  version ".length()).strip().replace("\"", "");
          found.put(current + "@" + v, current);
          current = null;
        }
      }
    }
    List<Component> out = new ArrayList<>();
    for (Map.Entry<String, String> e : found.entrySet()) {
      String version = e.getKey().substring(e.getValue().length() + 1);
      out.add(new Component(Ecosystem.NPM, e.getValue(), version, relPath, "runtime", false, ""));
    }
    return out;
  }

  /** "@scope/name@^1.0.0" or "name@npm:^1.0" → the package name. */
  private static String nameOf(String spec) {
    String s = spec.replace("\"", "");
    int at = s.indexOf('@', s.startsWith("@") ? 1 : 0);
    return at > 0 ? s.substring(0, at) : null;
  }
}
