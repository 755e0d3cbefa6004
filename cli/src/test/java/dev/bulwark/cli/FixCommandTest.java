package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.Schemas;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark fix} on the demo: every planted code flaw gets a verified patch; with --apply and
 * the demo's own tests as the gate, the demo still builds and passes, and a re-scan finds none of
 * the fixed flaws.
 */
class FixCommandTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DEMO = ROOT.resolve("examples/webshop");
  @TempDir Path dir;

  @BeforeAll
  static void home() {
    // as the launcher sets it; the demo's own tests (--test-cmd) run with Bulwark's Maven Wrapper
    System.setProperty("bulwark.home", ROOT.toString());
  }

  private Path copyOfDemo() throws Exception {
    Path copy = dir.resolve("webshop");
    Files.walkFileTree(
        DEMO,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws java.io.IOException {
            if (d.getFileName().toString().equals("target")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(copy.resolve(DEMO.relativize(d).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a)
              throws java.io.IOException {
            Files.copy(f, copy.resolve(DEMO.relativize(f).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
    return copy;
  }

  @Test
  void diff_proposesVerifiedPatches_andChangesNothing_andTheSarifCarriesThem() throws Exception {
    Path demo = copyOfDemo();
    String before =
        Files.readString(demo.resolve("src/main/java/com/example/webshop/ProductRepository.java"));
    Path sarif = dir.resolve("fix.sarif");
    Cli.Result r = Cli.run("fix", demo.toString(), "--format", "sarif", "-o", sarif.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "verified   java-sqli",
            "verified   java-xss",
            "+      st.setString(1, \"%\" + term + \"%\");");
    assertThat(
            Files.readString(
                demo.resolve("src/main/java/com/example/webshop/ProductRepository.java")))
        .isEqualTo(before);
    JsonNode report = new ObjectMapper().readTree(sarif.toFile());
    assertThat(Schemas.sarifErrors(report)).isEmpty();
    assertThat(report.findValues("fixes")).isNotEmpty();
  }

  @Test
  void apply_withTheDemosTests_leavesItBuilding_andARescanClean() throws Exception {
    Path demo = copyOfDemo();
    String test =
        "JAVA_HOME='"
            + System.getProperty("java.home")
            + "' '"
            + ROOT.resolve("mvnw")
            + "' -q -B test";
    Cli.Result r = Cli.run("fix", demo.toString(), "--apply", "--test-cmd", test);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("tests without patches: passed")
        .contains("tests with all patches: passed");
    assertThat(r.out()).contains("verified patches applied, 0 unverified, 0 without a fix");
    assertThat(Files.readString(demo.resolve("pom.xml")))
        .contains("<artifactId>encoder</artifactId>");
    Cli.Result rescan = Cli.run("scan", demo.toString(), "--analyzer", "code", "--no-progress");
    assertThat(rescan.out()).contains("No findings");
  }

  @Test
  void apply_whenTheTestsFailBeforeAnyPatch_stopsAndWritesNothing() throws Exception {
    Path demo = copyOfDemo();
    String before = Files.readString(demo.resolve("pom.xml"));
    Cli.Result r = Cli.run("fix", demo.toString(), "--apply", "--test-cmd", "exit 3");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("tests without patches: FAILED")
        .contains("the project's tests already fail without any patch (exit 3)")
        .contains("Nothing was changed");
    assertThat(r.out()).doesNotContain("applied");
    assertThat(Files.readString(demo.resolve("pom.xml"))).isEqualTo(before);
  }

  @Test
  void llm_withoutAModel_fallsBackToTheTemplates() throws Exception {
    Path demo = copyOfDemo();
    Cli.Result r = Cli.run("fix", demo.toString(), "--llm", "--rule", "java-sqli");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("no model is configured").contains("using the templates alone");
    assertThat(r.out()).contains("verified   java-sqli");
  }
}
