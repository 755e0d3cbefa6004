package dev.bulwark.code.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The compile class path of a Maven project, from {@code dependency:build-classpath} run by Maven
 * (Bulwark's own wrapper when it ships with one, else {@code mvn} on the PATH): offline first, so a
 * populated local repository is enough, then online. Results are cached by the POM's content.
 */
public final class Classpaths {
  private static final Map<String, Optional<List<Path>>> CACHE = new ConcurrentHashMap<>();
  private static final long TIMEOUT_MINUTES = 10;

  private Classpaths() {}

  /** The nearest pom.xml at or above {@code dir}, not above {@code limit}. */
  public static Optional<Path> pomFor(Path dir, Path limit) {
    Path d = dir.toAbsolutePath().normalize();
    Path top = limit.toAbsolutePath().normalize();
    while (d != null && d.startsWith(top)) {
      if (Files.isRegularFile(d.resolve("pom.xml"))) {
        return Optional.of(d.resolve("pom.xml"));
      }
      d = d.getParent();
    }
    return Optional.empty();
  }

  /** The resolved class path, or empty when Maven is unavailable or the build cannot resolve. */
  public static Optional<List<Path>> resolve(Path pom) {
    String key;
    try {
      key = pom.toAbsolutePath() + "#" + sha256(Files.readString(pom, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
    return CACHE.computeIfAbsent(key, k -> compute(pom));
  }

  private static Optional<List<Path>> compute(Path pom) {
    Optional<List<String>> maven = mavenCommand();
    if (maven.isEmpty()) {
      return Optional.empty();
    }
    for (boolean offline : new boolean[] {true, false}) {
      try {
        Path out = Files.createTempFile("bulwark-cp", ".txt");
        try {
          List<String> cmd = new ArrayList<>(maven.get());
          cmd.addAll(
              List.of(
                  "-q",
                  "-B",
                  "-f",
                  pom.toAbsolutePath().toString(),
                  "dependency:build-classpath",
                  "-Dmdep.outputFile=" + out,
                  "-Dmdep.includeScope=test"));
          if (offline) {
            cmd.add("-o");
          }
          Process p =
              new ProcessBuilder(cmd)
                  .redirectErrorStream(true)
                  .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                  .start();
          if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            continue;
          }
          if (p.exitValue() == 0) {
            String text = Files.readString(out, StandardCharsets.UTF_8).strip();
            List<Path> cp = new ArrayList<>();
            for (String s : text.split(java.io.File.pathSeparator)) {
              if (!s.isBlank()) {
                cp.add(Path.of(s));
              }
            }
            return Optional.of(List.copyOf(cp));
          }
        } finally {
          Files.deleteIfExists(out);
        }
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A dependency's jar from the local repository, fetched once with Maven when it is missing. */
  public static Optional<Path> artifact(Candidate.Dependency d) {
    Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository");
    Path jar =
        repo.resolve(d.groupId().replace('.', '/'))
            .resolve(d.artifactId())
            .resolve(d.version())
            .resolve(d.artifactId() + "-" + d.version() + ".jar");
    if (Files.isRegularFile(jar)) {
      return Optional.of(jar);
    }
    Optional<List<String>> maven = mavenCommand();
    if (maven.isEmpty()) {
      return Optional.empty();
    }
    try {
      List<String> cmd = new ArrayList<>(maven.get());
      cmd.addAll(
          List.of(
              "-q", "-B", "dependency:get", "-Dartifact=" + d.coordinates(), "-Dtransitive=false"));
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
  }

  private static Optional<List<String>> mavenCommand() {
    String home = System.getProperty("bulwark.home");
    if (home != null && Files.isExecutable(Path.of(home, "mvnw"))) {
      return Optional.of(List.of(Path.of(home, "mvnw").toString()));
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, "mvn"))) {
          return Optional.of(List.of(Path.of(dir, "mvn").toString()));
        }
      }
    }
    return Optional.empty();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
