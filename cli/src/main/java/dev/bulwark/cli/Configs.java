package dev.bulwark.cli;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.errors.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** Finds and loads bulwark.yaml for a command; warnings go to stderr. */
final class Configs {
  private Configs() {}

  static BulwarkConfig load(Path explicit, Path scanned) throws InputException {
    return load(explicit, scanned, Configs::warn);
  }

  /** As {@link #load(Path, Path)}, each warning given to {@code warnings}. */
  static BulwarkConfig load(Path explicit, Path scanned, Consumer<String> warnings)
      throws InputException {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit)) {
        throw new InputException(explicit + ": configuration file not found");
      }
      return ConfigLoader.load(explicit, BuiltInAnalyzers.configSections(), warnings);
    }
    if (!Files.exists(scanned)) {
      throw new InputException(scanned + ": no such file or directory");
    }
    Optional<Path> found = ConfigLoader.discover(scanned, warnings);
    if (found.isPresent()) {
      return ConfigLoader.load(found.get(), BuiltInAnalyzers.configSections(), warnings);
    }
    Path base = Files.isDirectory(scanned) ? scanned : scanned.toAbsolutePath().getParent();
    return BulwarkConfig.empty(base.toAbsolutePath());
  }

  private static void warn(String message) {
    System.err.println("bulwark: warning: " + message);
  }
}
