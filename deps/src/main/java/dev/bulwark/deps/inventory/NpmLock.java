package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * npm package-lock.json (lockfileVersion 1, 2 and 3) and npm-shrinkwrap.json, read as a stream: one
 * package entry at a time, so a lockfile of any size costs bounded memory.
 */
public final class NpmLock implements ManifestParser.Streaming {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("package-lock.json") || fileName.equals("npm-shrinkwrap.json");
  }

  /** A "packages" entry before it is known whether it is a direct dependency. */
  private record Entry(String path, String name, String version, String scope) {}

  @Override
  public List<Component> parse(
      Path file, String relPath, InputStream in, DiagnosticSink diagnostics)
      throws IOException, ManifestException {
    List<Entry> entries = new ArrayList<>();
    Set<String> direct = new HashSet<>();
    JsonNode v1 = null;
    boolean truncated = false;
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new ManifestException(relPath + ": not a package-lock.json object");
      }
      document:
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("packages") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String path = p.currentName();
            p.nextToken();
            if (entries.size() >= MAX_COMPONENTS) {
              // over the budget: the root entry, which names the direct dependencies, came first;
              // reading the rest of a file of hundreds of megabytes would only be counted away
              truncated = true;
              break document;
            }
            JsonNode pkg = p.readValueAsTree();
            if (pkg == null || !pkg.isObject()) {
              continue;
            }
            if (path.isEmpty()) {
              for (String section :
                  List.of(
                      "dependencies",
                      "devDependencies",
                      "optionalDependencies",
                      "peerDependencies")) {
                pkg.path(section).fieldNames().forEachRemaining(direct::add);
              }
              continue;
            }
            if (pkg.path("link").asBoolean(false)) {
              continue;
            }
            int nm = path.lastIndexOf("node_modules/");
            String name =
                pkg.path("name")
                    .asText(nm >= 0 ? path.substring(nm + "node_modules/".length()) : path);
            String scope = pkg.path("dev").asBoolean(false) ? "dev" : "runtime";
            entries.add(new Entry(path, name, pkg.path("version").asText(""), scope));
          }
        } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT) {
          if (entries.isEmpty()) {
            v1 = p.readValueAsTree(); // lockfileVersion 1: a nested tree, read when needed
          } else {
            p.skipChildren(); // version 2 repeats "packages" here for old npm
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ManifestException(relPath + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    List<Component> out = new ArrayList<>();
    if (!entries.isEmpty()) {
      for (Entry e : entries) {
        boolean isDirect = e.path().equals("node_modules/" + e.name()) && direct.contains(e.name());
        out.add(
            new Component(
                Ecosystem.NPM,
                e.name(),
                e.version(),
                relPath,
                e.scope(),
                isDirect,
                isDirect ? "" : e.path()));
      }
      if (truncated) {
        diagnostics.report(ManifestParser.tooManyComponents(relPath));
      }
      return out;
    }
    if (v1 != null) {
      walkV1(v1, relPath, out, "", true);
    }
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
