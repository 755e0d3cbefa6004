package dev.bulwark.deps.inventory;

import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradle dependency locking: gradle.lockfile lines {@code group:artifact:version=configurations}.
 */
public final class GradleLock implements ManifestParser {
  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("gradle.lockfile")
        || fileName.endsWith(".lockfile") && fileName.contains("gradle");
  }

  @Override
  public List<Component> parse(Path file, String relPath, byte[] content) {
    List<Component> out = new ArrayList<>();
    for (String raw : new String(content, StandardCharsets.UTF_8).split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("empty=")) {
        continue;
      }
      int eq = line.indexOf('=');
      String coords = eq > 0 ? line.substring(0, eq) : line;
      String configs = eq > 0 ? line.substring(eq + 1) : "";
      String[] f = coords.split(":");
      if (f.length == 3) {
        String scope =
            configs.contains("runtimeClasspath") || configs.contains("compileClasspath")
                ? "runtime"
                : "test";
        out.add(new Component(Ecosystem.MAVEN, f[0] + ":" + f[1], f[2], relPath, scope, false, ""));
      }
    }
    return out;
  }
}
