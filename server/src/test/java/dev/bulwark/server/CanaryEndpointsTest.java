package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Canary call-backs reach the server, answer nothing telling, and show as alerts in the API. */
class CanaryEndpointsTest {
  private static final String TOKEN = "abcdefghijklmnopqrst";

  private static HttpResponse<byte[]> hit(TestServer t, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.base() + path)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return t.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void callBack_isRecordedWithAddressAgentAndTime_andListedByTheApi_behindATrustedProxy(
      @TempDir Path dir) throws Exception {
    try (TestServer t =
        new TestServer(dir, ServerConfig.defaults().withTrustedProxies(List.of("127.0.0.1")))) {
      java.time.Instant before = java.time.Instant.now().minusSeconds(1);
      String hostile = "<img src=x onerror=alert(1)>" + "A".repeat(2000);
      HttpResponse<byte[]> known =
          hit(t, "/c/" + TOKEN, "User-Agent", hostile, "X-Forwarded-For", "203.0.113.9");
      HttpResponse<byte[]> unknown =
          hit(t, "/c/not-a-token", "User-Agent", "probe", "X-Forwarded-For", "203.0.113.10");
      // the same answer whatever the id: the caller learns nothing about which ids are tokens
      for (HttpResponse<byte[]> r : List.of(known, unknown)) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(r.body()).isEqualTo(CanaryEndpoints.PIXEL);
      }
      assertThat(t.get("/api/canary-alerts", null).statusCode()).isEqualTo(401);
      String viewer = t.userToken("vic", "viewer");
      HttpResponse<String> listed = t.get("/api/canary-alerts", viewer);
      assertThat(listed.statusCode()).isEqualTo(200);
      JsonNode items = t.json(listed).path("items");
      assertThat(items).hasSize(1);
      JsonNode a = items.get(0);
      assertThat(a.path("token").asText()).isEqualTo(TOKEN);
      assertThat(a.path("source").asText())
          .as("the forwarded client, not the proxy")
          .isEqualTo("203.0.113.9");
      assertThat(a.path("userAgent").asText())
          .startsWith("<img src=x")
          .hasSize(dev.bulwark.store.CanaryAlerts.MAX_USER_AGENT);
      java.time.Instant time = java.time.Instant.parse(a.path("time").asText());
      assertThat(time)
          .isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
          .isBeforeOrEqualTo(java.time.Instant.now());
      assertThat(t.json(listed).path("nextOffset").isNull()).isTrue();
      assertThat(t.get("/api/canary-alerts?limit=0", viewer).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void recording_isLimitedPerAddress_andTheAnswerNeverChanges(@TempDir Path dir) throws Exception {
    try (TestServer t =
        new TestServer(dir, ServerConfig.defaults().withTrustedProxies(List.of("127.0.0.1")))) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < CanaryEndpoints.PER_ADDRESS + 10; i++) {
        // a new agent each time, so each would be a new alert if it were kept
        HttpResponse<byte[]> r =
            hit(t, "/c/" + TOKEN, "User-Agent", "flood " + i, "X-Forwarded-For", "198.51.100.1");
        statuses.add(r.statusCode());
        assertThat(r.body()).isEqualTo(CanaryEndpoints.PIXEL);
      }
      assertThat(statuses).containsOnly(200);
      hit(t, "/c/" + TOKEN, "User-Agent", "other", "X-Forwarded-For", "198.51.100.2");
      assertThat(t.server.canaryAlerts.count()).isEqualTo(CanaryEndpoints.PER_ADDRESS + 1);
      // pages of the API walk every alert once
      List<String> agents = new ArrayList<>();
      Integer offset = 0;
      while (offset != null) {
        JsonNode page = t.json(t.get("/api/canary-alerts?limit=7&offset=" + offset, t.adminToken));
        page.path("items").forEach(i -> agents.add(i.path("userAgent").asText()));
        offset = page.path("nextOffset").isNull() ? null : page.path("nextOffset").asInt();
      }
      assertThat(agents).hasSize(CanaryEndpoints.PER_ADDRESS + 1).doesNotHaveDuplicates();
    }
  }
}
