package dev.bulwark.ai.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real clients against a local fake provider on 127.0.0.1. */
class LlmClientTest {
  private HttpServer server;
  private final AtomicReference<JsonNode> lastBody = new AtomicReference<>();
  private final AtomicReference<String> lastAuth = new AtomicReference<>();
  private volatile int status = 200;
  private volatile String answer;

  /** Statuses to answer first, one per request, before {@code status}. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Integer> first =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final java.util.concurrent.atomic.AtomicInteger requests =
      new java.util.concurrent.atomic.AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          lastBody.set(new ObjectMapper().readTree(ex.getRequestBody()));
          lastAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
          requests.incrementAndGet();
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          Integer early = first.poll();
          // rate limits say when to come back; here: at once
          ex.getResponseHeaders().set("Retry-After", "0");
          ex.sendResponseHeaders(early != null ? early : status, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Model "m" at the fake endpoint, nothing else configured. */
  private LlmSettings plainSettings() throws Exception {
    return LlmSettings.resolve(
            new ObjectMapper().createObjectNode(),
            Map.of("BULWARK_LLM_ENDPOINT", base() + "/v1", "BULWARK_LLM_MODEL", "m"),
            Path.of("."))
        .orElseThrow();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void openAiCompatible_sendsTheChatAndReadsTheFirstChoice() throws Exception {
    answer =
        "{\"model\":\"fake-1\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hello\"}}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}";
    LlmSettings s =
        LlmSettings.resolve(
                new ObjectMapper().createObjectNode(),
                Map.of(
                    "BULWARK_LLM_ENDPOINT",
                    base() + "/v1/",
                    "BULWARK_LLM_MODEL",
                    "fake-1",
                    "BULWARK_LLM_API_KEY",
                    "k-123"),
                Path.of("."))
            .orElseThrow();
    Completion c = s.client().complete(List.of(Message.system("be brief"), Message.user("hi")));
    assertThat(c.text()).isEqualTo("hello");
    assertThat(c.promptTokens()).isEqualTo(12);
    assertThat(lastAuth.get()).isEqualTo("Bearer k-123");
    assertThat(lastBody.get().path("messages").get(1).path("content").asText()).isEqualTo("hi");
    assertThat(lastBody.get().path("model").asText()).isEqualTo("fake-1");
    assertThat(s.toString()).doesNotContain("k-123");
  }

  @Test
  void ollama_usesItsNativeApi() throws Exception {
    answer =
        "{\"model\":\"llama\",\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"prompt_eval_count\":5,\"eval_count\":1}";
    LlmSettings s =
        LlmSettings.resolve(
                new ObjectMapper()
                    .readTree(
                        "{\"provider\":\"ollama\",\"endpoint\":\""
                            + base()
                            + "\",\"model\":\"llama\"}"),
                Map.of(),
                Path.of("."))
            .orElseThrow();
    assertThat(s.client().complete(List.of(Message.user("x"))).text()).isEqualTo("ok");
    assertThat(lastBody.get().path("stream").asBoolean()).isFalse();
    assertThat(lastAuth.get()).isNull();
  }

  @Test
  void anHttpError_becomesAnExplicitException() throws Exception {
    status = 429;
    answer = "{\"error\":\"rate limited\"}";
    LlmSettings s = plainSettings();
    assertThatThrownBy(() -> s.client().complete(List.of(Message.user("x"))))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("HTTP 429")
        .hasMessageContaining("rate limited");
    // asked four times, as the server's Retry-After allowed, before giving up
    assertThat(requests.get()).isEqualTo(4);
  }

  @Test
  void rateLimitsAndBusyGatewaysAreRetried_clientErrorsAreNot() throws Exception {
    answer = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}";
    first.addAll(List.of(429, 503));
    LlmSettings s = plainSettings();
    assertThat(s.client().complete(List.of(Message.user("x"))).text()).isEqualTo("ok");
    assertThat(requests.get()).isEqualTo(3);
    requests.set(0);
    first.add(400);
    assertThatThrownBy(() -> s.client().complete(List.of(Message.user("x"))))
        .hasMessageContaining("HTTP 400");
    assertThat(requests.get()).isEqualTo(1);
    assertThat(HttpJson.backoff(3, null)).isEqualTo(java.time.Duration.ofSeconds(4));
    assertThat(HttpJson.backoff(1, "120")).isEqualTo(java.time.Duration.ofSeconds(30));
  }

  @Test
  void theKey_isReadFromAFile_andNothingIsConfiguredWithoutAnEndpoint(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("key"), "from-file\n");
    LlmSettings s =
        LlmSettings.resolve(
                new ObjectMapper()
                    .readTree(
                        "{\"endpoint\":\"http://127.0.0.1:1/v1\",\"model\":\"m\",\"api-key-file\":\"key\"}"),
                Map.of(),
                dir)
            .orElseThrow();
    assertThat(s.apiKey().orElseThrow().reveal()).isEqualTo("from-file");
    assertThat(LlmSettings.resolve(new ObjectMapper().createObjectNode(), Map.of(), dir)).isEmpty();
  }

  @Test
  void prompts_areVersioned_andRefuseMissingValues() throws Exception {
    Prompt p = Prompt.load("java-fix");
    assertThat(p.version()).isEqualTo("java-fix-v1");
    assertThatThrownBy(() -> p.render(Map.of())).hasMessageContaining("{{");
  }
}
