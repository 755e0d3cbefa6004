package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** npm package-lock.json (lockfileVersion 1, 2 and 3) and npm-shrinkwrap.json. */
public final class NpmLock implements ManifestParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("package-lock.json") || fileName.equals("npm-shrinkwrap.json");
  }

  @Override
  public List<Component> parse(Path file, String relPath, byte[] content)
      throws IOException, ManifestException {
    JsonNode root = JSON.readTree(content);
    if (root == null || !root.isObject()) {
      throw new ManifestException(relPath + ": not a package-lock.json object");
    }
    List<Component> out = new ArrayList<>();
    JsonNode packages = root.path("packages");
    if (packages.isObject() && packages.size() > 0) {
      Set<String> direct = new HashSet<>();
      JsonNode self = packages.path("");
      for (String section :
          List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")) {
        self.path(section).fieldNames().forEachRemaining(direct::add);
      }
      for (Map.Entry<String, JsonNode> e : packages.properties()) {
        String path = e.getKey();
        if (path.isEmpty() || e.getValue().path("link").asBoolean(false)) {
          continue;
        }
        int nm = path.lastIndexOf("node_modules/");
        String name =
            e.getValue()
                .path("name")
                .asText(nm >= 0 ? path.substring(nm + "node_modules/".length()) : path);
        boolean isDirect = path.equals("node_modules/" + name) && direct.contains(name);
        String scope = e.getValue().path("dev").asBoolean(false) ? "dev" : "runtime";
        out.add(
            new Component(
                Ecosystem.NPM,
                name,
                e.getValue().path("version").asText(""),
                relPath,
                scope,
                isDirect,
                isDirect ? "" : path));
      }
      return out;
    }
    walkV1(root.path("dependencies"), relPath, out, "", true);
    return out;
  }

  private static void walkV1(
      JsonNode deps, String relPath, List<Component> out, String via, boolean top) {
    for (Map.Entry<String, JsonNode> e : deps.properties()) {
      JsonNode d = e.getValue();
      String scope = d.path("dev").asBoolean(false) ? "dev" : "runtime";
      boolean direct = top && !d.path("requires").isMissingNode() || top;
      out.add(
          new Component(
              Ecosystem.NPM,
              e.getKey(),
              d.path("version").asText(""),
              relPath,
              scope,
              direct && via.isEmpty(),
              via));
      walkV1(
          d.path("dependencies"),
          relPath,
          out,
          via.isEmpty() ? e.getKey() : via + " > " + e.getKey(),
          false);
    }
  }
}
