package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pnpm-lock.yaml, lockfile versions 5 to 9: package keys {@code /name/1.0.0}, {@code /name@1.0.0}
 * or {@code name@1.0.0}.
 */
public final class PnpmLock implements ManifestParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("pnpm-lock.yaml");
  }

  @Override
  public List<Component> parse(Path file, String relPath, byte[] content)
      throws IOException, ManifestException {
    JsonNode root = YAML.readTree(content);
    List<Component> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.path("packages").properties()) {
      String key = e.getKey();
      if (key.startsWith("/")) {
        key = key.substring(1);
      }
      int paren = key.indexOf('(');
      if (paren > 0) {
        key = key.substring(0, paren); // peer-dependency suffix
      }
      String name;
      String version;
      int at = key.indexOf('@', key.startsWith("@") ? 1 : 0);
      if (at > 0) {
        name = key.substring(0, at);
        version = key.substring(at + 1);
      } else {
        int slash = key.lastIndexOf('/');
        if (slash <= 0) {
          continue;
        }
        name = key.substring(0, slash);
        version = key.substring(slash + 1);
      }
      String scope = e.getValue().path("dev").asBoolean(false) ? "dev" : "runtime";
      out.add(new Component(Ecosystem.NPM, name, version.split("_")[0], relPath, scope, false, ""));
    }
    return out;
  }
}
