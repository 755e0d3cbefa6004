package dev.bulwark.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** POSTs JSON and reads JSON, with the error bodies providers send turned into messages. */
final class HttpJson {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_CHARS = 500;

  private final HttpClient http;
  private final Duration timeout;

  HttpJson(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  JsonNode post(String url, JsonNode body, Map<String, String> headers)
      throws LlmException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    headers.forEach(b::header);
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new LlmException(url + ": " + e.getMessage(), e);
    }
    if (r.statusCode() / 100 != 2) {
      String text = r.body() == null ? "" : r.body();
      throw new LlmException(
          url
              + ": HTTP "
              + r.statusCode()
              + ": "
              + (text.length() > MAX_ERROR_CHARS
                  ? text.substring(0, MAX_ERROR_CHARS) + "…"
                  : text));
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new LlmException(url + ": answer is not JSON: " + e.getMessage(), e);
    }
  }
}
