package dev.bulwark.deps.versions;

import dev.bulwark.deps.model.Ecosystem;
import java.util.Comparator;

/** The version order of each ecosystem: the rules its own package manager uses. */
public final class Versions {
  private Versions() {}

  public static Comparator<String> order(Ecosystem e) {
    return switch (e) {
      case MAVEN -> MavenVersions.ORDER;
      case PYPI -> Pep440.ORDER;
      case RUBYGEMS -> RubyGemsVersions.ORDER;
      case GO -> (a, b) -> SemVer.ORDER.compare(strip(a), strip(b));
      case PACKAGIST -> ComposerVersions.ORDER;
      case NPM, CARGO, NUGET -> SemVer.ORDER;
    };
  }

  private static String strip(String v) {
    return v.startsWith("v") ? v.substring(1) : v;
  }
}
