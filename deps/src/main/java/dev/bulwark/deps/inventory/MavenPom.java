package dev.bulwark.deps.inventory;

import dev.bulwark.core.errors.Diagnostic;
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
    reportUnresolved(out, relPath, diagnostics);
    return out;
  }

  /**
   * A dependency whose version comes from a parent or imported BOM that is not in the local
   * repository (or from a property nobody defines) cannot be matched against advisories. Dropping
   * it silently would read as "nothing to upgrade", so it is a warning that names the fix.
   */
  private static void reportUnresolved(
      List<Component> components, String relPath, DiagnosticSink diagnostics) {
    List<String> open = new ArrayList<>();
    for (Component c : components) {
      if (c.direct() && (c.version().isBlank() || c.version().contains("${"))) {
        open.add(c.name());
      }
    }
    if (open.isEmpty()) {
      return;
    }
    String named =
        String.join(", ", open.subList(0, Math.min(5, open.size())))
            + (open.size() > 5 ? " and " + (open.size() - 5) + " more" : "");
    diagnostics.report(
        Diagnostic.warning(
            "deps",
            relPath,
            open.size()
                + (open.size() == 1 ? " dependency has" : " dependencies have")
                + " no version Bulwark could resolve ("
                + named
                + "): it comes from a parent POM or BOM missing from the local Maven repository,"
                + " so advisories are not checked for "
                + (open.size() == 1 ? "it" : "them")
                + ". Fetch them with 'bulwark deps inventory --resolve DIR' (runs Maven on the"
                + " project) or 'mvn dependency:resolve', then scan again."));
  }
}
