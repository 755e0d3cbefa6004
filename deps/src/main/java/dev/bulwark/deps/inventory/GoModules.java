package dev.bulwark.deps.inventory;

import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** go.mod (require blocks, direct unless marked indirect) and go.sum (every module version). */
public final class GoModules implements ManifestParser {
  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("go.mod") || fileName.equals("go.sum");
  }

  @Override
  public List<Component> parse(Path file, String relPath, byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    List<Component> out = new ArrayList<>();
    if (file.getFileName().toString().equals("go.sum")) {
      Map<String, String> seen = new LinkedHashMap<>();
      for (String line : text.split("\\R")) {
        String[] f = line.strip().split("\\s+");
        if (f.length >= 2 && !f[1].endsWith("/go.mod")) {
          seen.put(f[0] + "@" + f[1], f[0]);
        }
      }
      seen.forEach((k, mod) ->
          out.add(
              new Component(
                  Ecosystem.GO,
                  mod,
                  k.substring(mod.length() + 1),
                  relPath,
                  "runtime",
                  false,
                  "")));
      return out;
    }
    boolean block = false;
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.startsWith("require (")) {
        block = true;
        continue;
      }
      if (block && line.equals(")")) {
        block = false;
        continue;
      }
      String spec =
          block
              ? line
              : line.startsWith("require ") ? line.substring("require ".length()).strip() : null;
      if (spec == null || spec.isEmpty() || spec.startsWith("//")) {
        continue;
      }
      boolean indirect = spec.contains("// indirect");
      String[] f = spec.split("\\s+");
      if (f.length >= 2) {
        out.add(new Component(Ecosystem.GO, f[0], f[1], relPath, "runtime", !indirect, ""));
      }
    }
    return out;
  }
}
