package dev.bulwark.compliance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code ../shared/data/<name>} from the repository root, whatever the working folder. */
final class SharedData {
  private SharedData() {}

  static Optional<Path> dir(String name) {
    Path p = Path.of("").toAbsolutePath();
    for (int i = 0; i < 5 && p != null; i++, p = p.getParent()) {
      Path d = p.resolve("../shared/data").resolve(name).normalize();
      if (Files.isDirectory(d)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
