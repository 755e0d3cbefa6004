package dev.bulwark.deps.reach;

import dev.bulwark.core.reach.CodeReferences;
import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Whether project code can reach a vulnerable Java package: the vulnerable symbols the advisory
 * names when it names them, else any class of the package (its packages read from the jar in the
 * local repository, or its group id).
 */
public final class Reachability {
  /** The verdict and why. */
  public record Verdict(State state, String reason) {}

  /** Reachable, unreachable or unknown. */
  public enum State {
    REACHABLE,
    UNREACHABLE,
    UNKNOWN
  }

  private final Optional<CodeReferences> refs;
  private final Path repository;

  public Reachability(Optional<CodeReferences> refs) {
    this(refs, Path.of(System.getProperty("user.home"), ".m2", "repository"));
  }

  Reachability(Optional<CodeReferences> refs, Path repository) {
    this.refs = refs;
    this.repository = repository;
  }

  public Verdict of(VulnMatch m) {
    Component c = m.component();
    if (c.ecosystem() != Ecosystem.MAVEN || refs.isEmpty() || !refs.get().hasCode()) {
      return new Verdict(State.UNKNOWN, "no Java code to check");
    }
    if (!m.functions().isEmpty()) {
      Optional<Boolean> r = refs.get().references(m.functions());
      if (r.isPresent()) {
        return r.get()
            ? new Verdict(
                State.REACHABLE,
                "project code calls a vulnerable symbol (" + String.join(", ", m.functions()) + ")")
            : new Verdict(
                State.UNREACHABLE,
                "project code calls none of the vulnerable symbols ("
                    + String.join(", ", m.functions())
                    + ")");
      }
    }
    List<String> packages = packagesOf(c);
    Optional<Boolean> r = refs.get().references(packages);
    if (r.isEmpty()) {
      return new Verdict(State.UNKNOWN, "references could not be determined");
    }
    if (r.get()) {
      return new Verdict(State.REACHABLE, "project code uses " + shortList(packages));
    }
    // Code written against a project's API reaches its implementation at run time (calls on
    // log4j-api's Logger run log4j-core's lookups), so the group's packages count too.
    String group = c.name().split(":")[0];
    if (!packages.equals(List.of(group)) && refs.get().references(List.of(group)).orElse(false)) {
      return new Verdict(
          State.REACHABLE,
          "project code uses the " + group + " API, which runs this artifact's code");
    }
    return c.direct()
        ? new Verdict(State.UNREACHABLE, "no project code refers to " + shortList(packages))
        : new Verdict(
            State.UNKNOWN,
            "transitive dependency: other libraries may use it even though project code does not");
  }

  private static String shortList(List<String> l) {
    return l.size() <= 3
        ? String.join(", ", l)
        : String.join(", ", l.subList(0, 3)) + " and " + (l.size() - 3) + " more";
  }

  /** The Java packages a Maven artifact holds. */
  List<String> packagesOf(Component c) {
    String[] ga = c.name().split(":");
    if (ga.length == 2) {
      Path jar =
          repository
              .resolve(ga[0].replace('.', '/'))
              .resolve(ga[1])
              .resolve(c.version())
              .resolve(ga[1] + "-" + c.version() + ".jar");
      if (Files.isRegularFile(jar)) {
        TreeSet<String> pkgs = new TreeSet<>();
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(jar))) {
          ZipEntry e;
          int n = 0;
          while ((e = zin.getNextEntry()) != null && n++ < 50_000) {
            String name = e.getName();
            if (name.endsWith(".class") && !name.startsWith("META-INF/") && name.contains("/")) {
              pkgs.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
            }
          }
        } catch (IOException e) {
          // fall back to the group id
        }
        if (!pkgs.isEmpty()) {
          return new ArrayList<>(pkgs);
        }
      }
      return List.of(ga[0]);
    }
    return List.of(c.name());
  }
}
