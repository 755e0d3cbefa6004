package dev.bulwark.secrets;

import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.analysis.AnalyzerInfo;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Phase;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.model.RuleDescriptor;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Finds secrets in every commit of the git repository around the scanned tree: each one reported
 * once, at the commit that introduced it, saying whether it is still in HEAD. Runs only with {@code
 * --history}.
 */
public final class GitHistoryAnalyzer implements Analyzer {
  private static final AnalyzerInfo INFO =
      new AnalyzerInfo(
          "secrets-history",
          "Secrets in git history",
          "Secrets committed at any point of a repository's history",
          Phase.HISTORY);

  private final SecretsAnalyzer files = new SecretsAnalyzer();

  @Override
  public AnalyzerInfo info() {
    return INFO;
  }

  @Override
  public List<RuleDescriptor> rules() {
    return files.rules();
  }

  @Override
  public boolean appliesTo(ScanContext context) {
    return context.options().history() && gitDir(context.tree().baseDir().toFile()).isPresent();
  }

  static Optional<File> gitDir(File start) {
    FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(start);
    return Optional.ofNullable(b.getGitDir());
  }

  @Override
  public void analyze(ScanContext ctx, FindingSink sink)
      throws AnalysisException, InterruptedException {
    File gitDir =
        gitDir(ctx.tree().baseDir().toFile())
            .orElseThrow(
                () -> new AnalysisException("no git repository at " + ctx.tree().baseDir()));
    try (Repository repo =
        new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
      HistoryWalker walker = new HistoryWalker(repo, ctx, sink);
      try (Progress.Task task = ctx.progress().start("git history", -1, Progress.Unit.ITEMS)) {
        walker.walk(task);
      }
    } catch (IOException e) {
      ctx.diagnostics()
          .report(
              Diagnostic.error(
                  INFO.id(), gitDir.toString(), "cannot read git history: " + e.getMessage()));
    }
  }
}
