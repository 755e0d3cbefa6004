package dev.bulwark.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: compares output with {@code src/test/resources/golden/<name>} of the
 * module under test. Run with {@code -Dgolden.update=true} to rewrite the files after a deliberate
 * change, then review the diff.
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(String name, String actual) throws IOException {
    Path base = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden");
    Path file = base.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(file)
        .as("golden file %s is missing; run with -Dgolden.update=true to create it", file)
        .exists();
    assertThat(actual)
        .as(
            "output differs from %s (rerun with -Dgolden.update=true if the change is intended)",
            file)
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
