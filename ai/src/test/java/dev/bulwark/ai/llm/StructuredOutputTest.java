package dev.bulwark.ai.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.FakeChatServer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema-checked answers from the real OpenAI-compatible client against a scripted local server.
 */
class StructuredOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private FakeChatServer server;
  private final Deque<String> script = new ArrayDeque<>();
  private final AtomicReference<JsonNode> lastBody = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    server =
        FakeChatServer.start(
            "fake-1",
            100,
            10,
            body -> {
              lastBody.set(body);
              return FakeChatServer.text(script.isEmpty() ? "nothing left" : script.poll());
            });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LlmClient client() throws Exception {
    return LlmSettings.resolve(
            JSON.createObjectNode(),
            Map.of(
                "BULWARK_LLM_ENDPOINT", server.endpoint(),
                "BULWARK_LLM_MODEL", "fake-1",
                "BULWARK_LLM_API_KEY", "k"),
            Path.of("."))
        .orElseThrow()
        .client();
  }

  private static JsonNode verdictSchema() throws Exception {
    return JSON.readTree(
        "{\"type\":\"object\",\"required\":[\"verdict\",\"reason\"],\"additionalProperties\":false,"
            + "\"properties\":{\"verdict\":{\"enum\":[\"tp\",\"fp\"]},\"reason\":{\"type\":\"string\",\"minLength\":5}}}");
  }

  @Test
  void retriesUntilTheAnswerValidates() throws Exception {
    script.add("Sure! It looks like a true positive.");
    script.add("{\"verdict\":\"maybe\",\"reason\":\"unclear\"}");
    script.add(
        "```json\n{\"verdict\":\"tp\",\"reason\":\"request parameter reaches the query\"}\n```");
    StructuredOutput.Result r =
        new StructuredOutput(client(), verdictSchema(), 3)
            .request(
                List.of(
                    Message.system("You triage findings."),
                    Message.user("Finding: SQL injection")));
    assertThat(r.accepted()).isTrue();
    assertThat(r.value().path("verdict").asText()).isEqualTo("tp");
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(r.promptTokens()).isEqualTo(300);
    assertThat(r.completionTokens()).isEqualTo(30);
    assertThat(r.rejected()).hasSize(2);
    assertThat(r.rejected().get(0)).contains("not JSON");
    assertThat(r.rejected().get(1)).contains("verdict");
    JsonNode messages = lastBody.get().path("messages");
    assertThat(messages.get(messages.size() - 1).path("content").asText()).contains("rejected");
  }

  @Test
  void givesUpAfterTheBoundAndKeepsTheReasons() throws Exception {
    script.add("{}");
    script.add("[1,2]");
    StructuredOutput.Result r =
        new StructuredOutput(client(), verdictSchema(), 2)
            .request(List.of(Message.user("Finding: XSS")));
    assertThat(r.accepted()).isFalse();
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.rejected()).hasSize(2).allSatisfy(s -> assertThat(s).contains("attempt"));
    assertThat(script).isEmpty();
  }

  @Test
  void aNarrativeThatValidatesButCitesMissingEvents_isRejectedByTheCitationCheck()
      throws Exception {
    JsonNode schema =
        JSON.readTree(
            "{\"type\":\"object\",\"required\":[\"summary\"],"
                + "\"properties\":{\"summary\":{\"type\":\"string\"}}}");
    script.add(
        "{\"summary\":\"Password spray from 10.0.0.5 [event:5555] then logon [event:4711]\"}");
    script.add("{\"summary\":\"Password spray from 10.0.0.5 [event:4711] [event:4712]\"}");
    dev.bulwark.core.verify.ProposalLog log = dev.bulwark.core.verify.ProposalLog.memory();
    StructuredOutput.Result r =
        new StructuredOutput(client(), schema, 3)
            .request(
                List.of(Message.user("Summarise incident INC-1")),
                "incident-narrative",
                "INC-1",
                List.of(
                    new dev.bulwark.core.verify.Citations(
                        Map.of("event", java.util.Set.of("4711", "4712")), true)),
                log);
    assertThat(r.accepted()).isTrue();
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.rejected()).singleElement().asString().contains("event:5555");
    assertThat(log.rejected())
        .singleElement()
        .satisfies(d -> {
          assertThat(d.kind()).isEqualTo("incident-narrative");
          assertThat(d.failedCheck()).isEqualTo("cites only evidence that exists");
          assertThat(d.passed()).containsExactly("valid against the schema");
          assertThat(d.source()).contains("fake-1");
        });
  }
}
