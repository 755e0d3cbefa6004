package dev.bulwark.core.config;

import java.nio.file.Path;

/**
 * Where Bulwark keeps its data: {@code --data-dir}, the {@code bulwark.data.dir} property, {@code
 * BULWARK_DATA_DIR}, else {@code ~/.bulwark}.
 */
public final class DataDir {
  private DataDir() {}

  public static Path resolve(Path explicit) {
    if (explicit != null) {
      return explicit.toAbsolutePath();
    }
    String property = System.getProperty("bulwark.data.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath();
    }
    String env = System.getenv("BULWARK_DATA_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".bulwark");
  }
}
