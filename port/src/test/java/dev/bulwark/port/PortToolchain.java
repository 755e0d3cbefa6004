package dev.bulwark.port;

import dev.bulwark.port.gate.Cargo;
import dev.bulwark.port.gate.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Skips a test, saying why, when gcc, cargo or Clippy is not installed. */
public final class PortToolchain {
  private PortToolchain() {}

  public static void requireGcc() {
    Assumptions.assumeTrue(
        Exec.available("gcc", "--version"),
        "gcc is not installed (Debian: apt-get install gcc); skipping");
  }

  public static void requireRust() {
    requireGcc();
    Assumptions.assumeTrue(
        Cargo.available(),
        "cargo is not installed (Debian: apt-get install cargo rustc); skipping");
    Assumptions.assumeTrue(
        Cargo.clippyAvailable(),
        "Clippy is not installed (Debian: apt-get install rust-clippy); skipping");
  }

  /** The suite shipped in corpora/port, found from the module directory. */
  public static Path suite() {
    Path p = Path.of("..", "corpora", "port").toAbsolutePath().normalize();
    Assumptions.assumeTrue(
        Files.isDirectory(p), "corpora/port not found beside the module; skipping");
    return p;
  }
}
