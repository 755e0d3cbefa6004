package dev.bulwark.code.fix.spi;

import java.util.List;
import java.util.Objects;

/**
 * One proposed patch for one finding: the new text of the file, what it restores, and the
 * dependencies it needs added to the build (the OWASP Java Encoder for output encoding).
 */
public record Candidate(
    String description, String newSource, List<Dependency> dependencies, String provenance) {
  public Candidate {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(newSource, "newSource");
    dependencies = List.copyOf(dependencies);
  }

  /** A Maven dependency a patch needs. */
  public record Dependency(String groupId, String artifactId, String version) {
    public String coordinates() {
      return groupId + ":" + artifactId + ":" + version;
    }
  }

  public static final Dependency OWASP_ENCODER =
      new Dependency("org.owasp.encoder", "encoder", "1.3.1");
}
