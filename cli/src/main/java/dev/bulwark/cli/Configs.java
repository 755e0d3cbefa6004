package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.errors.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Finds and loads bulwark.yaml for a command; warnings go to stderr. */
final class Configs {
  private Configs() {}

  static BulwarkConfig load(Path explicit, Path scanned) throws InputException {
    return load(explicit, scanned, Configs::warn);
  }

  /** As {@link #load(Path, Path)}, each warning given to {@code warnings}. */
  static BulwarkConfig load(Path explicit, Path scanned, Consumer<String> warnings)
      throws InputException {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit)) {
        throw new InputException(explicit + ": configuration file not found");
      }
      return ConfigLoader.load(explicit, BuiltInAnalyzers.configSections(), warnings);
    }
    if (!Files.exists(scanned)) {
      throw new InputException(scanned + ": no such file or directory");
    }
    Optional<Path> found = ConfigLoader.discover(scanned, warnings);
    if (found.isPresent()) {
      return ConfigLoader.load(found.get(), BuiltInAnalyzers.configSections(), warnings);
    }
    Path base = Files.isDirectory(scanned) ? scanned : scanned.toAbsolutePath().getParent();
    return BulwarkConfig.empty(base.toAbsolutePath());
  }

  /**
   * Settings that decide where data and credentials go. A bulwark.yaml found inside the scanned
   * tree is written by whoever wrote the tree, so it may not choose them: an {@code llm.endpoint}
   * of its choosing would receive the user's API key and code, and an {@code api-key-file} of its
   * choosing would send any local file as a bearer token.
   */
  static final List<String> LLM_TRUSTED_ONLY = List.of("provider", "endpoint", "api-key-file");

  /**
   * The {@code llm:} section a command may use. The user's own configuration ({@code
   * $XDG_CONFIG_HOME/bulwark/config.yaml}, else {@code ~/.config/bulwark/config.yaml}) and a file
   * named with {@code --config} are trusted whole; from a bulwark.yaml discovered in the scanned
   * tree only the model and its tuning are taken, and the keys above are dropped with a warning.
   * The environment still overrides everything (see LlmSettings).
   *
   * @return the merged section and the directory that a relative {@code api-key-file} is read from
   */
  static LlmSection llmSection(Path explicit, BulwarkConfig cfg, Map<String, String> env)
      throws InputException {
    return llmSection(explicit, cfg, env, Configs::warn);
  }

  record LlmSection(JsonNode section, Path baseDir) {}

  static LlmSection llmSection(
      Path explicit, BulwarkConfig cfg, Map<String, String> env, Consumer<String> warnings)
      throws InputException {
    if (explicit != null) {
      return new LlmSection(cfg.section("llm"), cfg.baseDir());
    }
    ObjectNode merged = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    JsonNode repo = cfg.section("llm");
    if (repo.isObject()) {
      for (Map.Entry<String, JsonNode> e : repo.properties()) {
        if (LLM_TRUSTED_ONLY.contains(e.getKey())) {
          warnings.accept(
              cfg.sourceFile().map(Path::toString).orElse(ConfigLoader.FILE_NAME)
                  + ": llm."
                  + e.getKey()
                  + " ignored: a bulwark.yaml inside the scanned tree cannot choose where the"
                  + " model, your code and your API key go; set it in "
                  + userConfig(env)
                  + ", pass --config, or set BULWARK_LLM_"
                  + e.getKey().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } else {
          merged.set(e.getKey(), e.getValue());
        }
      }
    }
    Path user = userConfig(env);
    Path base = cfg.baseDir();
    if (Files.isRegularFile(user)) {
      BulwarkConfig userCfg = ConfigLoader.load(user, BuiltInAnalyzers.configSections(), warnings);
      JsonNode own = userCfg.section("llm");
      if (own.isObject()) {
        // the user's own settings win over the repository's model choice
        for (Map.Entry<String, JsonNode> e : own.properties()) {
          merged.set(e.getKey(), e.getValue());
        }
        base = userCfg.baseDir();
      }
    }
    return new LlmSection(merged, base);
  }

  /** The user's own configuration file, outside any repository. */
  static Path userConfig(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path dir =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return dir.resolve("bulwark").resolve("config.yaml");
  }

  private static void warn(String message) {
    System.err.println("bulwark: warning: " + message);
  }
}
