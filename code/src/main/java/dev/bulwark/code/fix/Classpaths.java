package dev.bulwark.code.fix;

import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.FileKind;
import dev.bulwark.core.files.Roots;
import dev.bulwark.core.maven.DependencyResolver;
import dev.bulwark.core.maven.EffectivePom;
import dev.bulwark.core.maven.LocalRepository;
import dev.bulwark.core.maven.MavenDependency;
import dev.bulwark.core.maven.PomReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compile class path of a Maven project, read — never built. The POM is modelled by core's
 * {@link PomReader} (parents inside the project, properties, dependency management, BOMs) and its
 * dependencies, transitive ones included, are looked up as jars in the local repository. Nothing
 * the project controls runs: not its {@code mvnw}, not {@code .mvn/jvm.config} or extensions, not a
 * plugin; Bulwark starts no process at all. A dependency the repository does not have is left off
 * and named, and the compile check then ignores what only it could have resolved.
 */
public final class Classpaths {
  private static final Map<String, Classpath> CACHE = new ConcurrentHashMap<>();

  private Classpaths() {}

  /**
   * A class path and what is missing from it.
   *
   * @param missing coordinates of dependencies whose jars the local repository does not have
   */
  public record Classpath(List<Path> entries, List<String> missing) {
    public Classpath {
      entries = List.copyOf(entries);
      missing = List.copyOf(missing);
    }

    /** Whether every dependency was found. */
    public boolean complete() {
      return missing.isEmpty();
    }
  }

  /**
   * The nearest pom.xml at or above {@code dir}, not above {@code limit}: a regular file, not a
   * link.
   */
  public static Optional<Path> pomFor(Path dir, Path limit) {
    Path d = dir.toAbsolutePath().normalize();
    Path top = limit.toAbsolutePath().normalize();
    while (d != null && d.startsWith(top)) {
      if (FileKind.of(d.resolve("pom.xml")) == FileKind.REGULAR) {
        return Optional.of(d.resolve("pom.xml"));
      }
      d = d.getParent();
    }
    return Optional.empty();
  }

  /** The class path of the project whose POM this is, read only from inside {@code root}. */
  public static Classpath resolve(Path pom, Path root, DiagnosticSink diagnostics) {
    return resolve(pom, root, LocalRepository.user(), diagnostics);
  }

  /** As {@link #resolve(Path, Path, DiagnosticSink)}, with a given local repository. */
  public static Classpath resolve(
      Path pom, Path root, LocalRepository repository, DiagnosticSink diagnostics) {
    String display =
        root.relativize(pom.toAbsolutePath().normalize()).toString().replace('\\', '/');
    String key;
    try {
      key =
          pom.toRealPath()
              + "#"
              + Files.getLastModifiedTime(pom).toMillis()
              + "#"
              + Files.size(pom)
              + "#"
              + repository.root();
    } catch (IOException e) {
      diagnostics.report(Diagnostic.warning("fix", display, "cannot read: " + e.getMessage()));
      return new Classpath(List.of(), List.of(display));
    }
    Classpath known = CACHE.get(key);
    if (known != null) {
      return known;
    }
    Classpath cp = compute(pom, display, root, repository, diagnostics);
    CACHE.put(key, cp);
    return cp;
  }

  private static Classpath compute(
      Path pom, String display, Path root, LocalRepository repository, DiagnosticSink diagnostics) {
    Roots roots = Roots.of(root);
    PomReader reader = new PomReader(repository, roots, "fix", diagnostics);
    EffectivePom model;
    try {
      model = reader.read(pom, display);
    } catch (IOException e) {
      diagnostics.report(
          Diagnostic.warning("fix", display, "class path not read: " + e.getMessage()));
      return new Classpath(List.of(), List.of(display));
    }
    Set<Path> entries = new LinkedHashSet<>();
    List<String> missing = new ArrayList<>();
    for (DependencyResolver.Resolved r :
        new DependencyResolver(reader).resolve(model, DependencyResolver.Options.classpath())) {
      MavenDependency d = r.dependency();
      if (d.type().equals("pom")) {
        continue;
      }
      String coords = d.key() + ":" + (r.version() == null ? "?" : r.version());
      if (r.scope().equals("system")) {
        // a jar inside the project, by path; nothing outside it is read
        if (d.systemPath() != null) {
          Optional<Path> jar = roots.resolveFile(Path.of(d.systemPath()));
          if (jar.isPresent()) {
            entries.add(jar.get());
            continue;
          }
        }
        missing.add(coords);
        continue;
      }
      Optional<Path> jar =
          r.version() == null ? Optional.empty() : repository.classpathEntry(d, r.version());
      if (jar.isPresent()) {
        entries.add(jar.get());
      } else {
        missing.add(coords);
      }
    }
    if (!missing.isEmpty()) {
      diagnostics.report(
          Diagnostic.note(
              "fix",
              display,
              missing.size()
                  + " dependenc"
                  + (missing.size() == 1 ? "y is" : "ies are")
                  + " not in the local repository "
                  + repository.root()
                  + " ("
                  + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                  + (missing.size() > 5 ? ", …" : "")
                  + "); references to them were not compiled. Bulwark never runs the project's"
                  + " build to fetch them: run it yourself if you trust the project (e.g. mvn"
                  + " dependency:go-offline)."));
    }
    return new Classpath(new ArrayList<>(entries), missing);
  }

  /**
   * A jar a patch adds to the build: from the local repository, else the copy shipped with Bulwark
   * (the OWASP Java Encoder). Nothing is downloaded.
   */
  public static Optional<Path> artifact(Candidate.Dependency d) {
    return artifact(d, LocalRepository.user());
  }

  static Optional<Path> artifact(Candidate.Dependency d, LocalRepository repository) {
    MavenDependency dep =
        new MavenDependency(
            d.groupId(), d.artifactId(), d.version(), "jar", "", null, false, List.of(), null);
    return repository.classpathEntry(dep, d.version()).or(() -> shipped(d));
  }

  /** The jar on Bulwark's own class path that holds these coordinates, if it ships one. */
  private static Optional<Path> shipped(Candidate.Dependency d) {
    if (!d.equals(Candidate.OWASP_ENCODER)) {
      return Optional.empty();
    }
    try {
      // located, never loaded: only the class file's resource is looked up
      java.net.URL url =
          Classpaths.class.getClassLoader().getResource("org/owasp/encoder/Encode.class");
      if (url == null || !url.getProtocol().equals("jar")) {
        return Optional.empty();
      }
      String file = url.getPath();
      int bang = file.indexOf("!/");
      Path jar = Path.of(new java.net.URI(bang >= 0 ? file.substring(0, bang) : file));
      String name = jar.getFileName().toString();
      return name.equals(d.artifactId() + "-" + d.version() + ".jar") && Files.isRegularFile(jar)
          ? Optional.of(jar)
          : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
