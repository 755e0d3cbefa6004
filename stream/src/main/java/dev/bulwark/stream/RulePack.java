package dev.bulwark.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.hunt.Hunter;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The rules a job runs, as a message on the rules topic: a version and the YAML of every rule
 * (documents separated by {@code ---}), or no YAML for Bulwark's built-in pack. A newer version on
 * the topic replaces the rules of every task without a restart.
 */
public record RulePack(long version, String yaml, Severity minLevel) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Compiled packs, shared by the tasks of one JVM (the hunter is thread-safe). */
  private static final Map<String, Engine> COMPILED = new ConcurrentHashMap<>();

  /** Bulwark's built-in rule pack. */
  public static RulePack builtIn(Severity minLevel) {
    return new RulePack(0, null, minLevel);
  }

  /** Every .yml/.yaml file under {@code paths}, as one pack. */
  public static RulePack of(long version, List<Path> paths, Severity minLevel) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Path p : paths) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(p)) {
        files =
            s.filter(Files::isRegularFile)
                .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                .sorted()
                .toList();
      }
      for (Path f : files) {
        b.append("---\n").append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return new RulePack(version, b.toString(), minLevel);
  }

  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("version", version);
    o.put("yaml", yaml);
    o.put("minLevel", minLevel.name());
    return o.toString();
  }

  public static RulePack fromJson(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      JsonNode yaml = n.get("yaml");
      JsonNode level = n.get("minLevel");
      return new RulePack(
          n.path("version").asLong(),
          yaml == null || yaml.isNull() ? null : yaml.asText(),
          level == null ? Severity.INFO : Severity.valueOf(level.asText()));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a rule pack: " + e.getMessage(), e);
    }
  }

  /** The pack compiled, once per JVM. */
  public Engine engine() {
    return COMPILED.computeIfAbsent(toJson(), k -> compile());
  }

  private Engine compile() {
    Logsources logsources = Logsources.builtIn();
    RuleSet rules =
        yaml == null
            ? RuleSet.builtIn(Map.of(), logsources)
            : RuleSet.parse("rules-topic.yml", yaml, Map.of(), logsources);
    return new Engine(
        new Hunter(rules, logsources, new Hunter.Options(minLevel, null, null, Integer.MAX_VALUE)),
        rules.rules(),
        minLevel);
  }
}
