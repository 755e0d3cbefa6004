package dev.bulwark.yara;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.AnalyzerInfo;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Phase;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.core.config.DataDir;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.engine.RulesCache;
import dev.bulwark.yara.lang.YaraSyntaxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bulwark scan} with the YARA rules that {@code bulwark.yaml} names:
 *
 * <pre>{@code
 * yara:
 *   rules: [signatures/, vendor/index.yar]   # files or folders, relative to bulwark.yaml
 *   cache: false                             # compile every time (default: true)
 * }</pre>
 *
 * Without a {@code yara.rules} setting the analyzer does not run. The rules are compiled once into
 * the data directory's compiled-rules cache ({@code cache/yara}) and read from there while no rule
 * file changes.
 */
public final class YaraAnalyzer implements dev.bulwark.core.analysis.Analyzer {
  /** The keys the {@code yara:} section may hold. */
  public static final ConfigShape KEYS = ConfigShape.keys("rules", "cache");

  private static final AnalyzerInfo INFO =
      new AnalyzerInfo(
          "yara", "YARA", "Malware signatures: YARA rules over every file", Phase.FILES);

  @Override
  public AnalyzerInfo info() {
    return INFO;
  }

  @Override
  public List<RuleDescriptor> rules() {
    return List.of();
  }

  static List<Path> ruleFiles(BulwarkConfig config) throws InputException {
    JsonNode s = config.section("yara");
    Path file = config.sourceFile().orElse(Path.of(ConfigLoader.FILE_NAME));
    List<Path> out = new ArrayList<>();
    for (String r : ConfigLoader.strings(s.path("rules"), file, "yara.rules")) {
      Path p = config.baseDir().resolve(r).normalize();
      if (java.nio.file.Files.isDirectory(p)) {
        try (var w = java.nio.file.Files.walk(p)) {
          w.filter(f -> f.toString().endsWith(".yar") || f.toString().endsWith(".yara"))
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new InputException(file + ": yara.rules: cannot list " + p + ": " + e.getMessage());
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** The compiled-rules cache folder in the data directory, or null when {@code cache: false}. */
  static Path cacheDir(BulwarkConfig config) throws InputException {
    JsonNode c = config.section("yara").path("cache");
    if (c.isMissingNode() || c.isNull()) {
      return RulesCache.folderIn(DataDir.resolve(null));
    }
    if (!c.isBoolean()) {
      Path file = config.sourceFile().orElse(Path.of(ConfigLoader.FILE_NAME));
      throw new InputException(file + ": yara.cache must be true or false, not " + c);
    }
    return c.booleanValue() ? RulesCache.folderIn(DataDir.resolve(null)) : null;
  }

  @Override
  public boolean appliesTo(ScanContext context) {
    return !context.config().section("yara").path("rules").isMissingNode();
  }

  @Override
  public void analyze(ScanContext ctx, FindingSink sink) throws AnalysisException {
    CompiledRules rules;
    try {
      List<Path> files = ruleFiles(ctx.config());
      Path cache = cacheDir(ctx.config());
      rules =
          cache == null
              ? CompiledRules.compile(files, Set.of())
              : RulesCache.in(cache).load(files, Set.of()).rules();
    } catch (InputException | YaraSyntaxException | IOException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    List<Path> files = ctx.tree().files().stream().map(SourceFile::path).toList();
    Map<String, String> relative = new java.util.HashMap<>();
    for (SourceFile f : ctx.tree().files()) {
      relative.put(f.path().toString(), f.relativePath());
    }
    YaraScan.Result result = YaraScan.run(files, rules, Map.of(), ctx.diagnostics());
    for (YaraScan.FileMatch m : result.matches()) {
      String rel = relative.getOrDefault(m.path(), m.path());
      sink.accept(YaraFindings.of(new YaraScan.FileMatch(rel, m.match())));
    }
  }
}
