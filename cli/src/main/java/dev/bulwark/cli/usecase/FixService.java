package dev.bulwark.cli.usecase;

import dev.bulwark.code.fix.FixEngine;
import dev.bulwark.code.fix.Patches;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.verify.ProposalLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fix: propose a patch for each code finding of a project, verify it, and write the verified ones
 * when asked. Never starts a process: running a project's own tests is the caller's explicit step.
 */
public final class FixService {

  /** What to fix and how. */
  public record Request(
      Path root,
      Set<String> rules,
      Set<String> fingerprints,
      Optional<FixEngine.ProposalSource> proposals,
      int threads,
      BulwarkConfig config) {
    public Request {
      rules = Set.copyOf(rules);
      fingerprints = Set.copyOf(fingerprints);
    }
  }

  /** The proposals for a project, with the files they were made from. */
  public record Proposed(Path root, SourceTree tree, FixEngine.Result result) {}

  /** Walks the project and runs the fix engine over it. */
  public Proposed propose(Request request, DiagnosticSink diagnostics, ProposalLog log)
      throws InputException, IOException, InterruptedException {
    Path root = request.root().toAbsolutePath().normalize();
    SourceTree tree = ProjectTrees.walk(root, request.config(), diagnostics);
    FixEngine.Result result =
        new FixEngine(
                root,
                tree,
                new FixEngine.Options(
                    request.rules(),
                    request.fingerprints(),
                    request.proposals(),
                    request.threads()),
                diagnostics,
                log)
            .run();
    return new Proposed(root, tree, result);
  }

  /** Writes patched files (and the dependencies they need) into the project. */
  public void apply(
      Path root, Map<String, String> files, Map<String, Set<Candidate.Dependency>> dependencies)
      throws IOException {
    Patches.write(root, files, dependencies);
  }
}
