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

/**
 * The team's canary registry (tokens registered through the API) and canary alerts as findings: one
 * per token and caller address, in the token's project, in the API, the console and the SARIF/JSON
 * export.
 */
class CanaryFindingsTest {
  private static final String TOKEN = "wikiadminpagetokenaa";
  private static final String OFFLINE = "madeofflinetokenaaaa";
  private static final String SHA = "a".repeat(64);

  private static String registration(String id, String memo) {
    return "{\"id\":\""
        + id
        + "\",\"kind\":\"url\",\"created\":\"2026-12-06T10:00:00Z\",\"project\":\"web\","
        + "\"memo\":\""
        + memo
        + "\",\"callback\":\"https://bulwark.example.org/c/"
        + id
        + "\",\"secrets\":[\""
        + SHA
        + "\"]}";
  }

  private static void hit(TestServer t, String id, String from, String agent) throws Exception {
    HttpResponse<byte[]> r =
        t.http.send(
            HttpRequest.newBuilder(URI.create(t.base() + "/c/" + id))
                .header("User-Agent", agent)
                .header("X-Forwarded-For", from)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void tokensAreRegisteredByAnalysts_onceById_andListed(@TempDir Path dir) throws Exception {
    try (TestServer t = new TestServer(dir)) {
      String body = registration(TOKEN, "wiki admin page");
      assertThat(t.send("POST", "/api/canary-tokens", null, body).statusCode()).isEqualTo(401);
      String viewer = t.userToken("vic", "viewer");
      assertThat(t.send("POST", "/api/canary-tokens", viewer, body).statusCode()).isEqualTo(403);
      String analyst = t.userToken("ana", "analyst");
      HttpResponse<String> added = t.send("POST", "/api/canary-tokens", analyst, body);
      assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
      // a retry of the same registration changes nothing; another token under the id is refused
      assertThat(t.send("POST", "/api/canary-tokens", analyst, body).statusCode()).isEqualTo(200);
      assertThat(
              t.send("POST", "/api/canary-tokens", analyst, registration(TOKEN, "elsewhere"))
                  .statusCode())
          .isEqualTo(409);
      for (String bad :
          List.of(
              registration("NOT-AN-ID", "x"),
              registration(OFFLINE, "x").replace(SHA, "the planted secret itself"),
              registration(OFFLINE, "x".repeat(501)),
              registration(OFFLINE, "x").replace("2026-12-06T10:00:00Z", "yesterday"),
              "[1]",
              "not json")) {
        HttpResponse<String> r = t.send("POST", "/api/canary-tokens", analyst, bad);
        assertThat(r.statusCode()).as(bad).isEqualTo(400);
      }
      JsonNode items = t.json(t.get("/api/canary-tokens", viewer)).path("items");
      assertThat(items).hasSize(1);
      JsonNode tok = items.get(0);
      assertThat(tok.path("id").asText()).isEqualTo(TOKEN);
      assertThat(tok.path("kind").asText()).isEqualTo("url");
      assertThat(tok.path("project").asText()).isEqualTo("web");
      assertThat(tok.path("memo").asText()).isEqualTo("wiki admin page");
      assertThat(tok.path("createdBy").asText()).isEqualTo("ana");
      assertThat(tok.path("secrets").get(0).asText()).isEqualTo(SHA);
      assertThat(t.count("SELECT COUNT(*) FROM audit WHERE action = 'canary-token'")).isEqualTo(1);
    }
  }

  @Test
  void callBacks_becomeOneFindingPerTokenAndCaller_inTheApiConsoleAndExports(@TempDir Path dir)
      throws Exception {
    try (TestServer t =
        new TestServer(dir, ServerConfig.defaults().withTrustedProxies(List.of("127.0.0.1")))) {
      assertThat(
              t.send(
                      "POST",
                      "/api/canary-tokens",
                      t.adminToken,
                      registration(TOKEN, "wiki admin page <b>"))
                  .statusCode())
          .isEqualTo(201);
      hit(t, TOKEN, "203.0.113.9", "curl/8.5");
      hit(t, TOKEN, "203.0.113.9", "Mozilla/5.0 (later)");
      hit(t, TOKEN, "203.0.113.10", "curl/8.5");
      hit(t, OFFLINE, "198.51.100.4", "python-requests");
      assertThat(t.server.canaryAlerts.count()).isEqualTo(4);

      JsonNode web =
          t.json(t.get("/api/findings?project=web&analyzer=canary", t.adminToken)).path("items");
      assertThat(web).hasSize(2);
      assertThat(web.findValuesAsText("path"))
          .containsExactlyInAnyOrder("203.0.113.9", "203.0.113.10");
      assertThat(web.findValuesAsText("severity")).containsOnly("high");
      long id = -1;
      for (JsonNode f : web) {
        if (f.path("path").asText().equals("203.0.113.9")) {
          id = f.path("id").asLong();
        }
      }
      JsonNode one = t.json(t.get("/api/findings/" + id, t.adminToken));
      JsonNode f = one.path("finding");
      assertThat(f.path("ruleId").asText()).isEqualTo("canary-token-triggered");
      assertThat(f.path("title").asText()).isEqualTo("Canary token triggered: wiki admin page <b>");
      JsonNode props = f.path("properties");
      assertThat(props.path("canaryToken").asText()).isEqualTo(TOKEN);
      assertThat(props.path("canaryKind").asText()).isEqualTo("url");
      assertThat(props.path("canaryMemo").asText()).isEqualTo("wiki admin page <b>");
      assertThat(props.path("source").asText()).isEqualTo("203.0.113.9");
      assertThat(props.path("userAgent").asText())
          .as("the latest call-back of this caller")
          .isEqualTo("Mozilla/5.0 (later)");
      assertThat(props.path("canaryChannel").asText()).isEqualTo("http");
      assertThat(java.time.Instant.parse(props.path("time").asText())).isNotNull();

      JsonNode unregistered =
          t.json(t.get("/api/findings?project=canaries&analyzer=canary", t.adminToken))
              .path("items");
      assertThat(unregistered).hasSize(1);
      assertThat(unregistered.get(0).path("title").asText()).isEqualTo("Canary token triggered");

      // a DNS lookup of the token's name, reported by the responder: its own alert and finding
      assertThat(t.server.canaryLookup(TOKEN, "192.0.2.53")).isTrue();
      // found by its channel, not by being first: the order is by time, and two alerts may share
      // a timestamp on a coarse clock
      JsonNode alerts = t.json(t.get("/api/canary-alerts?limit=10", t.adminToken)).path("items");
      assertThat(alerts).hasSize(5);
      List<JsonNode> dns = new ArrayList<>();
      alerts.forEach(a -> {
        if (a.path("channel").asText().equals("dns")) {
          dns.add(a);
        }
      });
      assertThat(dns).hasSize(1);
      assertThat(dns.get(0).path("source").asText()).isEqualTo("192.0.2.53");
      assertThat(dns.get(0).path("token").asText()).isEqualTo(TOKEN);
      assertThat(
              t.json(t.get("/api/findings?project=web&analyzer=canary", t.adminToken))
                  .path("items"))
          .hasSize(3);

      // the export carries them as a scan report would
      HttpResponse<String> sarif = t.get("/api/projects/web/export?format=sarif", t.adminToken);
      assertThat(sarif.statusCode()).as(sarif.body()).isEqualTo(200);
      assertThat(sarif.headers().firstValue("Content-Type")).hasValue("application/sarif+json");
      JsonNode results = t.json(sarif).path("runs").get(0).path("results");
      assertThat(results).hasSize(3);
      assertThat(results.findValuesAsText("ruleId")).containsOnly("canary-token-triggered");
      assertThat(results.findValuesAsText("level")).containsOnly("error");
      assertThat(sarif.body()).contains("wiki admin page <b>", "203.0.113.10", TOKEN);
      HttpResponse<String> json = t.get("/api/projects/web/export?format=json", t.adminToken);
      assertThat(json.statusCode()).isEqualTo(200);
      assertThat(t.json(json).path("findings")).hasSize(3);
      assertThat(t.get("/api/projects/web/export?format=pdf", t.adminToken).statusCode())
          .isEqualTo(400);
      assertThat(t.get("/api/projects/web/export", null).statusCode()).isEqualTo(401);

      // the console's canary page says what each alerting token is, escaped, and lists the registry
      HttpResponse<String> page = t.get("/console/canaries", t.adminToken);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains("url: wiki admin page &lt;b&gt;")
          .doesNotContain("wiki admin page <b>")
          .contains("<table class=\"canary-tokens\">")
          .contains("<td>dns</td>");
    }
  }
}
