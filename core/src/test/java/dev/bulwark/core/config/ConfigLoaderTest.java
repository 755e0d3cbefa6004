package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void discover_walksUpButStopsAtTheRepositoryRoot() throws Exception {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve(".git"));
    Files.createDirectories(repo.resolve("a/b"));
    Files.writeString(dir.resolve("bulwark.yaml"), "fail-on: low\n");
    assertThat(ConfigLoader.discover(repo.resolve("a/b"))).isEmpty();
    Files.writeString(repo.resolve("bulwark.yaml"), "fail-on: high\n");
    assertThat(ConfigLoader.discover(repo.resolve("a/b"))).contains(repo.resolve("bulwark.yaml"));
  }

  @Test
  void load_readsCoreKeysAndKeepsSectionsForModules() throws Exception {
    Path f = dir.resolve("bulwark.yaml");
    Files.writeString(
        f,
        "fail-on: high\nexclude: [\"gen/\"]\nanalyzers: {disable: [history]}\nsecrets:\n  test-paths: keep\nfuture-key: 1\n");
    List<String> warnings = new ArrayList<>();
    BulwarkConfig c = ConfigLoader.load(f, Set.of("secrets"), warnings::add);
    assertThat(c.failOn()).isEqualTo(Severity.HIGH);
    assertThat(c.exclude()).containsExactly("gen/");
    assertThat(c.disabledAnalyzers()).containsExactly("history");
    assertThat(c.section("secrets").path("test-paths").asText()).isEqualTo("keep");
    assertThat(warnings).singleElement().asString().contains("future-key");
  }

  @Test
  void invalidYaml_namesTheFileAndLine() throws Exception {
    Path f = dir.resolve("bulwark.yaml");
    Files.writeString(f, "fail-on: high\nexclude: [unclosed\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Set.of(), w -> {}))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("line");
  }

  @Test
  void badSeverity_isAnInputError() throws Exception {
    Path f = dir.resolve("bulwark.yaml");
    Files.writeString(f, "fail-on: urgent\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Set.of(), w -> {}))
        .hasMessageContaining("'urgent'");
  }

  @Test
  void suppressionWithoutReason_isRejected() throws Exception {
    Path f = dir.resolve("bulwark.yaml");
    Files.writeString(f, "suppress:\n  - {rule: x, path: \"a/**\"}\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Set.of(), w -> {}))
        .hasMessageContaining("needs a reason");
  }
}
