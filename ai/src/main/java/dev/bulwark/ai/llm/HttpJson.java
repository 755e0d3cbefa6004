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

  /** Rate limits and overloaded or restarting gateways: worth asking again after a pause. */
  private static final java.util.Set<Integer> RETRIED = java.util.Set.of(429, 502, 503, 504);

  private static final int ATTEMPTS = 4;
  private static final Duration MAX_WAIT = Duration.ofSeconds(30);

  /**
   * The pause before another try: the server's Retry-After (seconds) if it gave one, else 1, 2, 4
   * s.
   */
  static Duration backoff(int attempt, String retryAfter) {
    if (retryAfter != null) {
      try {
        Duration d = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
        return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d.isNegative() ? Duration.ZERO : d;
      } catch (NumberFormatException e) {
        // an HTTP date: fall back to our own schedule
      }
    }
    return Duration.ofSeconds(1L << (attempt - 1));
  }

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

  /** What went wrong in words: the JDK's connection errors often carry no message at all. */
  static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "cannot connect (is the model server running at this address?)";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer in time";
    }
    if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
      return "unknown host";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  JsonNode post(String url, JsonNode body, Map<String, String> headers)
      throws LlmException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    headers.forEach(b::header);
    HttpResponse<String> r = null;
    for (int attempt = 1; ; attempt++) {
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        // a dropped or refused connection: nothing was answered, so asking again is safe
        if (attempt >= ATTEMPTS) {
          throw new LlmException(url + ": " + describe(e) + " (after " + attempt + " tries)", e);
        }
        Thread.sleep(backoff(attempt, null).toMillis());
        continue;
      }
      if (!RETRIED.contains(r.statusCode()) || attempt >= ATTEMPTS) {
        break;
      }
      Thread.sleep(backoff(attempt, r.headers().firstValue("Retry-After").orElse(null)).toMillis());
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
