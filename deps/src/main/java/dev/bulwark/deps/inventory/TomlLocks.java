package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Cargo.lock: every {@code [[package]]} from a registry (path and git packages are local). */
public final class TomlLocks implements ManifestParser {
  private static final TomlMapper TOML = new TomlMapper();

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("Cargo.lock");
  }

  @Override
  public List<Component> parse(Path file, String relPath, byte[] content) throws IOException {
    JsonNode root = TOML.readTree(content);
    List<Component> out = new ArrayList<>();
    for (JsonNode p : root.path("package")) {
      String source = p.path("source").asText("");
      if (!source.startsWith("registry+")) {
        continue;
      }
      out.add(
          new Component(
              Ecosystem.CARGO,
              p.path("name").asText(),
              p.path("version").asText(""),
              relPath,
              "runtime",
              false,
              ""));
    }
    return out;
  }
}
