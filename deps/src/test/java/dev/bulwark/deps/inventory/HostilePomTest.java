package dev.bulwark.deps.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.deps.model.Component;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A POM in a scanned repository is written by whoever wrote the repository: a DOCTYPE must not make
 * it vanish from the inventory, and its {@code <relativePath>} must not make Bulwark read files
 * outside the scanned directory, devices, or files of any size.
 */
class HostilePomTest {
  private static final String LOG4J =
      "<dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId>"
          + "<version>2.14.1</version></dependency>";

  @TempDir Path dir;

  private static String pom(String artifact, String parent, String deps) {
    return "<?xml version=\"1.0\"?>\n<project><modelVersion>4.0.0</modelVersion>"
        + parent
        + "<groupId>g</groupId><artifactId>"
        + artifact
        + "</artifactId><version>1</version><dependencies>"
        + deps
        + "</dependencies></project>\n";
  }

  private static String parent(String g, String a, String rel) {
    return "<parent><groupId>"
        + g
        + "</groupId><artifactId>"
        + a
        + "</artifactId><version>1</version><relativePath>"
        + rel
        + "</relativePath></parent>";
  }

  private List<String> inventory(Path root, List<Diagnostic> ds) throws Exception {
    List<Component> cs =
        new Inventory(List.of(new MavenPom(dir.resolve("empty-repository"))))
            .read(
                SourceTree.walk(
                    List.of(root), new WalkOptions(List.of(), List.of(), false, true), ds::add),
                ds::add);
    return cs.stream().map(c -> c.name() + "@" + c.version()).toList();
  }

  @Test
  void doctypeWithExternalEntities_isIgnored_andThePomStillRead() throws Exception {
    Path p = Files.createDirectories(dir.resolve("xxe"));
    Files.writeString(
        p.resolve("pom.xml"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE project [<!ENTITY h SYSTEM \"file:///etc/hostname\">"
            + "<!ENTITY s SYSTEM \"file:///etc/passwd\">]>\n"
            + "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId>"
            + "<artifactId>a&h;</artifactId><version>1</version><description>&s;</description>"
            + "<dependencies>"
            + LOG4J
            + "</dependencies></project>\n");
    List<Diagnostic> ds = new ArrayList<>();
    assertThat(inventory(p, ds)).containsExactly("org.apache.logging.log4j:log4j-core@2.14.1");
    assertThat(ds)
        .anySatisfy(d -> {
          assertThat(d.path()).isEqualTo("pom.xml");
          assertThat(d.message()).contains("DOCTYPE was ignored");
        });
    assertThat(ds.toString()).doesNotContain("root:");
  }

  @Test
  void billionLaughs_isIgnored_andThePomStillRead() throws Exception {
    Path p = Files.createDirectories(dir.resolve("laughs"));
    StringBuilder lol = new StringBuilder("<!ENTITY lol \"lol\">");
    for (int i = 1; i < 10; i++) {
      lol.append("<!ENTITY lol").append(i).append(" \"");
      lol.append(("&lol" + (i > 1 ? i - 1 : "") + ";").repeat(10)).append("\">");
    }
    Files.writeString(
        p.resolve("pom.xml"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE project ["
            + lol
            + "]>\n<project><groupId>x</groupId><artifactId>&lol9;</artifactId><version>1</version>"
            + "<dependencies>"
            + LOG4J
            + "</dependencies></project>\n");
    List<Diagnostic> ds = new ArrayList<>();
    assertThat(inventory(p, ds)).containsExactly("org.apache.logging.log4j:log4j-core@2.14.1");
  }

  @Test
  void parentOutsideTheScannedDirectory_isNotRead_andSaidSo() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside/parent"));
    Files.writeString(
        outside.resolve("pom.xml"),
        pom(
                "outside-parent",
                "",
                "<dependency><groupId>org.springframework</groupId><artifactId>spring-webmvc</artifactId>"
                    + "<version>5.3.17</version></dependency>")
            .replace("<groupId>g</groupId>", "<groupId>evil</groupId>"));
    Path p = Files.createDirectories(dir.resolve("cases/parent_outside"));
    Files.writeString(
        p.resolve("pom.xml"),
        pom("child", parent("evil", "outside-parent", "../../outside/parent/pom.xml"), LOG4J));
    List<Diagnostic> ds = new ArrayList<>();
    assertThat(inventory(p, ds)).containsExactly("org.apache.logging.log4j:log4j-core@2.14.1");
    assertThat(ds)
        .anySatisfy(d -> {
          assertThat(d.path()).isEqualTo("pom.xml");
          assertThat(d.message()).contains("../../outside/parent/pom.xml", "outside");
        });
  }

  @Test
  void parentThatIsADevice_aHugeFile_orACycle_isSkipped_andTheChildStillRead() throws Exception {
    Path p = Files.createDirectories(dir.resolve("special"));
    Files.writeString(p.resolve("pom.xml"), pom("child", parent("evil", "k", "/dev/zero"), LOG4J));
    Path huge = Files.createDirectories(dir.resolve("huge"));
    try (RandomAccessFile f = new RandomAccessFile(huge.resolve("parent.xml").toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: 3 GB that take no disk space
    }
    Files.writeString(
        huge.resolve("pom.xml"), pom("child", parent("evil", "huge", "parent.xml"), LOG4J));
    Path cycle = Files.createDirectories(dir.resolve("cycle"));
    Files.createDirectories(cycle.resolve("a"));
    Files.createDirectories(cycle.resolve("b"));
    Files.writeString(
        cycle.resolve("a/pom.xml"), pom("a", parent("g", "b", "../b/pom.xml"), LOG4J));
    Files.writeString(cycle.resolve("b/pom.xml"), pom("b", parent("g", "a", "../a/pom.xml"), ""));
    for (Path root : List.of(p, huge, cycle)) {
      List<Diagnostic> ds = new ArrayList<>();
      assertThat(inventory(root, ds))
          .as(root.getFileName().toString())
          .contains("org.apache.logging.log4j:log4j-core@2.14.1");
      assertThat(ds).as(root.getFileName().toString()).isNotEmpty();
    }
  }
}
