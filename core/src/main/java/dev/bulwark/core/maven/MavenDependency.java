package dev.bulwark.core.maven;

import java.util.List;
import java.util.Objects;

/**
 * A dependency as a POM declares or manages it, properties interpolated. Version and scope are null
 * when the POM leaves them to dependency management or to Maven's default.
 *
 * @param exclusions {@code groupId:artifactId} pairs, either part possibly {@code *}
 */
public record MavenDependency(
    String groupId,
    String artifactId,
    String version,
    String type,
    String classifier,
    String scope,
    boolean optional,
    List<String> exclusions,
    String systemPath) {

  public MavenDependency {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(artifactId, "artifactId");
    type = type == null || type.isBlank() ? "jar" : type;
    classifier = classifier == null ? "" : classifier;
    exclusions = List.copyOf(exclusions);
  }

  /** {@code groupId:artifactId}. */
  public String key() {
    return groupId + ":" + artifactId;
  }

  /** What dependency management matches on: group, artifact, type and classifier. */
  public String managementKey() {
    return groupId + ":" + artifactId + ":" + type + ":" + classifier;
  }

  /** The declared scope, or Maven's default ({@code compile}). */
  public String effectiveScope() {
    return scope == null || scope.isBlank() ? "compile" : scope;
  }

  /** A BOM imported into dependency management. */
  public boolean isImport() {
    return "import".equals(scope) && "pom".equals(type);
  }

  public MavenDependency withVersion(String v) {
    return new MavenDependency(
        groupId, artifactId, v, type, classifier, scope, optional, exclusions, systemPath);
  }

  public MavenDependency withScope(String s) {
    return new MavenDependency(
        groupId, artifactId, version, type, classifier, s, optional, exclusions, systemPath);
  }

  public MavenDependency withExclusions(List<String> e) {
    return new MavenDependency(
        groupId, artifactId, version, type, classifier, scope, optional, e, systemPath);
  }

  /** Whether an exclusion pattern ({@code g:a}, either part {@code *}) names this dependency. */
  public boolean excludedBy(String pattern) {
    int colon = pattern.indexOf(':');
    String g = colon < 0 ? pattern : pattern.substring(0, colon);
    String a = colon < 0 ? "*" : pattern.substring(colon + 1);
    return (g.equals("*") || g.equals(groupId)) && (a.equals("*") || a.equals(artifactId));
  }
}
