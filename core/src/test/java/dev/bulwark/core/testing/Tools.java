package dev.bulwark.core.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the machine's programs that some tests compare with or drive (chromium, sshd, strace,
 * lynis, dot …) the way a shell does, on {@code PATH} only: a run with a program removed from
 * {@code PATH} then sees a machine without it, and the test skips saying what to install. {@code
 * .ci/run} relies on this to prove that a fresh machine's test run passes.
 */
public final class Tools {
  private Tools() {}

  /** The first of {@code names} found as an executable file on {@code PATH}. */
  public static Optional<Path> onPath(String... names) {
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
      for (String name : names) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p) && !Files.isDirectory(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Debian's chromium, which the browser tests drive through Playwright; null when absent. */
  public static Path chromium() {
    return onPath("chromium", "chromium-browser").orElse(null);
  }

  /** The message a test skips with when {@code program} is missing. */
  public static String missing(String program, String debianPackage) {
    return program + " is not on PATH (Debian: apt-get install " + debianPackage + "); skipped";
  }
}
