package dev.bulwark.deps.model;

import java.util.Locale;
import java.util.Optional;

/** Package ecosystems, with their OSV names and package-URL types. */
public enum Ecosystem {
  MAVEN("Maven", "maven"),
  NPM("npm", "npm"),
  PYPI("PyPI", "pypi"),
  GO("Go", "golang"),
  CARGO("crates.io", "cargo"),
  RUBYGEMS("RubyGems", "gem"),
  PACKAGIST("Packagist", "composer"),
  NUGET("NuGet", "nuget");

  private final String osvName;
  private final String purlType;

  Ecosystem(String osvName, String purlType) {
    this.osvName = osvName;
    this.purlType = purlType;
  }

  public String osvName() {
    return osvName;
  }

  public String purlType() {
    return purlType;
  }

  /**
   * The ecosystem of an OSV {@code affected.package.ecosystem} (which may carry a suffix,
   * "Debian:12").
   */
  public static Optional<Ecosystem> fromOsv(String name) {
    String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    for (Ecosystem e : values()) {
      if (e.osvName.equalsIgnoreCase(base)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  public static Optional<Ecosystem> fromPurlType(String type) {
    for (Ecosystem e : values()) {
      if (e.purlType.equals(type.toLowerCase(Locale.ROOT))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * The name as the advisory databases key it: PyPI names normalised per PEP 503, Maven
   * "group:artifact", the rest as written.
   */
  public String normalise(String name) {
    return switch (this) {
      case PYPI -> name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
      case NPM, NUGET, CARGO -> name.toLowerCase(Locale.ROOT);
      default -> name;
    };
  }
}
