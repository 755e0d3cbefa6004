package dev.bulwark.deps.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {
  @TempDir Path dir;

  private static Path fixture(String name) throws Exception {
    return Path.of(InventoryTest.class.getResource("/inventory/" + name).toURI());
  }

  private static List<String> coords(List<Component> cs) {
    return cs.stream().map(c -> c.ecosystem().name() + " " + c.name() + "@" + c.version()).toList();
  }

  private static List<Component> read(Path root, List<Diagnostic> ds) throws Exception {
    return Inventory.standard()
        .read(
            SourceTree.walk(
                List.of(root), new WalkOptions(List.of(), List.of(), false, false), ds::add),
            ds::add);
  }

  /** A manifest that cannot be read is named once: "x: x: not valid JSON" read as two places. */
  @Test
  void unreadableManifest_isAnErrorNamingTheFileOnce() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(
        sub.resolve("package-lock.json"),
        "{\"lockfileVersion\":3,\"packages\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
    List<Diagnostic> ds = new ArrayList<>();
    read(dir, ds);
    assertThat(ds)
        .anySatisfy(d -> {
          assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
          assertThat(d.path()).isEqualTo("sub/package-lock.json");
          assertThat(d.message()).startsWith("not valid JSON").doesNotContain("package-lock");
        });
  }

  @Test
  void maven_inheritsFromTheParent_andFollowsTheLocalRepository() throws Exception {
    Path app = fixture("maven/app/pom.xml");
    MavenPom pom = new MavenPom(fixture("maven/repo"));
    List<Component> cs =
        pom.parse(app, "app/pom.xml", Files.readAllBytes(app), List.of(fixture("maven")), d -> {});
    assertThat(coords(cs))
        .containsExactlyInAnyOrder(
            "MAVEN org.apache.logging.log4j:log4j-core@2.14.1",
            "MAVEN org.example:lib-a@1.0",
            "MAVEN junit:junit@4.13.2",
            "MAVEN org.example:lib-b@2.0");
    Component libB =
        cs.stream().filter(c -> c.name().equals("org.example:lib-b")).findFirst().orElseThrow();
    assertThat(libB.direct()).isFalse();
    assertThat(libB.via()).isEqualTo("org.example:lib-a > org.example:lib-b");
    assertThat(
            cs.stream()
                .filter(c -> c.name().equals("junit:junit"))
                .findFirst()
                .orElseThrow()
                .scope())
        .isEqualTo("test");
    assertThat(cs.get(0).purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
  }

  @Test
  void maven_aVersionFromABomMissingFromTheRepository_isAWarningThatNamesTheFix() throws Exception {
    Path pom = dir.resolve("pom.xml");
    Files.writeString(
        pom,
        """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.example</groupId><artifactId>shop</artifactId><version>1</version>
          <dependencyManagement><dependencies>
            <dependency>
              <groupId>org.example.never</groupId><artifactId>platform-bom</artifactId>
              <version>9.9</version><type>pom</type><scope>import</scope>
            </dependency>
          </dependencies></dependencyManagement>
          <dependencies>
            <dependency><groupId>org.example.never</groupId><artifactId>web</artifactId></dependency>
            <dependency><groupId>org.example.never</groupId><artifactId>data</artifactId></dependency>
            <dependency>
              <groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version>
            </dependency>
          </dependencies>
        </project>
        """);
    List<Diagnostic> ds = new ArrayList<>();
    List<Component> cs =
        new MavenPom(dir.resolve("empty-repo"))
            .parse(pom, "pom.xml", Files.readAllBytes(pom), List.of(dir), ds::add);
    assertThat(coords(cs)).contains("MAVEN junit:junit@4.13.2");
    assertThat(ds)
        .singleElement()
        .satisfies(d -> {
          assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
          assertThat(d.path()).isEqualTo("pom.xml");
          assertThat(d.message())
              .contains("2 dependencies have no version")
              .contains("org.example.never:web, org.example.never:data")
              .contains("bulwark deps inventory --resolve")
              .contains("mvn dependency:resolve");
        });
  }

  @Test
  void javaScriptLockfiles_allVersions() throws Exception {
    List<Diagnostic> ds = new ArrayList<>();
    assertThat(coords(read(fixture("npm3"), ds)))
        .containsExactlyInAnyOrder(
            "NPM lodash@4.17.20",
            "NPM @babel/core@7.22.0",
            "NPM jest@29.7.0",
            "NPM minimist@1.2.5");
    assertThat(coords(read(fixture("npm1"), ds)))
        .containsExactlyInAnyOrder("NPM express@4.17.1", "NPM qs@6.7.0", "NPM minimist@0.0.8");
    assertThat(coords(read(fixture("yarn1"), ds)))
        .containsExactlyInAnyOrder("NPM @types/node@18.11.9", "NPM lodash@4.17.15");
    assertThat(coords(read(fixture("berry"), ds))).containsExactly("NPM axios@0.21.1");
    assertThat(coords(read(fixture("pnpm"), ds)))
        .containsExactlyInAnyOrder("NPM ws@8.17.0", "NPM @scope/pkg@1.2.3", "NPM react-dom@18.2.0");
    assertThat(ds).isEmpty();
    Component scoped =
        read(fixture("npm3"), ds).stream()
            .filter(c -> c.name().equals("@babel/core"))
            .findFirst()
            .orElseThrow();
    assertThat(scoped.purl()).isEqualTo("pkg:npm/%40babel/core@7.22.0");
    assertThat(scoped.direct()).isTrue();
  }

  @Test
  void pythonGoRustPhpRubyAndGradle() throws Exception {
    List<Diagnostic> ds = new ArrayList<>();
    assertThat(coords(read(fixture("python"), ds)))
        .contains(
            "PYPI Django@3.2.4",
            "PYPI requests@2.25.1",
            "PYPI flask@",
            "PYPI urllib3@1.26.4",
            "PYPI pytest@6.2.4",
            "PYPI jinja2@2.11.2",
            "PYPI black@22.3.0",
            "PYPI pyyaml@5.3.1")
        .doesNotContain("PYPI shop@0.1.0");
    assertThat(coords(read(fixture("go"), ds)))
        .contains(
            "GO github.com/gin-gonic/gin@v1.5.0",
            "GO golang.org/x/text@v0.3.2",
            "GO github.com/stretchr/testify@v1.8.4");
    assertThat(coords(read(fixture("cargo"), ds))).containsExactly("CARGO openssl@0.8.3");
    assertThat(coords(read(fixture("php"), ds)))
        .containsExactlyInAnyOrder(
            "PACKAGIST guzzlehttp/guzzle@7.4.0", "PACKAGIST phpunit/phpunit@9.5.10");
    assertThat(coords(read(fixture("ruby"), ds)))
        .containsExactlyInAnyOrder(
            "RUBYGEMS actionpack@6.1.3", "RUBYGEMS nokogiri@1.11.1", "RUBYGEMS rack@2.2.3");
    assertThat(coords(read(fixture("gradle"), ds)))
        .containsExactlyInAnyOrder(
            "MAVEN com.fasterxml.jackson.core:jackson-databind@2.9.10", "MAVEN junit:junit@4.12");
    assertThat(ds).isEmpty();
  }

  @Test
  void sboms_cycloneDxJsonAndXml_spdx2And3() throws Exception {
    List<Diagnostic> ds = new ArrayList<>();
    assertThat(coords(read(fixture("sbom"), ds)))
        .containsExactlyInAnyOrder(
            "MAVEN org.apache.commons:commons-text@1.9",
            "MAVEN org.apache.commons:commons-lang3@3.11",
            "NPM @angular/core@12.0.0",
            "PYPI urllib3@1.26.4",
            "CARGO serde@1.0.100",
            "MAVEN com.google.code.gson:gson@2.8.8");
    assertThat(ds).isEmpty();
  }

  private static byte[] jar(String pomProperties, byte[] nested, String nestedName)
      throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      if (pomProperties != null) {
        z.putNextEntry(new ZipEntry("META-INF/maven/g/a/pom.properties"));
        z.write(pomProperties.getBytes(StandardCharsets.UTF_8));
      }
      if (nested != null) {
        z.putNextEntry(new ZipEntry(nestedName));
        z.write(nested);
      }
    }
    return b.toByteArray();
  }

  @Test
  void archives_identifyNestedJarsByTheirPomProperties() throws Exception {
    byte[] lib =
        jar(
            "groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n",
            null,
            null);
    byte[] boot =
        jar(
            "groupId=com.example\nartifactId=app\nversion=1.0\n",
            lib,
            "BOOT-INF/lib/log4j-core-2.14.1.jar");
    Files.write(dir.resolve("app.jar"), boot);
    Files.write(dir.resolve("broken.jar"), "not a zip".getBytes(StandardCharsets.UTF_8));
    List<Diagnostic> ds = new ArrayList<>();
    List<Component> cs = read(dir, ds);
    assertThat(coords(cs))
        .containsExactlyInAnyOrder(
            "MAVEN com.example:app@1.0", "MAVEN org.apache.logging.log4j:log4j-core@2.14.1");
    Component nested =
        cs.stream().filter(c -> c.name().endsWith("log4j-core")).findFirst().orElseThrow();
    assertThat(nested.via()).isEqualTo("app.jar!BOOT-INF/lib/log4j-core-2.14.1.jar");
    assertThat(cs.stream().map(Component::ecosystem)).containsOnly(Ecosystem.MAVEN);
  }

  @Test
  void aBrokenManifest_isReportedWithItsPath_andTheRestIsRead() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("a/package-lock.json"), "{ not json");
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(
        dir.resolve("b/pom.xml"),
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><project>&e;</project>");
    Files.createDirectories(dir.resolve("c"));
    Files.writeString(dir.resolve("c/requirements.txt"), "six==1.15.0\n");
    List<Diagnostic> ds = new ArrayList<>();
    assertThat(coords(read(dir, ds))).containsExactly("PYPI six@1.15.0");
    assertThat(ds).extracting(Diagnostic::path).contains("a/package-lock.json", "b/pom.xml");
    assertThat(ds.toString()).doesNotContain("root:");
  }

  @Test
  void cycloneDxOut_carriesEveryComponentOnce() throws Exception {
    List<Component> cs = read(fixture("npm3"), new ArrayList<>());
    String bom = CycloneDxWriter.write(cs, "shop", java.time.Instant.parse("2026-11-25T00:00:00Z"));
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bom);
    assertThat(root.path("specVersion").asText()).isEqualTo("1.6");
    assertThat(root.path("components").size()).isEqualTo(4);
    assertThat(root.path("components").findValuesAsText("purl")).contains("pkg:npm/lodash@4.17.20");
  }
}
