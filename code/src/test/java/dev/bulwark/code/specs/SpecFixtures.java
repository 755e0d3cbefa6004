package dev.bulwark.code.specs;

import dev.bulwark.code.CodeAnalyzer;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.maven.LocalRepository;
import dev.bulwark.core.model.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The docstore fixture (a small web application with its own helpers) and the acme-scripting
 * library it depends on, compiled from source into a jar of a local Maven repository, as a build
 * would have left it.
 */
final class SpecFixtures {
  private SpecFixtures() {}

  static Path resource(String name) throws Exception {
    return Path.of(SpecFixtures.class.getResource("/dev/bulwark/code/specs/" + name).toURI());
  }

  /** A copy of the docstore project, which tests may add a bulwark.yaml and a pack to. */
  static Path project(Path dir) throws Exception {
    Path src = resource("docstore");
    Path dst = dir.resolve("docstore");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return dst;
  }

  /** A local Maven repository holding com.acme:acme-scripting:2.1.0, compiled now. */
  static LocalRepository repository(Path dir) throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path source = resource("acme-scripting/com/acme/scripting/Evaluator.java");
    int rc =
        javac.run(null, null, null, "--release", "21", "-d", classes.toString(), source.toString());
    if (rc != 0) {
      throw new IllegalStateException("the fixture library does not compile");
    }
    Path m2 = dir.resolve("m2");
    Path version = Files.createDirectories(m2.resolve("com/acme/acme-scripting/2.1.0"));
    try (JarOutputStream jar =
        new JarOutputStream(Files.newOutputStream(version.resolve("acme-scripting-2.1.0.jar")))) {
      try (Stream<Path> s = Files.walk(classes)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
          jar.write(Files.readAllBytes(p));
          jar.closeEntry();
        }
      }
    }
    Files.writeString(
        version.resolve("acme-scripting-2.1.0.pom"),
        "<project><modelVersion>4.0.0</modelVersion><groupId>com.acme</groupId>"
            + "<artifactId>acme-scripting</artifactId><version>2.1.0</version></project>");
    return new LocalRepository(m2);
  }

  static ProjectModel parse(Path project) throws Exception {
    SourceTree tree = SourceTree.walk(List.of(project), WalkOptions.defaults(), d -> {});
    return ProjectModel.load(tree, RulePacks.builtIn().library(), 1, new Cancellation(), d -> {});
  }

  static SpecInference.Result infer(
      Path project, LocalRepository repo, java.util.Optional<SpecInference.Labeller> labeller)
      throws Exception {
    return new SpecInference(parse(project), RulePacks.builtIn(), project, repo, d -> {})
        .run(labeller, 50);
  }

  /** A scan of the project by the code analyzer, with the project's bulwark.yaml if it has one. */
  static List<Finding> scan(Path project) throws Exception {
    List<Diagnostic> diagnostics = new ArrayList<>();
    SourceTree tree = SourceTree.walk(List.of(project), WalkOptions.defaults(), diagnostics::add);
    Path yaml = project.resolve("bulwark.yaml");
    BulwarkConfig config =
        Files.exists(yaml)
            ? ConfigLoader.load(yaml, Map.of("code", CodeAnalyzer.KEYS), w -> {})
            : BulwarkConfig.empty(project);
    List<Finding> out = new ArrayList<>();
    new CodeAnalyzer()
        .analyze(
            ScanContext.standalone(tree, config, ScanOptions.defaults(), diagnostics::add),
            out::add);
    return out;
  }
}
