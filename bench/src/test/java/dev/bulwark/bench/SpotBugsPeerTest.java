package dev.bulwark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.maven.LocalRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer's class paths come from the local repository, and what is missing is named. */
class SpotBugsPeerTest {
  @TempDir Path tmp;

  private Path artifact(Path repo, String g, String a, String v, String deps) throws Exception {
    Path dir = repo.resolve(g.replace('.', '/')).resolve(a).resolve(v);
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(a + "-" + v + ".pom"),
        "<project><modelVersion>4.0.0</modelVersion><groupId>"
            + g
            + "</groupId><artifactId>"
            + a
            + "</artifactId><version>"
            + v
            + "</version><dependencies>"
            + deps
            + "</dependencies></project>");
    Path jar = dir.resolve(a + "-" + v + ".jar");
    Files.writeString(jar, "jar");
    return jar;
  }

  private static String dep(String g, String a, String v, String scope) {
    return "<dependency><groupId>"
        + g
        + "</groupId><artifactId>"
        + a
        + "</artifactId><version>"
        + v
        + "</version><scope>"
        + scope
        + "</scope></dependency>";
  }

  @Test
  void toolClasspath_isTheToolAndWhatItNeedsAtRunTime_notItsTestLibraries() throws Exception {
    Path repo = tmp.resolve("repo");
    Path asm = artifact(repo, "org.ow2.asm", "asm", "9.9", "");
    artifact(repo, "org.junit", "junit", "5", "");
    Path tool =
        artifact(
            repo,
            "com.github.spotbugs",
            "spotbugs",
            "4.10.4",
            dep("org.ow2.asm", "asm", "9.9", "compile") + dep("org.junit", "junit", "5", "test"));
    SpotBugsPeer peer = new SpotBugsPeer(new LocalRepository(repo), "4.10.4", "1.14.0");
    assertThat(peer.toolClasspath(SpotBugsPeer.SPOTBUGS, "4.10.4")).containsExactly(tool, asm);
  }

  @Test
  void aMissingTool_orDependency_isNamedWithHowToFetchIt() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    SpotBugsPeer peer = new SpotBugsPeer(new LocalRepository(repo), "4.10.4", "1.14.0");
    assertThatThrownBy(() -> peer.toolClasspath(SpotBugsPeer.SPOTBUGS, "4.10.4"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("com.github.spotbugs:spotbugs:4.10.4")
        .hasMessageContaining("dependency:get");

    Path project = Files.createDirectories(tmp.resolve("suite"));
    Files.writeString(
        project.resolve("pom.xml"),
        "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>s</artifactId>"
            + "<version>1</version><dependencies>"
            + dep("org.example", "absent", "1.0", "compile")
            + "</dependencies></project>");
    assertThatThrownBy(() -> peer.projectClasspath(project.resolve("pom.xml")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("org.example:absent:1.0");
  }

  @Test
  void heap_isTheLaunchersDefault() {
    assertThat(SpotBugsPeer.launcherHeapMb()).isBetween(256L, 2048L);
  }
}
