package dev.bulwark.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.secrets.engine.Allowlist;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code secrets:} section of {@code bulwark.yaml}.
 *
 * <pre>{@code
 * secrets:
 *   disable: [generic-password]          # rule ids to switch off
 *   rules: [security/secret-rules]       # directories of extra YAML packs
 *   test-paths: lower                    # lower (default) | keep | ignore
 *   report-filtered: false               # true: also report what the entropy, placeholder,
 *                                        # allowlist and validator checks reject (for labelling)
 *   allowlist:
 *     paths: ["docs/samples/**"]
 *     values: ["sha256:3f2a…"]           # exact values or their SHA-256
 *     regexes: ["^AKIA.*TESTING$"]
 *     stopwords: ["sandbox"]
 * }</pre>
 */
public record SecretsConfig(
    Set<String> disabled,
    List<Path> ruleDirs,
    List<String> allowPaths,
    Allowlist allowlist,
    TestPathPolicy testPaths,
    boolean reportFiltered) {

  /** The keys the {@code secrets:} section may hold. */
  public static final ConfigShape KEYS =
      ConfigShape.keys("disable", "rules", "test-paths", "report-filtered")
          .with("allowlist", ConfigShape.keys("paths", "values", "regexes", "stopwords"));

  /** What to do with findings under test directories and in test files. */
  public enum TestPathPolicy {
    /** Report them with low confidence. */
    LOWER,
    /** Report them like any other. */
    KEEP,
    /** Do not report them. */
    IGNORE
  }

  public static SecretsConfig from(BulwarkConfig config) throws InputException {
    JsonNode s = config.section("secrets");
    Path file = config.sourceFile().orElse(Path.of(ConfigLoader.FILE_NAME));
    Set<String> disabled =
        new HashSet<>(ConfigLoader.strings(s.path("disable"), file, "secrets.disable"));
    List<Path> dirs = new ArrayList<>();
    for (String d : ConfigLoader.strings(s.path("rules"), file, "secrets.rules")) {
      dirs.add(config.baseDir().resolve(d).normalize());
    }
    JsonNode a = s.path("allowlist");
    Set<String> values = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (String v : ConfigLoader.strings(a.path("values"), file, "secrets.allowlist.values")) {
      if (v.startsWith("sha256:")) {
        hashes.add(v.substring(7).toLowerCase(Locale.ROOT));
      } else {
        values.add(v);
      }
    }
    List<Pattern> patterns = new ArrayList<>();
    for (String r : ConfigLoader.strings(a.path("regexes"), file, "secrets.allowlist.regexes")) {
      try {
        patterns.add(Pattern.compile(r));
      } catch (PatternSyntaxException e) {
        throw new InputException(
            file + ": secrets.allowlist.regexes: invalid pattern '" + r + "': " + e.getMessage(),
            e);
      }
    }
    TestPathPolicy policy;
    try {
      policy =
          TestPathPolicy.valueOf(s.path("test-paths").asText("lower").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": secrets.test-paths must be lower, keep or ignore", e);
    }
    return new SecretsConfig(
        disabled,
        dirs,
        ConfigLoader.strings(a.path("paths"), file, "secrets.allowlist.paths"),
        new Allowlist(
            values,
            hashes,
            patterns,
            ConfigLoader.strings(a.path("stopwords"), file, "secrets.allowlist.stopwords")),
        policy,
        s.path("report-filtered").asBoolean(false));
  }

  public static SecretsConfig defaults() {
    return new SecretsConfig(
        Set.of(), List.of(), List.of(), Allowlist.empty(), TestPathPolicy.LOWER, false);
  }
}
