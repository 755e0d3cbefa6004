package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** composer.lock (packages and packages-dev) and Gemfile.lock (the GEM specs section). */
public final class PhpRubyLocks implements ManifestParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GEM = Pattern.compile("^    ([A-Za-z0-9._-]+) \\(([^)]+)\\)$");

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("composer.lock")
        || fileName.equals("Gemfile.lock")
        || fileName.equals("gems.locked");
  }

  @Override
  public List<Component> parse(Path file, String relPath, byte[] content) throws IOException {
    List<Component> out = new ArrayList<>();
    if (file.getFileName().toString().equals("composer.lock")) {
      JsonNode root = JSON.readTree(content);
      for (String section : List.of("packages", "packages-dev")) {
        for (JsonNode p : root.path(section)) {
          out.add(
              new Component(
                  Ecosystem.PACKAGIST,
                  p.path("name").asText(),
                  p.path("version").asText("").replaceFirst("^v", ""),
                  relPath,
                  section.equals("packages-dev") ? "dev" : "runtime",
                  false,
                  ""));
        }
      }
      return out;
    }
    boolean specs = false;
    for (String line : new String(content, StandardCharsets.UTF_8).split("\\R")) {
      if (line.equals("GEM")) {
        specs = false;
      }
      if (line.equals("  specs:")) {
        specs = true;
        continue;
      }
      if (!line.startsWith(" ")) {
        specs = line.equals("GEM") ? specs : false;
      }
      Matcher m = GEM.matcher(line);
      if (specs && m.matches()) {
        String version = m.group(2).split("-")[0];
        out.add(
            new Component(Ecosystem.RUBYGEMS, m.group(1), version, relPath, "runtime", false, ""));
      }
    }
    return out;
  }
}
