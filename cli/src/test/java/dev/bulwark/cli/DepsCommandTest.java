package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency commands on the demo, against the built-in advisory seed, with a fixture local
 * Maven repository (the demo's transitive dependencies must not depend on this machine's ~/.m2).
 */
class DepsCommandTest {
  private static final Path DEMO = Path.of("../examples/webshop").toAbsolutePath().normalize();
  @TempDir static Path data;
  @TempDir Path dir;

  /** The data directory the build gives every test, put back afterwards for the classes after. */
  private static String buildDataDir;

  @BeforeAll
  static void emptyDataDir() throws Exception {
    buildDataDir = System.getProperty("bulwark.data.dir");
    System.setProperty("bulwark.data.dir", data.toString());
    System.setProperty(
        "maven.repo.local",
        Path.of(DepsCommandTest.class.getResource("/m2-demo").toURI()).toString());
  }

  @AfterAll
  static void restore() {
    if (buildDataDir == null) {
      System.clearProperty("bulwark.data.dir");
    } else {
      System.setProperty("bulwark.data.dir", buildDataDir);
    }
    System.clearProperty("maven.repo.local");
  }

  @Test
  void scan_reportsThePlantedVulnerableDependencies_withKev() throws Exception {
    Path out = dir.resolve("r.json");
    Cli.Result r =
        Cli.run(
            "scan",
            DEMO.toString(),
            "--analyzer",
            "deps",
            "--format",
            "json",
            "-o",
            out.toString(),
            "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode findings = new ObjectMapper().readTree(out.toFile()).path("findings");
    assertThat(findings.findValuesAsText("title"))
        .contains(
            "CVE-2021-44228 in org.apache.logging.log4j:log4j-core 2.14.1",
            "CVE-2022-22965 in org.springframework:spring-webmvc 5.3.17");
    JsonNode log4shell = null;
    for (JsonNode f : findings) {
      if (f.path("title").asText().startsWith("CVE-2021-44228")) {
        log4shell = f;
      }
    }
    assertThat(log4shell.path("severity").asText()).isEqualTo("critical");
    assertThat(log4shell.path("properties").path("kev").asText()).isEqualTo("true");
    assertThat(log4shell.path("properties").path("fixedIn").asText()).isEqualTo("2.15.0");
    assertThat(log4shell.path("properties").path("reachability").asText()).isEqualTo("reachable");
  }

  @Test
  void plan_printsASchedule_andWritesTheCalendar_andVex() throws Exception {
    Path ics = dir.resolve("plan.ics");
    Path vex = dir.resolve("vex.json");
    Cli.Result r =
        Cli.run(
            "deps",
            "plan",
            DEMO.toString(),
            "--ics",
            ics.toString(),
            "--vex",
            "openvex",
            "--vex-output",
            vex.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "# Patch plan",
            "| org.apache.logging.log4j:log4j-core | 2.14.1 | 2.17.0 |",
            "| org.springframework:spring-webmvc | 5.3.17 | 5.3.18 |");
    assertThat(Files.readString(ics)).startsWith("BEGIN:VCALENDAR").contains("BEGIN:VEVENT");
    // One statement per vulnerability and product: the three log4j-core CVEs are affected (the
    // code logs through log4j's API), spring-webmvc is not (no code uses Spring), and the
    // transitive spring-beans is under investigation.
    java.util.List<String> statements = new java.util.ArrayList<>();
    for (JsonNode st : new ObjectMapper().readTree(vex.toFile()).path("statements")) {
      statements.add(
          st.path("vulnerability").path("name").asText()
              + " "
              + st.path("products").get(0).path("@id").asText()
              + " "
              + st.path("status").asText());
    }
    assertThat(statements)
        .containsExactlyInAnyOrder(
            "CVE-2021-44228 pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 affected",
            "CVE-2021-45046 pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 affected",
            "CVE-2021-45105 pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 affected",
            "CVE-2022-22965 pkg:maven/org.springframework/spring-webmvc@5.3.17 not_affected",
            "CVE-2022-22965 pkg:maven/org.springframework/spring-beans@5.3.17 under_investigation");
  }

  @Test
  void inventory_isCycloneDx() throws Exception {
    Path bom = dir.resolve("bom.json");
    assertThat(Cli.run("deps", "inventory", DEMO.toString(), "-o", bom.toString()).exit()).isZero();
    JsonNode root = new ObjectMapper().readTree(bom.toFile());
    assertThat(root.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(root.path("components").findValuesAsText("purl"))
        .contains(
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
            "pkg:maven/com.h2database/h2@2.2.224");
  }

  @Test
  void inventoryAndPlan_honourExcludeFromBulwarkYaml() throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.writeString(project.resolve("bulwark.yaml"), "exclude: [\"vendor/\"]\n");
    Files.createDirectories(project.resolve("app"));
    Files.createDirectories(project.resolve("vendor"));
    Files.writeString(project.resolve("app/requirements.txt"), "requests==2.31.0\n");
    Files.writeString(project.resolve("vendor/requirements.txt"), "django==1.11.0\n");
    Path bom = dir.resolve("bom.json");
    Cli.Result r = Cli.run("deps", "inventory", project.toString(), "-o", bom.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    java.util.List<String> purls =
        new ObjectMapper().readTree(bom.toFile()).path("components").findValuesAsText("purl");
    assertThat(purls).contains("pkg:pypi/requests@2.31.0").doesNotContain("pkg:pypi/django@1.11.0");
    Cli.Result plan =
        Cli.run(
            "deps",
            "plan",
            project.toString(),
            "--format",
            "json",
            "--ics",
            dir.resolve("p.ics").toString());
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).doesNotContain("django");
  }

  @Test
  void inventory_withoutMavenProject_resolveSaysWhatItNeeds() {
    Cli.Result r = Cli.run("deps", "inventory", dir.toString(), "--resolve");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--resolve needs a Maven project");
  }

  @Test
  void dbImportAndStatus_useTheGivenDataDirectory() throws Exception {
    Path seed = Files.createDirectories(dir.resolve("seed"));
    for (String name :
        new String[] {
          "GHSA-jfh8-c2jp-5v3q.json",
          "GHSA-7rjr-3q55-vv33.json",
          "GHSA-p6xc-xr62-6r2g.json",
          "GHSA-36p3-wjmg-h94x.json",
          "kev-subset.json"
        }) {
      try (var in = DepsCommandTest.class.getResourceAsStream("/dev/bulwark/deps/seed/" + name)) {
        Files.write(seed.resolve(name), in.readAllBytes());
      }
    }
    Path own = dir.resolve("data");
    Cli.Result imp = Cli.run("db", "import", seed.toString(), "--data-dir", own.toString());
    assertThat(imp.exit()).as(imp.err()).isZero();
    assertThat(imp.out()).contains("imported 4 advisories, 5 KEV entries");
    assertThat(Cli.run("db", "status", "--data-dir", own.toString()).out())
        .contains("advisories for Maven")
        .contains("KEV entries");
  }
}
