package dev.bulwark.hygiene.passwords;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Pwned Passwords range API ({@code GET BASE/range/ABCDE}), or any server that speaks it. Asks
 * for padded answers so the response size does not hint at the prefix; padding lines (count 0) are
 * dropped. Used only when the user opts in.
 */
public final class RangeApiClient implements BreachSource {
  /** Responses larger than this are refused (real ones are tens of kilobytes). */
  private static final int MAX_BODY = 4 << 20;

  private final URI base;
  private final HttpClient http;

  public RangeApiClient(URI base) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public Map<String, Integer> range(String prefix) throws IOException {
    BreachSource.requirePrefix(prefix);
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve("range/" + prefix))
            .timeout(Duration.ofSeconds(20))
            .header("Add-Padding", "true")
            .header("User-Agent", "bulwark-checkup")
            .GET()
            .build();
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + base + " for range " + prefix);
    }
    if (resp.statusCode() != 200) {
      throw new IOException(base + "range/" + prefix + ": HTTP " + resp.statusCode());
    }
    if (resp.body().length > MAX_BODY) {
      throw new IOException(base + "range/" + prefix + ": response larger than 4 MB");
    }
    return parse(new String(resp.body(), java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** Parses {@code SUFFIX:COUNT} lines; malformed lines are skipped, padding (count 0) too. */
  static Map<String, Integer> parse(String body) {
    Map<String, Integer> out = new HashMap<>();
    for (String line : body.split("\n")) {
      String l = line.strip();
      int colon = l.indexOf(':');
      if (colon != 35) {
        continue;
      }
      String suffix = l.substring(0, 35).toUpperCase(java.util.Locale.ROOT);
      try {
        int count = Integer.parseInt(l.substring(36).strip());
        if (count > 0 && suffix.matches("[0-9A-F]{35}")) {
          out.merge(suffix, count, Math::max);
        }
      } catch (NumberFormatException e) {
        // a malformed line says nothing about our hashes
      }
    }
    return out;
  }

  @Override
  public String describe() {
    return "range API at " + base;
  }
}
