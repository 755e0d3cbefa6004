package dev.bulwark.cli.usecase;

import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.code.specs.SpecInference;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.maven.LocalRepository;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code bulwark code specs}: reads a project as a scan would (bulwark.yaml's include and exclude
 * hold), parses its Java sources, and infers the specifications of its own and its dependencies'
 * methods.
 */
public final class SpecsService {
  /**
   * @param labeller a model's labels, checked like the heuristics' proposals (empty: none)
   * @param maxLabelled at most this many candidates go to the model
   */
  public record Request(
      Path root,
      BulwarkConfig config,
      int threads,
      LocalRepository repository,
      Optional<SpecInference.Labeller> labeller,
      int maxLabelled) {}

  public SpecInference.Result infer(Request request, DiagnosticSink diagnostics)
      throws InputException, java.io.IOException, InterruptedException {
    Path root = request.root().toAbsolutePath().normalize();
    SourceTree tree = ProjectTrees.walk(root, request.config(), diagnostics);
    RulePacks.Loaded rules = RulePacks.builtIn();
    ProjectModel project =
        ProjectModel.load(
            tree, rules.library(), request.threads(), new Cancellation(), diagnostics);
    return new SpecInference(project, rules, root, request.repository(), diagnostics)
        .run(request.labeller(), request.maxLabelled());
  }
}
