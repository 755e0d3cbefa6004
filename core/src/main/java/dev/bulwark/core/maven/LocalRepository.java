package dev.bulwark.core.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A Maven local repository on disk, read and never written: where POMs and jars of given
 * coordinates are. Bulwark reads the repository the user's Maven fills; it does not run Maven to
 * fill it.
 */
public record LocalRepository(Path root) {

  /**
   * The user's repository: {@code -Dmaven.repo.local}, else {@code <localRepository>} of {@code
   * ~/.m2/settings.xml}, else {@code ~/.m2/repository}.
   */
  public static LocalRepository user() {
    return user(System.getProperties(), System.getenv());
  }

  static LocalRepository user(java.util.Properties sys, Map<String, String> env) {
    String explicit = sys.getProperty("maven.repo.local");
    if (explicit != null && !explicit.isBlank()) {
      return new LocalRepository(Path.of(explicit));
    }
    Path m2 = Path.of(sys.getProperty("user.home", "."), ".m2");
    Path settings = m2.resolve("settings.xml");
    if (Files.isRegularFile(settings)) {
      try {
        String configured =
            PomXml.parse(dev.bulwark.core.files.Roots.readBounded(settings, 1 << 20))
                .root()
                .text("localRepository");
        if (configured != null && !configured.isBlank()) {
          String home = sys.getProperty("user.home", ".");
          String expanded = configured.replace("${user.home}", home);
          String envHome = env.get("HOME");
          if (envHome != null) {
            expanded = expanded.replace("${env.HOME}", envHome);
          }
          if (!expanded.contains("${")) {
            return new LocalRepository(Path.of(expanded));
          }
        }
      } catch (IOException e) {
        // an unreadable settings file leaves Maven's default
      }
    }
    return new LocalRepository(m2.resolve("repository"));
  }

  private Path dir(String g, String a, String v) {
    return root.resolve(g.replace('.', '/')).resolve(a).resolve(v);
  }

  /** Where the POM of these coordinates would be. */
  public Path pom(String g, String a, String v) {
    return dir(g, a, v).resolve(a + "-" + v + ".pom");
  }

  /**
   * The file of a dependency that goes on a class path, if the repository has it: jars, test jars
   * (classifier {@code tests}) and the types packaged as jars.
   */
  public Optional<Path> classpathEntry(MavenDependency d, String version) {
    if (!safeCoordinates(d.groupId(), d.artifactId(), version) || !safe(d.classifier() + "x")) {
      return Optional.empty();
    }
    String classifier = d.classifier();
    switch (d.type()) {
      case "jar", "bundle", "ejb", "maven-plugin", "ejb-client" -> {}
      case "test-jar" -> classifier = classifier.isEmpty() ? "tests" : classifier;
      default -> {
        return Optional.empty();
      }
    }
    Path jar =
        dir(d.groupId(), d.artifactId(), version)
            .resolve(
                d.artifactId()
                    + "-"
                    + version
                    + (classifier.isEmpty() ? "" : "-" + classifier)
                    + ".jar");
    return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
  }

  /** Whether the coordinates contain nothing that would step out of the repository. */
  static boolean safeCoordinates(String g, String a, String v) {
    return safe(g) && safe(a) && safe(v);
  }

  private static boolean safe(String s) {
    return s != null
        && !s.isEmpty()
        && !s.contains("/")
        && !s.contains("\\")
        && !s.equals(".")
        && !s.equals("..")
        && !s.contains("..")
        && s.chars().noneMatch(c -> c < 0x20);
  }
}
