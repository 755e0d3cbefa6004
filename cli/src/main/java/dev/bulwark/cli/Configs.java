package dev.bulwark.cli;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.errors.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds and loads bulwark.yaml for a command; warnings go to stderr. */
final class Configs {
  private Configs() {}

  static BulwarkConfig load(Path explicit, Path scanned) throws InputException {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit)) {
        throw new InputException(explicit + ": configuration file not found");
      }
      return ConfigLoader.load(explicit, BuiltInAnalyzers.configSections(), Configs::warn);
    }
    if (!Files.exists(scanned)) {
      throw new InputException(scanned + ": no such file or directory");
    }
    Optional<Path> found = ConfigLoader.discover(scanned, Configs::warn);
    if (found.isPresent()) {
      return ConfigLoader.load(found.get(), BuiltInAnalyzers.configSections(), Configs::warn);
    }
    Path base = Files.isDirectory(scanned) ? scanned : scanned.toAbsolutePath().getParent();
    return BulwarkConfig.empty(base.toAbsolutePath());
  }

  private static void warn(String message) {
    System.err.println("bulwark: warning: " + message);
  }
}
