package dev.bulwark.code.fix;

import dev.bulwark.code.fix.spi.Candidate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes verified patches into a tree (the project itself with {@code --apply}, or a scratch copy
 * to run the project's tests), each file replaced atomically, POMs gaining the dependencies the
 * patches need.
 */
public final class Patches {
  private static final Set<String> SKIP =
      Set.of(".git", "target", "build", ".bulwark", "node_modules", ".gradle");

  private Patches() {}

  /** Writes the patched files and POM changes under {@code root}. */
  public static void write(
      Path root, Map<String, String> files, Map<String, Set<Candidate.Dependency>> dependencies)
      throws IOException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      atomicWrite(root.resolve(e.getKey()), e.getValue());
    }
    for (Map.Entry<String, Set<Candidate.Dependency>> e : dependencies.entrySet()) {
      Path pom = root.resolve(e.getKey());
      String text = Files.readString(pom, StandardCharsets.UTF_8);
      for (Candidate.Dependency d : e.getValue()) {
        text = PomEditor.add(text, d);
      }
      atomicWrite(pom, text);
    }
  }

  private static void atomicWrite(Path target, String text) throws IOException {
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".bulwark-", ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A copy of the project without build output and version-control data. */
  public static Path scratchCopy(Path root) throws IOException {
    Path copy = Files.createTempDirectory("bulwark-fix-tests");
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(root) && SKIP.contains(dir.getFileName().toString())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(copy.resolve(root.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isRegularFile()) {
              Files.copy(
                  file,
                  copy.resolve(root.relativize(file).toString()),
                  StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return copy;
  }

  public static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Runs the project's test command in a directory; the output goes to {@code log}. */
  public static boolean runTests(Path dir, String command, Path log, long timeoutMinutes)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(List.of("bash", "-c", command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }
}
