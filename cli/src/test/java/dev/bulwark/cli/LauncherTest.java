package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./bulwark} launcher's JDK discovery, run for real with bash. */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("../bulwark").toAbsolutePath().normalize();
  @TempDir Path dir;

  /** A fake JDK whose java prints the given version. */
  private Path fakeJdk(String name, String version) throws IOException {
    Path bin = dir.resolve(name).resolve("bin");
    Files.createDirectories(bin);
    for (String tool : new String[] {"java", "javac"}) {
      Path p = bin.resolve(tool);
      Files.writeString(
          p, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-04-15' >&2\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return dir.resolve(name);
  }

  private record Run(int exit, String out, String err) {}

  private Run run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder();
    pb.command().add("bash");
    pb.command().add(LAUNCHER.toString());
    pb.command().addAll(List.of(args));
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.directory(dir.toFile());
    pb.redirectErrorStream(false);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out, err);
  }

  @Test
  void withoutAJdk21_itSaysWhatToInstallAndExitsWithTwo() throws Exception {
    Path old = fakeJdk("jdk17", "17.0.15");
    Files.createDirectories(dir.resolve("empty"));
    Run r =
        run(
            Map.of(
                "PATH", old.resolve("bin") + ":/usr/bin:/bin",
                "JAVA_HOME", old.toString(),
                "BULWARK_JDK_DIRS", dir.resolve("empty").toString()),
            "--version");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("needs a JDK 21 or newer")
        .contains("Java 17")
        .contains("adoptium.net");
  }

  @Test
  void aJdk21InTheSearchDirectory_isFoundEvenWhenTheDefaultJavaIsOlder() throws Exception {
    Path old = fakeJdk("jdk17", "17.0.15");
    Path jvms = dir.resolve("jvms");
    Files.createDirectories(jvms);
    Path real = Path.of(System.getProperty("java.home"));
    Files.createSymbolicLink(jvms.resolve("jdk-current"), real);
    Run r =
        run(
            Map.of(
                "PATH",
                old.resolve("bin") + ":/usr/bin:/bin",
                "BULWARK_JDK_DIRS",
                jvms.toString(),
                "BULWARK_PRINT_JDK",
                "1"),
            "--version");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo(jvms.resolve("jdk-current").toString());
  }
}
