package dev.bulwark.deps.versions;

import java.util.Comparator;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's own ordering (ComparableVersion): 1.0-alpha < 1.0 < 1.0-sp < 1.0.1, qualifiers by rank.
 */
final class MavenVersions {
  static final Comparator<String> ORDER =
      (a, b) -> new ComparableVersion(a).compareTo(new ComparableVersion(b));

  private MavenVersions() {}
}
