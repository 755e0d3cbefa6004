package dev.bulwark.eval;

import java.nio.file.Path;

/**
 * Where Bulwark is installed: the launcher passes {@code -Dbulwark.home}; else the working
 * directory.
 */
public final class Home {
  private Home() {}

  public static Path dir() {
    String home = System.getProperty("bulwark.home");
    return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath();
  }
}
