package dev.bulwark.core.maven;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A project's dependencies with their transitive dependencies, from the POMs in the local
 * repository, as Maven mediates them: the nearest declaration of a package wins (the first at equal
 * depth), the root's dependency management overrides transitive versions and scopes, exclusions
 * apply below where they are declared, optional dependencies of dependencies and their test,
 * provided and system dependencies are left out, and scopes combine as in Maven's table.
 */
public final class DependencyResolver {

  /**
   * @param followTestScope whether the project's own test dependencies bring their dependencies (a
   *     class path for compiling tests needs them; an inventory of what ships does not)
   */
  public record Options(boolean followTestScope, int maxDepth) {
    /** What ships and what it needs: test dependencies listed, not followed. */
    public static Options inventory() {
      return new Options(false, 8);
    }

    /** Everything javac may need to compile the project's main and test sources. */
    public static Options classpath() {
      return new Options(true, 16);
    }
  }

  /**
   * One resolved package.
   *
   * @param via for a transitive dependency, the path from a direct one ({@code a:b > c:d}); empty
   *     for direct ones
   */
  public record Resolved(
      MavenDependency dependency, String version, String scope, boolean direct, String via) {}

  private record Node(
      MavenDependency dependency,
      String version,
      String scope,
      String via,
      int depth,
      Set<String> exclusions) {}

  private final PomReader reader;

  public DependencyResolver(PomReader reader) {
    this.reader = reader;
  }

  public List<Resolved> resolve(EffectivePom root, Options options) {
    List<Resolved> out = new ArrayList<>();
    Set<String> chosen = new HashSet<>();
    ArrayDeque<Node> queue = new ArrayDeque<>();
    for (MavenDependency d : root.dependencies()) {
      if (d.isImport() || !chosen.add(d.key())) {
        continue;
      }
      String scope = d.effectiveScope();
      out.add(new Resolved(d, d.version(), scope, true, ""));
      boolean follow =
          !scope.equals("system") && (options.followTestScope() || !scope.equals("test"));
      if (follow && concrete(d.version())) {
        queue.add(new Node(d, d.version(), scope, d.key(), 1, new LinkedHashSet<>(d.exclusions())));
      }
    }
    // breadth first, so the nearest declaration of a package wins
    Set<String> expanded = new HashSet<>();
    while (!queue.isEmpty()) {
      Node n = queue.poll();
      MavenDependency d = n.dependency();
      if (n.depth() > options.maxDepth()
          || !expanded.add(d.groupId() + ":" + d.artifactId() + ":" + n.version())) {
        continue;
      }
      Optional<EffectivePom> pom = reader.fromRepository(d.groupId(), d.artifactId(), n.version());
      if (pom.isEmpty()) {
        continue;
      }
      for (MavenDependency c : pom.get().dependencies()) {
        String cs = c.effectiveScope();
        if (c.optional()
            || cs.equals("test")
            || cs.equals("provided")
            || cs.equals("system")
            || cs.equals("import")
            || chosen.contains(c.key())
            || n.exclusions().stream().anyMatch(c::excludedBy)) {
          continue;
        }
        MavenDependency rootManaged = root.managedFor(c);
        String version =
            rootManaged != null && rootManaged.version() != null
                ? rootManaged.version()
                : c.version();
        if (!concrete(version)) {
          continue;
        }
        String scope =
            rootManaged != null && rootManaged.scope() != null
                ? rootManaged.scope()
                : combine(n.scope(), cs);
        chosen.add(c.key());
        String via = n.via() + " > " + c.key();
        MavenDependency resolved = c.withVersion(version).withScope(scope);
        out.add(new Resolved(resolved, version, scope, false, via));
        Set<String> exclusions = new LinkedHashSet<>(n.exclusions());
        exclusions.addAll(c.exclusions());
        if (rootManaged != null) {
          exclusions.addAll(rootManaged.exclusions());
        }
        queue.add(new Node(resolved, version, scope, via, n.depth() + 1, exclusions));
      }
    }
    return out;
  }

  /** Maven's scope table: what a dependency of a dependency becomes. */
  static String combine(String parent, String child) {
    return switch (parent) {
      case "compile" -> child;
      case "provided", "test" -> parent;
      case "runtime" -> "runtime";
      default -> child;
    };
  }

  /** A plain version: not missing and not a range. */
  private static boolean concrete(String v) {
    return v != null && !v.isEmpty() && !v.startsWith("[") && !v.startsWith("(");
  }
}
