package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.core.testing.FakeChatServer;
import dev.bulwark.threatmodel.draft.Drafter;
import dev.bulwark.threatmodel.draft.LlmDrafter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-assisted draft against a scripted OpenAI-compatible endpoint: each proposal is checked
 * against the repository, and only one whose cited line says what it quotes is verified.
 */
class LlmDrafterTest {
  private static final String ANSWER =
      """
      {"proposals":[
       {"kind":"asset","element":"payments-api","claim":"calls an external payment service",
        "file":"src/main/resources/application.properties","line":2,
        "quote":"  payments.url  =   https://pay.example.com"},
       {"kind":"link","element":"shop>redis","claim":"caches sessions in Redis",
        "file":"src/main/resources/application.properties","line":1,
        "quote":"spring.redis.host=cache"},
       {"kind":"threat","element":"shop","claim":"admin console exposed",
        "file":"src/main/resources/admin.properties","line":1,"quote":"admin.enabled=true"},
       {"kind":"asset","element":"secrets","claim":"reads host secrets",
        "file":"../outside.txt","line":1,"quote":"token"},
       {"kind":"threat","element":"shop","claim":"runs as root",
        "file":"Dockerfile","line":9,"quote":"USER root"}
      ]}
      """;

  @Test
  void everyProposal_isCheckedAgainstTheRepository(@TempDir Path tmp) throws Exception {
    Path repo = tmp.resolve("repo");
    Path res = repo.resolve("src/main/resources");
    Files.createDirectories(res);
    Files.writeString(
        res.resolve("application.properties"),
        "spring.datasource.url=jdbc:postgresql://db:5432/shop\n"
            + "payments.url = https://pay.example.com/v2\n"
            + "db.password=Marigold-Sparrow-77\n");
    Files.writeString(repo.resolve("Dockerfile"), "FROM eclipse-temurin:21\nUSER app\n");
    Files.writeString(tmp.resolve("outside.txt"), "token\n");

    try (FakeChatServer server =
        FakeChatServer.start("fake-drafter", 1200, 300, req -> FakeChatServer.text(ANSWER))) {
      LlmSettings settings =
          LlmSettings.resolve(
                  new ObjectMapper().createObjectNode(),
                  Map.of(
                      "BULWARK_LLM_ENDPOINT",
                      server.endpoint(),
                      "BULWARK_LLM_MODEL",
                      "fake-drafter"),
                  tmp)
              .orElseThrow();
      LlmDrafter.Result r = LlmDrafter.propose(repo, Drafter.draft(repo), settings.client());

      assertThat(server.requests()).hasSize(1);
      assertThat(server.requests().get(0).path("messages").toString())
          .as("the prompt shows the configuration with line numbers")
          .contains("File src/main/resources/application.properties:")
          .contains("2: payments.url = https://pay.example.com/v2")
          .contains("File Dockerfile:")
          .as("a secret setting's value never reaches the model")
          .contains("3: db.password=<redacted>")
          .doesNotContain("Marigold");

      assertThat(r.proposals()).hasSize(5);
      assertThat(r.verified()).isEqualTo(1);
      assertThat(r.proposals().get(0).verified())
          .as("quote found, runs of blanks read as one")
          .isTrue();
      assertThat(r.proposals().get(1).reason()).contains("does not say what the proposal quotes");
      assertThat(r.proposals().get(2).reason()).isEqualTo("cited file does not exist");
      assertThat(r.proposals().get(3).reason()).isEqualTo("cites a file outside the repository");
      assertThat(r.proposals().get(4).reason()).contains("past the end of the file (2 lines)");
    }
  }
}
