package dev.bulwark.secrets;

import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.analysis.AnalyzerInfo;
import dev.bulwark.core.analysis.FileTimeBudget;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Parallel;
import dev.bulwark.core.analysis.Phase;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.canary.CanaryRegistry;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.Glob;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.secrets.engine.Allowlist;
import dev.bulwark.secrets.engine.SecretEngine;
import dev.bulwark.secrets.rules.RuleLoader;
import dev.bulwark.secrets.rules.SecretRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds hard-coded credentials in the working tree and in the archives it holds, with the rule
 * packs under {@code rules/secrets/} plus any a team adds in {@code bulwark.yaml}.
 */
public final class SecretsAnalyzer implements Analyzer {
  private static final AnalyzerInfo INFO =
      new AnalyzerInfo(
          "secrets",
          "Secrets",
          "Hard-coded credentials: cloud keys, tokens, private keys, passwords",
          Phase.FILES);
  private static final int MAX_FINDINGS_PER_FILE = 1000;

  @Override
  public AnalyzerInfo info() {
    return INFO;
  }

  @Override
  public List<RuleDescriptor> rules() {
    try {
      return RuleLoader.builtIn().stream().map(SecretRule::descriptor).toList();
    } catch (InputException e) {
      throw new IllegalStateException("built-in secret rules are broken: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean appliesTo(ScanContext context) {
    return !context.tree().files().isEmpty();
  }

  /** The rules in force for this configuration: built-in and team packs, minus disabled ones. */
  static List<SecretRule> activeRules(SecretsConfig config) throws InputException {
    List<SecretRule> rules = new ArrayList<>(RuleLoader.builtIn());
    for (Path dir : config.ruleDirs()) {
      rules.addAll(RuleLoader.directory(dir));
    }
    RuleLoader.checkUnique(rules);
    rules.removeIf(r -> config.disabled().contains(r.id()));
    return rules;
  }

  @Override
  public void checkConfig(BulwarkConfig config) throws InputException {
    SecretsConfig.from(config);
  }

  @Override
  public void analyze(ScanContext ctx, FindingSink sink)
      throws AnalysisException, InterruptedException {
    SecretsConfig config;
    SecretEngine engine;
    try {
      config = SecretsConfig.from(ctx.config());
      engine =
          SecretEngine.create(
              activeRules(config),
              Allowlist.documentationExamples().merge(config.allowlist()),
              config.reportFiltered());
    } catch (InputException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    CanaryRegistry canaries;
    try {
      canaries = CanaryRegistry.forScans();
    } catch (IOException e) {
      // the scan goes on; without the registry a canary is reported as the leak it looks like
      ctx.diagnostics()
          .report(Diagnostic.error(INFO.id(), null, "canary registry not read: " + why(e)));
      canaries = CanaryRegistry.empty();
    }
    CanaryRegistry registry = canaries;
    List<Glob> allowPaths = config.allowPaths().stream().map(Glob::compile).toList();
    List<SourceFile> files =
        ctx.tree().files().stream()
            .filter(f -> allowPaths.stream().noneMatch(g -> g.matches(f.relativePath(), false)))
            .toList();
    long total = files.stream().mapToLong(SourceFile::size).sum();
    SecretsScanner scanner =
        new SecretsScanner(engine, ctx.options().archiveLimits(), ctx.diagnostics());
    AtomicInteger skippedBinary = new AtomicInteger();
    try (Progress.Task task = ctx.progress().start("secrets", total, Progress.Unit.BYTES)) {
      Parallel.forEach(
          files,
          ctx.options().threads(),
          ctx.cancellation(),
          file -> {
            ctx.options()
                .fileTimeBudget()
                .run(
                    INFO.id(),
                    file.relativePath(),
                    ctx.diagnostics(),
                    () -> scanFile(file, scanner, config, registry, ctx, sink, skippedBinary));
            task.advance(file.size());
          });
    }
    if (skippedBinary.get() > 0) {
      ctx.diagnostics()
          .report(
              Diagnostic.note(
                  INFO.id(), null, skippedBinary.get() + " binary files skipped (not text)"));
    }
  }

  private static void scanFile(
      SourceFile file,
      SecretsScanner scanner,
      SecretsConfig config,
      CanaryRegistry canaries,
      ScanContext ctx,
      FindingSink sink,
      AtomicInteger skippedBinary) {
    ctx.checkCancelled();
    if (file.size() > ctx.options().largeFileBytes()) {
      ctx.diagnostics()
          .report(
              Diagnostic.note(
                  INFO.id(),
                  file.relativePath(),
                  "large file (" + (file.size() >> 20) + " MB) streamed in chunks"));
    }
    AtomicInteger count = new AtomicInteger();
    try (InputStream in = FileTimeBudget.guard(Files.newInputStream(file.path()))) {
      boolean scanned =
          scanner.scan(
              file.relativePath(),
              in,
              (path, match) -> {
                boolean test = TestPaths.isTest(path);
                if (test && config.testPaths() == SecretsConfig.TestPathPolicy.IGNORE) {
                  return;
                }
                boolean lower = test && config.testPaths() == SecretsConfig.TestPathPolicy.LOWER;
                if (count.incrementAndGet() <= MAX_FINDINGS_PER_FILE) {
                  Optional<CanaryRegistry.Mark> canary =
                      canaries.recognise(match.secret().reveal());
                  sink.accept(
                      canary.isPresent()
                          ? SecretFindings.canary(match, path, canary.get())
                          : SecretFindings.finding(match, path, lower));
                }
              });
      if (!scanned) {
        skippedBinary.incrementAndGet();
      }
      if (count.get() > MAX_FINDINGS_PER_FILE) {
        ctx.diagnostics()
            .report(
                Diagnostic.warning(
                    INFO.id(),
                    file.relativePath(),
                    count.get()
                        + " secrets found; only the first "
                        + MAX_FINDINGS_PER_FILE
                        + " reported"));
      }
    } catch (AccessDeniedException e) {
      ctx.diagnostics()
          .report(Diagnostic.error(INFO.id(), file.relativePath(), "not readable (access denied)"));
    } catch (NoSuchFileException e) {
      ctx.diagnostics()
          .report(
              Diagnostic.warning(INFO.id(), file.relativePath(), "disappeared during the scan"));
    } catch (IOException e) {
      ctx.diagnostics()
          .report(Diagnostic.error(INFO.id(), file.relativePath(), "cannot read: " + why(e)));
    }
  }

  /** An I/O failure in words: a damaged archive's reader often throws without a message. */
  static String why(IOException e) {
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    return e instanceof java.io.EOFException
        ? "unexpected end of file (truncated or damaged)"
        : e.getClass().getSimpleName();
  }
}
