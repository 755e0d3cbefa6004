package dev.bulwark.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds and reads {@code bulwark.yaml}. Discovery walks up from the scanned path and stops at the
 * first directory holding a {@code .git} entry, so that a scan inside one repository never picks up
 * a configuration from outside it.
 */
public final class ConfigLoader {
  public static final String FILE_NAME = "bulwark.yaml";
  private static final Set<String> CORE_KEYS =
      Set.of("include", "exclude", "fail-on", "analyzers", "suppress");

  /** Made on first use: most commands run where there is no bulwark.yaml to read. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
  }

  private ConfigLoader() {}

  /** The nearest {@code bulwark.yaml} at or above {@code start}, if any. */
  public static Optional<Path> discover(Path start) {
    return discover(start, w -> {});
  }

  /**
   * The nearest {@code bulwark.yaml} at or above {@code start}, if any. One that is a symbolic link
   * out of its directory, or not a regular file, is passed over with a warning: a configuration
   * found in a scanned tree belongs to that tree.
   */
  public static Optional<Path> discover(Path start, Consumer<String> warnings) {
    Path dir = start.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      dir = dir.getParent();
    }
    while (dir != null) {
      Path candidate = dir.resolve(FILE_NAME);
      if (Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Optional<String> refused = dev.bulwark.core.files.Roots.of(dir).refusal(candidate);
        if (refused.isEmpty()) {
          return Optional.of(candidate);
        }
        warnings.accept(candidate + " " + refused.get() + "; ignored");
      }
      if (Files.exists(dir.resolve(".git"))) {
        return Optional.empty();
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }

  /** The keys of the core's own settings: paths, threshold, analyzers and suppressions. */
  private static final Map<String, ConfigShape> CORE_SHAPES =
      Map.of(
          "include", ConfigShape.value(),
          "exclude", ConfigShape.value(),
          "fail-on", ConfigShape.value(),
          "analyzers", ConfigShape.keys("disable"),
          "suppress", ConfigShape.listOf(ConfigShape.keys("rule", "path", "reason")));

  /**
   * Loads a configuration file whose sections have declared keys. An unknown top-level key is
   * reported through {@code warnings}, so that newer files work with older builds; an unknown key
   * inside a section Bulwark reads is an error naming the file and line, since a misspelt setting
   * would otherwise be ignored without a word.
   */
  public static BulwarkConfig load(
      Path file, Map<String, ConfigShape> sections, Consumer<String> warnings)
      throws InputException {
    JsonNode root = readTree(file);
    if (root != null && root.isObject()) {
      checkKeys(file, root, sections);
    }
    return build(file, root, sections.keySet(), warnings);
  }

  private static void checkKeys(Path file, JsonNode root, Map<String, ConfigShape> sections)
      throws InputException {
    Map<String, ConfigShape> all = new java.util.HashMap<>(sections);
    all.putAll(CORE_SHAPES);
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      ConfigShape shape = all.get(key);
      var unknown =
          shape == null
              ? java.util.Optional.<ConfigShape.Unknown>empty()
              : shape.firstUnknown(root.get(key), key);
      if (unknown.isPresent()) {
        ConfigShape.Unknown u = unknown.get();
        var line = KeyLines.of(file).line(u.path());
        throw new InputException(
            file
                + (line.isPresent() ? ":" + line.getAsInt() : "")
                + ": unknown key '"
                + u.path()
                + "'"
                + (u.expected().isEmpty()
                    ? ""
                    : " (expected " + String.join(", ", u.expected()) + ")"));
      }
    }
  }

  /**
   * Loads a configuration file. Unknown top-level keys that are not a capability's section are
   * reported through {@code warnings}, not rejected, so that newer files work with older builds.
   * The sections' own keys are not checked; {@link #load(Path, Map, Consumer)} checks them.
   */
  public static BulwarkConfig load(Path file, Set<String> knownSections, Consumer<String> warnings)
      throws InputException {
    return build(file, readTree(file), knownSections, warnings);
  }

  private static JsonNode readTree(Path file) throws InputException {
    try {
      return Yaml.MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new InputException(file + ": invalid YAML" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static BulwarkConfig build(
      Path file, JsonNode root, Set<String> knownSections, Consumer<String> warnings)
      throws InputException {
    if (root == null || root.isMissingNode() || root.isNull()) {
      return BulwarkConfig.empty(file.getParent());
    }
    if (!root.isObject()) {
      throw new InputException(file + ": expected a mapping at the top level");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!CORE_KEYS.contains(key) && !knownSections.contains(key)) {
        warnings.accept(file + ": unknown key '" + key + "' ignored");
      }
    }
    try {
      Severity failOn =
          root.hasNonNull("fail-on") ? Severity.parse(root.get("fail-on").asText()) : null;
      List<BulwarkConfig.SuppressionRule> suppress = new ArrayList<>();
      JsonNode suppressions = root.path("suppress");
      if (!suppressions.isMissingNode() && !suppressions.isNull() && !suppressions.isArray()) {
        throw new InputException(file + ": 'suppress' must be a list of {rule, path, reason}");
      }
      for (JsonNode s : suppressions) {
        // a bare word would otherwise become rule "*" on path "**" and hide every finding
        if (!s.isObject()) {
          throw new InputException(
              file + ": every item of 'suppress' must be a mapping of rule, path and reason");
        }
        suppress.add(
            new BulwarkConfig.SuppressionRule(
                s.path("rule").asText("*"),
                s.path("path").asText("**"),
                s.path("reason").asText()));
      }
      return new BulwarkConfig(
          file,
          file.toAbsolutePath().getParent(),
          strings(root.path("include"), file, "include"),
          strings(root.path("exclude"), file, "exclude"),
          failOn,
          strings(root.path("analyzers").path("disable"), file, "analyzers.disable"),
          suppress,
          root);
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a list of strings, also accepting a single string. */
  public static List<String> strings(JsonNode node, Path file, String key) throws InputException {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (!node.isArray()) {
      throw new InputException(file + ": '" + key + "' must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isValueNode()) {
        throw new InputException(file + ": '" + key + "' must be a list of strings");
      }
      out.add(n.asText());
    }
    return out;
  }

  /**
   * The shared mapper for module sections: {@code mapper().treeToValue(section, MyConfig.class)}.
   */
  public static ObjectMapper mapper() {
    return Yaml.MAPPER;
  }
}
