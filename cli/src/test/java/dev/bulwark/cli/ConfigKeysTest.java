package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every section of bulwark.yaml that Bulwark reads refuses keys it does not know. */
class ConfigKeysTest {
  @TempDir Path dir;

  @Test
  void misspeltSecretsAllowlist_stopsTheScanNamingFileAndLine() throws Exception {
    Files.writeString(
        dir.resolve("bulwark.yaml"),
        "exclude: [\"target/\"]\nsecrets:\n  alowlist:\n    paths: [\"docs/**\"]\n");
    Files.writeString(dir.resolve("a.txt"), "nothing here\n");
    Cli.Result r = Cli.run("scan", dir.toString(), "--no-progress");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains(dir.resolve("bulwark.yaml") + ":3: unknown key 'secrets.alowlist'")
        .contains("allowlist");
  }

  @Test
  void misspeltKeysOfEverySection_areRefused() throws Exception {
    for (String yaml :
        new String[] {
          "mail:\n  executive: [\"Jane Doe\"]\n",
          "deps:\n  windows:\n    frist: 2026-12-01T22:00\n",
          "logs:\n  rule: [sigma/]\n",
          "assets:\n  - {host: \"DC*\", criticallity: high}\n",
          "llm:\n  endpont: http://127.0.0.1:11434/v1\n",
          "analyzers:\n  disabled: [history]\n"
        }) {
      Files.writeString(dir.resolve("bulwark.yaml"), yaml);
      Cli.Result r = Cli.run("scan", dir.toString(), "--no-progress", "--analyzer", "secrets");
      assertThat(r.exit()).as(yaml).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(yaml).contains("bulwark.yaml:").contains("unknown key");
    }
  }

  @Test
  void theRepositorysOwnConfigurations_useOnlyKnownKeys() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    for (Path f :
        Stream.of("bulwark.yaml", "examples/webshop/bulwark.yaml").map(root::resolve).toList()) {
      assertThat(Configs.load(f, f.getParent()).sourceFile()).contains(f);
    }
  }
}
