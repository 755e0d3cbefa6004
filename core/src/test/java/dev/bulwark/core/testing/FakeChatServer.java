package dev.bulwark.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted OpenAI-compatible chat endpoint on 127.0.0.1, for tests of the real client code: each
 * request goes to the script, which returns the assistant's message; every reply reports the same
 * token usage. Every request body is kept.
 */
public final class FakeChatServer implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** The assistant's message for a request. */
  @FunctionalInterface
  public interface Script {
    ObjectNode reply(JsonNode request) throws IOException;
  }

  private final HttpServer server;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private FakeChatServer(String model, int promptTokens, int completionTokens, Script script)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          JsonNode body = JSON.readTree(ex.getRequestBody());
          requests.add(body);
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          authorizations.add(auth == null ? "" : auth);
          ObjectNode reply = JSON.createObjectNode();
          reply.put("model", model);
          reply.putArray("choices").addObject().set("message", script.reply(body));
          reply
              .putObject("usage")
              .put("prompt_tokens", promptTokens)
              .put("completion_tokens", completionTokens);
          byte[] out = reply.toString().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
  }

  public static FakeChatServer start(
      String model, int promptTokens, int completionTokens, Script script) throws IOException {
    return new FakeChatServer(model, promptTokens, completionTokens, script);
  }

  /** An assistant message with text content. */
  public static ObjectNode text(String content) {
    return JSON.createObjectNode().put("role", "assistant").put("content", content);
  }

  /** The text of the last message of a request (the prompt, for single-message requests). */
  public static String lastContent(JsonNode request) {
    JsonNode messages = request.path("messages");
    return messages.get(messages.size() - 1).path("content").asText();
  }

  /** The OpenAI-compatible base URL, ending in /v1/. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
  }

  public List<JsonNode> requests() {
    return requests;
  }

  /** The Authorization header of each request, in order ("" where none was sent). */
  public List<String> authorizations() {
    return authorizations;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
