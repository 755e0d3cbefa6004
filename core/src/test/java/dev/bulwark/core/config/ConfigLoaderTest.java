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

  private static final java.util.Map<String, ConfigShape> SECTIONS =
      java.util.Map.of(
          "secrets",
          ConfigShape.keys("disable")
              .with("allowlist", ConfigShape.keys("paths", "values"))
              .with("names", ConfigShape.free()));

  @Test
  void misspeltKeyInASection_failsNamingFileLineAndTheKeysExpected() throws Exception {
    Path f = dir.resolve("bulwark.yaml");
    Files.writeString(
        f, "fail-on: high\nsecrets:\n  disable: [jwt]\n  alowlist:\n    paths: [\"a/**\"]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, SECTIONS, w -> {}))
        .isInstanceOf(InputException.class)
        .hasMessage(f + ":4: unknown key 'secrets.alowlist' (expected allowlist, disable, names)");
  }

  @Test
  void unknownKeyNestedOrInAListItem_isFoundWithItsLine() throws Exception {
    Path f = dir.resolve("bulwark.yaml");
    Files.writeString(f, "secrets:\n  allowlist:\n    paths: []\n    value: [x]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, SECTIONS, w -> {}))
        .hasMessageStartingWith(f + ":4: unknown key 'secrets.allowlist.value'");
    Files.writeString(
        f,
        "suppress:\n  - rule: x\n    path: \"a/**\"\n    reason: ok\n  - {rule: y, reson: no}\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, SECTIONS, w -> {}))
        .hasMessageStartingWith(f + ":5: unknown key 'suppress[1].reson'");
  }

  @Test
  void declaredKeys_freeMappings_andUnknownTopLevelSections_load() throws Exception {
    Path f = dir.resolve("bulwark.yaml");
    Files.writeString(
        f,
        "analyzers: {disable: [history]}\nsecrets:\n  allowlist: {paths: [x]}\n"
            + "  names: {anything: 1}\nnewer-section: {x: 1}\n");
    List<String> warnings = new ArrayList<>();
    BulwarkConfig c = ConfigLoader.load(f, SECTIONS, warnings::add);
    assertThat(c.section("secrets").path("names").path("anything").asInt()).isEqualTo(1);
    assertThat(warnings).singleElement().asString().contains("newer-section");
  }
}
