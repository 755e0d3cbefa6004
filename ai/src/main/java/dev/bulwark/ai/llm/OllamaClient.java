package dev.bulwark.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ollama's native chat API ({@code POST /api/chat}, not streamed); endpoint is the server's base
 * URL.
 */
final class OllamaClient implements LlmClient {
  private final LlmSettings settings;
  private final HttpJson http;

  OllamaClient(LlmSettings settings) {
    this.settings = settings;
    this.http = new HttpJson(settings.timeout());
  }

  @Override
  public Completion complete(List<Message> messages) throws LlmException, InterruptedException {
    ObjectNode body = HttpJson.JSON.createObjectNode();
    body.put("model", settings.model());
    body.put("stream", false);
    body.putObject("options").put("temperature", settings.temperature());
    ArrayNode msgs = body.putArray("messages");
    for (Message m : messages) {
      msgs.addObject()
          .put("role", m.role().name().toLowerCase(Locale.ROOT))
          .put("content", m.content());
    }
    String url = settings.endpoint() + "/api/chat";
    JsonNode r = http.post(url, body, Map.of());
    JsonNode content = r.path("message").path("content");
    if (!content.isTextual()) {
      throw new LlmException(url + ": no message.content in the answer");
    }
    return new Completion(
        content.asText(),
        r.path("model").asText(settings.model()),
        r.path("prompt_eval_count").asInt(0),
        r.path("eval_count").asInt(0));
  }

  @Override
  public String describe() {
    return "ollama:" + settings.model();
  }
}
