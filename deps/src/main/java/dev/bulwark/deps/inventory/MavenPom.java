package dev.bulwark.deps.inventory;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.Roots;
import dev.bulwark.core.maven.DependencyResolver;
import dev.bulwark.core.maven.EffectivePom;
import dev.bulwark.core.maven.LocalRepository;
import dev.bulwark.core.maven.PomReader;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maven POMs, modelled by core's {@link PomReader} without running Maven: parents beside the POM
 * (inside the scanned directories) or in the local repository, properties, dependencyManagement and
 * imported BOMs, scopes, and transitive dependencies from the POMs in the local repository —
 * nearest declaration wins, as in Maven.
 */
public final class MavenPom implements ManifestParser {
  private final LocalRepository repository;

  public MavenPom() {
    this(LocalRepository.user());
  }

  public MavenPom(Path repository) {
    this(new LocalRepository(repository));
  }

  private MavenPom(LocalRepository repository) {
    this.repository = repository;
  }

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("pom.xml") || fileName.endsWith(".pom");
  }

  /** Reads a POM whose parents may only come from its own directory or the repository. */
  @Override
  public List<Component> parse(Path file, String relPath, byte[] content) throws ManifestException {
    Path dir = file.toAbsolutePath().getParent();
    return parse(file, relPath, content, List.of(dir == null ? file : dir), d -> {});
  }

  /**
   * Reads a POM found under {@code roots}: a parent named by {@code <relativePath>} is read only
   * inside them, and what is skipped is reported to {@code diagnostics}.
   */
  public List<Component> parse(
      Path file, String relPath, byte[] content, List<Path> roots, DiagnosticSink diagnostics)
      throws ManifestException {
    PomReader reader = new PomReader(repository, Roots.of(roots), "deps", diagnostics);
    EffectivePom m;
    try {
      m = reader.read(file, content, relPath);
    } catch (IOException e) {
      throw new ManifestException(relPath + ": cannot read the POM: " + e.getMessage(), e);
    }
    List<Component> out = new ArrayList<>();
    for (DependencyResolver.Resolved r :
        new DependencyResolver(reader).resolve(m, DependencyResolver.Options.inventory())) {
      out.add(
          new Component(
              Ecosystem.MAVEN,
              r.dependency().key(),
              r.version() == null ? "" : r.version(),
              relPath,
              r.scope(),
              r.direct(),
              r.via()));
    }
    return out;
  }
}
