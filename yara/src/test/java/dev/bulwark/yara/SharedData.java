package dev.bulwark.yara;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code ../shared/data/yara} above the working directory (tests run in the module). */
final class SharedData {
  private SharedData() {}

  static Optional<Path> yara() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++) {
      Path p = dir.resolve("../shared/data/yara").normalize();
      if (Files.isDirectory(p.resolve("rules"))) {
        return Optional.of(p);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }
}
