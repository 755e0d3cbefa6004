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

  /**
   * A checkout holding the launcher, a built jar and a fake JDK 25 whose java writes what the AOT
   * options ask for (a record at exit, a cache when creating) and prints its arguments.
   */
  private Path checkoutWithFakeJdk(String javaVersion) throws IOException {
    Path root = dir.resolve("checkout");
    Files.createDirectories(root.resolve("cli/target"));
    Files.createDirectories(root.resolve(".bulwark"));
    Files.copy(LAUNCHER, root.resolve("bulwark"));
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.writeString(root.resolve("cli/target/bulwark.jar"), "jar");
    Files.writeString(root.resolve(".bulwark/build.stamp"), "");
    Path home = dir.resolve("jdk");
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("lib"));
    Files.writeString(home.resolve("lib/modules"), "modules");
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + javaVersion + "\"\n");
    Files.writeString(
        home.resolve("bin/java"),
        """
        #!/bin/bash
        for a in "$@"; do
          case "$a" in
            -XX:AOTMode=create) create=1 ;;
            -XX:AOTConfiguration=*) conf="${a#*=}" ;;
            -XX:AOTCache=*) cache="${a#*=}" ;;
          esac
        done
        if [ -n "${create:-}" ]; then grep -q complete "$conf" && echo cache > "$cache"; exit 0; fi
        [ -n "${conf:-}" ] && echo "${FAKE_RECORD:-complete}" > "$conf"
        printf '%s\\n' "$@"
        """);
    Files.copy(home.resolve("bin/java"), home.resolve("bin/javac"));
    for (String tool : new String[] {"java", "javac"}) {
      Files.setPosixFilePermissions(
          home.resolve("bin").resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return root;
  }

  private Run runIn(Path root, Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder();
    pb.command().add("bash");
    pb.command().add(root.resolve("bulwark").toString());
    pb.command().addAll(List.of(args));
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    pb.environment().put("BULWARK_DATA_DIR", dir.resolve("data").toString());
    pb.environment().putAll(env);
    pb.directory(dir.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out, err);
  }

  private List<String> jvmFiles() throws IOException {
    Path jvm = dir.resolve("data/cache/jvm");
    if (!Files.isDirectory(jvm)) {
      return List.of();
    }
    try (var s = Files.list(jvm)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aotCache_firstRunRecords_secondBuildsIt_laterRunsMapIt() throws Exception {
    Path root = checkoutWithFakeJdk("25.0.3");

    Run first = runIn(root, Map.of(), "logs", "hunt", "x.evtx");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("-XX:AOTMode=record").doesNotContain("-XX:AOTCache=");
    assertThat(first.out()).contains("-Xlog:aot*=off").contains("-jar");
    // JDK 25 prints that it recorded on standard output whatever -Xlog says: VM output is off
    assertThat(first.out()).contains("-XX:-DisplayVMOutput");
    // log commands run on the quick compiler alone (cheaper as whole processes, see the launcher)
    assertThat(first.out()).contains("-XX:TieredStopAtLevel=1");
    assertThat(jvmFiles()).singleElement().asString().startsWith("logs-").endsWith(".aotconf");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("data/cache/jvm"))))
        .isEqualTo("rwx------");

    Run second = runIn(root, Map.of(), "logs", "hunt", "x.evtx");
    assertThat(second.out()).contains("-XX:AOTCache=").doesNotContain("-XX:AOTMode=record");
    assertThat(second.out()).doesNotContain("DisplayVMOutput");
    assertThat(jvmFiles()).singleElement().asString().startsWith("logs-").endsWith(".aot");

    Run third = runIn(root, Map.of(), "logs", "hunt", "x.evtx");
    assertThat(third.out()).isEqualTo(second.out());

    // other options are another cache, and using them in turn keeps both
    Map<String, String> small = Map.of("BULWARK_JAVA_OPTS", "-Xmx300m");
    runIn(root, small, "logs", "hunt", "x.evtx");
    runIn(root, small, "logs", "hunt", "x.evtx");
    assertThat(runIn(root, small, "logs", "hunt", "x.evtx").out()).contains("-XX:AOTCache=");
    assertThat(runIn(root, Map.of(), "logs", "hunt", "x.evtx").out()).contains("-XX:AOTCache=");
    assertThat(jvmFiles()).hasSize(2).allMatch(f -> f.endsWith(".aot"));
    // help only prints, and leaves the caches alone
    assertThat(runIn(root, Map.of(), "logs", "hunt", "--help").out()).doesNotContain("AOT");

    // a rebuilt jar is another key: recorded afresh
    Files.writeString(root.resolve("cli/target/bulwark.jar"), "another jar, another size");
    Run rebuilt = runIn(root, Map.of(), "logs", "hunt", "x.evtx");
    assertThat(rebuilt.out()).contains("-XX:AOTMode=record");
    assertThat(runIn(root, Map.of(), "logs", "hunt", "x.evtx").out()).contains("-XX:AOTCache=");

    // so is a rebuilt library beside it (the jar's manifest puts lib/ on the class path)
    Files.createDirectories(root.resolve("cli/target/lib"));
    Files.writeString(root.resolve("cli/target/lib/bulwark-logs.jar"), "a rebuilt module");
    assertThat(runIn(root, Map.of(), "logs", "hunt", "x.evtx").out())
        .contains("-XX:AOTMode=record");
  }

  @Test
  void aotCache_aRecordThatDoesNotBuild_isDroppedAndTheCommandStillRuns() throws Exception {
    Path root = checkoutWithFakeJdk("25");
    runIn(root, Map.of("FAKE_RECORD", "torn"), "scan", ".");
    assertThat(jvmFiles()).singleElement().asString().endsWith(".aotconf");

    Run next = runIn(root, Map.of(), "scan", ".");
    assertThat(next.exit()).isZero();
    assertThat(next.out()).contains("-XX:AOTMode=record").doesNotContain("-XX:AOTCache=");
    assertThat(next.err()).isEmpty();
  }

  @Test
  void aotCache_notForOlderJdks_longRunningCommands_orWhenTurnedOff() throws Exception {
    Path root = checkoutWithFakeJdk("25");
    assertThat(runIn(root, Map.of(), "serve").out()).doesNotContain("AOT");
    assertThat(runIn(root, Map.of(), "--version").out()).doesNotContain("AOT");
    assertThat(runIn(root, Map.of("BULWARK_NO_AOT_CACHE", "1"), "scan", ".").out())
        .doesNotContain("AOT");
    assertThat(jvmFiles()).isEmpty();

    Files.writeString(dir.resolve("jdk/release"), "JAVA_VERSION=\"21.0.7\"\n");
    Files.deleteIfExists(root.resolve(".bulwark/jdk"));
    assertThat(runIn(root, Map.of(), "scan", ".").out()).doesNotContain("AOT");
    assertThat(jvmFiles()).isEmpty();
  }
}
