package dev.bulwark.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure-compatible gateways, vLLM,
 * llama.cpp server, LM Studio, Ollama's /v1). {@code endpoint} is the base URL ending in /v1.
 */
final class OpenAiClient implements LlmClient {
  private final LlmSettings settings;
  private final HttpJson http;

  OpenAiClient(LlmSettings settings) {
    this.settings = settings;
    this.http = new HttpJson(settings.timeout());
  }

  @Override
  public Completion complete(List<Message> messages) throws LlmException, InterruptedException {
    ObjectNode body = HttpJson.JSON.createObjectNode();
    body.put("model", settings.model());
    body.put("temperature", settings.temperature());
    ArrayNode msgs = body.putArray("messages");
    for (Message m : messages) {
      msgs.addObject()
          .put("role", m.role().name().toLowerCase(Locale.ROOT))
          .put("content", m.content());
    }
    Map<String, String> headers = new HashMap<>();
    settings.apiKey().ifPresent(k -> headers.put("Authorization", "Bearer " + k.reveal()));
    String url = settings.endpoint() + "/chat/completions";
    JsonNode r = http.post(url, body, headers);
    JsonNode content = r.path("choices").path(0).path("message").path("content");
    if (!content.isTextual()) {
      throw new LlmException(url + ": no choices[0].message.content in the answer");
    }
    JsonNode usage = r.path("usage");
    return new Completion(
        content.asText(),
        r.path("model").asText(settings.model()),
        usage.path("prompt_tokens").asInt(0),
        usage.path("completion_tokens").asInt(0));
  }

  @Override
  public String describe() {
    return "openai:" + settings.model();
  }
}
