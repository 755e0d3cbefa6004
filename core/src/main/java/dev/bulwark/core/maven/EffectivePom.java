package dev.bulwark.core.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A POM after inheritance and interpolation: its coordinates, properties, managed dependencies
 * (own, inherited and imported from BOMs) and dependencies (own and inherited, versions and scopes
 * filled in from management). Coordinates are null where neither the POM nor its parent says.
 */
public record EffectivePom(
    String groupId,
    String artifactId,
    String version,
    String packaging,
    Path file,
    Map<String, String> properties,
    Map<String, MavenDependency> managed,
    List<MavenDependency> dependencies) {

  public EffectivePom {
    packaging = packaging == null || packaging.isBlank() ? "jar" : packaging;
    properties = Map.copyOf(properties);
    managed = Map.copyOf(managed);
    dependencies = List.copyOf(dependencies);
  }

  /** The managed entry for a dependency, or null. */
  public MavenDependency managedFor(MavenDependency d) {
    return managed.get(d.managementKey());
  }
}
