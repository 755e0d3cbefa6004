package dev.bulwark.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.testing.RuleFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Library mode: in a project without web entry points the public API's data parameters are the
 * caller's, so deserializing or evaluating them is reported (at low confidence); in an application
 * the same code is not. Each fixture is scanned as a project of its own.
 */
class LibraryModeTest {
  private static Path resource(String name) throws Exception {
    return Path.of(LibraryModeTest.class.getResource("/dev/bulwark/code/" + name).toURI());
  }

  @TestFactory
  Stream<DynamicTest> fixtures_matchTheirMarkers() throws Exception {
    return RuleFixtures.tests(
        List.of(
            resource("library/SpecReader.java"),
            resource("library/JndiHelper.java"),
            resource("application/WebApp.java")),
        (f, e) -> {
          JavaScan.Result r = JavaScan.files(f.getParent(), List.of(f));
          return r.rulesByLine();
        });
  }

  @Test
  void apiFindings_haveLowConfidenceAndNameTheirSource() throws Exception {
    Path f = resource("library/SpecReader.java");
    JavaScan.Result r = JavaScan.files(f.getParent(), List.of(f));
    assertThat(r.findings())
        .filteredOn(x -> x.ruleId().equals("java-unsafe-deserialization"))
        .isNotEmpty()
        .allSatisfy(x -> {
          assertThat(x.confidence()).isEqualTo(Confidence.LOW);
          assertThat(x.message()).contains("public API parameter");
        });
  }

  /**
   * A library that ships one servlet (a status page) beside its API is still a library; once web
   * entry points are a real share of the classes it is an application, and the same API method is
   * not reported.
   */
  @Test
  void webEntryPointsInASmallShareOfClasses_stillALibrary(@TempDir Path dir) throws Exception {
    List<Path> files = new java.util.ArrayList<>();
    files.add(
        write(
            dir,
            "Lookups.java",
            """
            package lib;
            public class Lookups {
              public static Object lookup(javax.naming.Context ctx, String name) throws Exception {
                return ctx.lookup(name);
              }
            }
            """));
    files.add(write(dir, "StatusServlet.java", servlet("StatusServlet")));
    for (int i = 0; i < 24; i++) {
      files.add(write(dir, "Api" + i + ".java", "package lib;\npublic class Api" + i + " {}\n"));
    }
    assertThat(jndiFindings(dir, files)).isEqualTo(1);
    for (int i = 0; i < 2; i++) {
      files.add(write(dir, "Servlet" + i + ".java", servlet("Servlet" + i)));
    }
    assertThat(jndiFindings(dir, files)).as("3 of 28 classes take requests").isZero();
  }

  private static long jndiFindings(Path dir, List<Path> files) throws Exception {
    return JavaScan.files(dir, files).findings().stream()
        .filter(x -> x.ruleId().equals("java-jndi-injection"))
        .count();
  }

  private static String servlet(String name) {
    return "package lib;\n"
        + "public class "
        + name
        + " extends javax.servlet.http.HttpServlet {\n"
        + "  protected void doGet(javax.servlet.http.HttpServletRequest q,"
        + " javax.servlet.http.HttpServletResponse r) {}\n"
        + "}\n";
  }

  private static Path write(Path dir, String name, String text) throws Exception {
    return java.nio.file.Files.writeString(dir.resolve(name), text);
  }
}
