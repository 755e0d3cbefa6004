package dev.bulwark.code;

import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.code.taint.Analysis;
import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.analysis.AnalyzerInfo;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Phase;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.RuleDescriptor;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Finds injection flaws and insecure API use in Java source: parses the project, follows untrusted
 * data from framework entry points through project code into dangerous calls, and checks
 * cryptography, randomness, cookies and XML parsers, all by the rule packs under {@code
 * rules/java/}.
 */
public final class CodeAnalyzer implements Analyzer {
  private static final AnalyzerInfo INFO =
      new AnalyzerInfo(
          "code",
          "Java code",
          "Injection flaws and insecure API use in Java sources (taint analysis)",
          Phase.CODE);

  /**
   * The keys the {@code code:} section may hold: {@code packs}, the team's own rule packs (such as
   * the specifications {@code bulwark code specs} writes), paths relative to bulwark.yaml.
   */
  public static final ConfigShape KEYS = ConfigShape.keys("packs");

  /** The rule packs bulwark.yaml names under {@code code.packs}, resolved against its folder. */
  public static List<Path> packs(BulwarkConfig config) throws InputException {
    Path file = config.sourceFile().orElse(Path.of(ConfigLoader.FILE_NAME));
    List<Path> out = new java.util.ArrayList<>();
    for (String p :
        ConfigLoader.strings(config.section("code").path("packs"), file, "code.packs")) {
      Path resolved = config.baseDir().resolve(p).normalize();
      if (!java.nio.file.Files.isRegularFile(resolved)) {
        throw new InputException(file + ": code.packs: no such rule pack: " + resolved);
      }
      out.add(resolved);
    }
    return out;
  }

  @Override
  public AnalyzerInfo info() {
    return INFO;
  }

  @Override
  public List<RuleDescriptor> rules() {
    try {
      return RulePacks.builtIn().rules().stream().map(JavaRule::descriptor).toList();
    } catch (InputException e) {
      throw new IllegalStateException("built-in Java rules are broken: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean appliesTo(ScanContext context) {
    return context.tree().files().stream().anyMatch(f -> f.extension().equals("java"));
  }

  @Override
  public void analyze(ScanContext ctx, FindingSink sink)
      throws AnalysisException, InterruptedException {
    List<SourceFile> java =
        ctx.tree().files().stream().filter(f -> f.extension().equals("java")).toList();
    List<SourceFile> props =
        ctx.tree().files().stream()
            .filter(f -> f.extension().equals("properties") && !f.relativePath().contains("/test/"))
            .toList();
    RulePacks.Loaded rules;
    try {
      rules = RulePacks.withPacks(RulePacks.builtIn(), packs(ctx.config()));
    } catch (InputException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    ProjectModel project;
    try (Progress.Task task =
        ctx.progress().start("parsing Java", java.size(), Progress.Unit.FILES)) {
      project =
          ProjectModel.load(
              java,
              props,
              rules.library(),
              ctx.options().threads(),
              ctx.cancellation(),
              ctx.diagnostics(),
              ctx.options().fileTimeBudget());
      task.advance(java.size());
    }
    Collection<Finding> found;
    try (Progress.Task task =
        ctx.progress().start("taint analysis", project.classes().size(), Progress.Unit.ITEMS)) {
      found =
          Analysis.run(
              project,
              rules,
              ctx.options().threads(),
              ctx.cancellation(),
              c -> task.advance(1),
              ctx.diagnostics(),
              c -> true,
              ctx.options().fileTimeBudget());
    }
    found.forEach(sink::accept);
  }
}
