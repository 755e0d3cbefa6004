package dev.bulwark.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a data set under {@code ../shared/data} above the working directory (tests run in their
 * module's folder). A user's clone has no such folder: tests that need it skip with {@link
 * #skipMessage(String)}.
 */
public final class SharedData {
  private SharedData() {}

  /** {@code ../shared/data/NAME} if it is there, looking up to four folders above. */
  public static Optional<Path> dir(String name) {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 5 && dir != null; i++) {
      Path p = dir.resolve("../shared/data").resolve(name).normalize();
      if (Files.isDirectory(p)) {
        return Optional.of(p);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }

  public static String skipMessage(String name) {
    return "../shared/data/" + name + " is not here (a user's clone has no shared data); skipped";
  }
}
