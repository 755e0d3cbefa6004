package dev.bulwark.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.bulwark.core.model.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a {@code bulwark.yaml}: what the core reads (paths, fail threshold, analyzers,
 * suppressions) plus one section per capability, which each module reads itself through {@link
 * #section(String)} so that core never needs to know a module's options.
 *
 * <pre>{@code
 * include: ["src/**"]
 * exclude: ["**\/generated/**"]
 * fail-on: high
 * analyzers: { disable: [history] }
 * suppress:
 *   - { rule: generic-password, path: "docs/**", reason: "documentation samples" }
 * secrets:
 *   allowlist: { paths: ["test/fixtures/**"] }
 * }</pre>
 */
public record BulwarkConfig(
    Path file,
    Path baseDir,
    List<String> include,
    List<String> exclude,
    Severity failOn,
    List<String> disabledAnalyzers,
    List<SuppressionRule> suppress,
    JsonNode raw) {

  /** A configured suppression: findings of a rule (or any rule, "*") under a path glob. */
  public record SuppressionRule(String rule, String path, String reason) {
    public SuppressionRule {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException(
            "suppression of rule " + rule + " on " + path + " needs a reason");
      }
    }
  }

  public BulwarkConfig {
    Objects.requireNonNull(baseDir, "baseDir");
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    disabledAnalyzers = List.copyOf(disabledAnalyzers);
    suppress = List.copyOf(suppress);
    raw = raw == null ? MissingNode.getInstance() : raw;
  }

  /** The configuration used when no {@code bulwark.yaml} exists. */
  public static BulwarkConfig empty(Path baseDir) {
    return new BulwarkConfig(
        null, baseDir, List.of(), List.of(), null, List.of(), List.of(), MissingNode.getInstance());
  }

  public Optional<Path> sourceFile() {
    return Optional.ofNullable(file);
  }

  public Optional<Severity> failOnSeverity() {
    return Optional.ofNullable(failOn);
  }

  /** A capability's own section, or a missing node when the file has none. */
  public JsonNode section(String name) {
    return raw.path(name);
  }
}
