package dev.bulwark.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The line of every key of a YAML file, by dotted path ({@code secrets.allowlist.paths}, list items
 * as {@code suppress[0].rule}), so that errors found in the parsed tree can name the line.
 */
final class KeyLines {
  private static final YAMLFactory YAML = new YAMLFactory();
  private final Map<String, Integer> lines;

  private KeyLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /** The keys' lines; an unreadable file has none (its parse error is reported elsewhere). */
  static KeyLines of(Path file) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = YAML.createParser(file.toFile())) {
      walk(p, p.nextToken(), "", lines);
    } catch (IOException | RuntimeException e) {
      // a file that does not parse fails with its own message when it is loaded
    }
    return new KeyLines(lines);
  }

  OptionalInt line(String path) {
    Integer n = lines.get(path);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }

  private static void walk(JsonParser p, JsonToken t, String prefix, Map<String, Integer> lines)
      throws IOException {
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = prefix.isEmpty() ? p.currentName() : prefix + "." + p.currentName();
        lines.putIfAbsent(key, p.currentTokenLocation().getLineNr());
        walk(p, p.nextToken(), key, lines);
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY && n != null; n = p.nextToken()) {
        walk(p, n, prefix + "[" + i++ + "]", lines);
      }
    }
  }
}
