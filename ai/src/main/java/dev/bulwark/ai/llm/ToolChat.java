package dev.bulwark.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat with tool calling over the OpenAI-compatible API (also served by Ollama, vLLM and
 * llama.cpp): the model answers with text or asks for tool calls, which the caller runs and sends
 * back as {@code tool} messages.
 */
public final class ToolChat {
  /** A call the model asks for; arguments as the JSON the model wrote. */
  public record ToolCall(String id, String name, JsonNode arguments) {}

  /** One answer of the model. */
  public record Turn(
      ObjectNode message, List<ToolCall> toolCalls, int promptTokens, int completionTokens) {
    public String content() {
      JsonNode c = message.get("content");
      return c == null || c.isNull() ? "" : c.asText();
    }
  }

  private final LlmSettings settings;
  private final HttpJson http;

  public ToolChat(LlmSettings settings) {
    this.settings = settings;
    this.http = new HttpJson(settings.timeout());
  }

  public String describe() {
    return settings.provider() + ":" + settings.model();
  }

  /**
   * Sends the conversation and the tool definitions ({@code {"type":"function","function":{…}}}).
   */
  public Turn send(ArrayNode messages, ArrayNode tools) throws LlmException, InterruptedException {
    ObjectNode body = HttpJson.JSON.createObjectNode();
    body.put("model", settings.model());
    body.put("temperature", settings.temperature());
    body.set("messages", messages);
    if (tools != null && !tools.isEmpty()) {
      body.set("tools", tools);
      body.put("tool_choice", "auto");
    }
    Map<String, String> headers = new HashMap<>();
    settings.apiKey().ifPresent(k -> headers.put("Authorization", "Bearer " + k.reveal()));
    String url = settings.endpoint() + "/chat/completions";
    JsonNode r = http.post(url, body, headers);
    JsonNode message = r.path("choices").path(0).path("message");
    if (!message.isObject()) {
      throw new LlmException(url + ": no choices[0].message in the answer");
    }
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode c : message.path("tool_calls")) {
      JsonNode fn = c.path("function");
      JsonNode args;
      try {
        args = HttpJson.JSON.readTree(fn.path("arguments").asText("{}"));
      } catch (java.io.IOException e) {
        args = HttpJson.JSON.createObjectNode().put("_unparsable", fn.path("arguments").asText());
      }
      calls.add(new ToolCall(c.path("id").asText(), fn.path("name").asText(), args));
    }
    JsonNode usage = r.path("usage");
    ObjectNode kept = ((ObjectNode) message).deepCopy();
    kept.put("role", "assistant");
    return new Turn(
        kept,
        calls,
        usage.path("prompt_tokens").asInt(0),
        usage.path("completion_tokens").asInt(0));
  }
}
