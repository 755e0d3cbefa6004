package dev.bulwark.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classpath the shipped CLI runs with, for tests that start it as a process: the test classpath
 * without the test classes and without the libraries this module declares for tests only, so a
 * library the CLI needs but declares for tests alone fails here as it would for users.
 */
final class RuntimeClasspath {
  private RuntimeClasspath() {}

  private static final Pattern TEST_DEPENDENCY =
      Pattern.compile(
          "<artifactId>([^<]+)</artifactId>\\s*(<type>test-jar</type>\\s*)?<scope>test</scope>");

  static String get() {
    List<String> testOnly = new ArrayList<>();
    try {
      Matcher m = TEST_DEPENDENCY.matcher(Files.readString(Path.of("pom.xml")));
      while (m.find()) {
        // a test-jar is the artifact's "-tests" jar; its main jar stays
        testOnly.add(m.group(2) == null ? m.group(1) + "-" : m.group(1) + "-tests");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      boolean drop =
          entry.endsWith("test-classes")
              || testOnly.stream()
                  .anyMatch(a ->
                      name.endsWith(".jar")
                          && (a.endsWith("-tests")
                              ? name.startsWith(a.substring(0, a.length() - 6))
                                  && name.endsWith("-tests.jar")
                              : name.startsWith(a)));
      if (!drop) {
        kept.add(entry);
      }
    }
    return String.join(File.pathSeparator, kept);
  }

  /** The command line that runs the shipped CLI with these arguments, on this JDK. */
  static List<String> command(String... args) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", get(), "dev.bulwark.cli.Main"));
    c.addAll(List.of(args));
    return c;
  }
}
