package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Severity;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTest {
  @TempDir Path dir;
  TestServer t;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer(dir);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static List<Finding> findings(int n) {
    List<Finding> out = new ArrayList<>();
    Severity[] sev = {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW};
    for (int i = 0; i < n; i++) {
      out.add(TestServer.finding("f" + i, sev[i % 4], "src/App" + i + ".java", 10 + i, i == 0));
    }
    return out;
  }

  /** A finding with a verified patch, as {@code bulwark fix --format json} reports it. */
  static Finding withVerifiedFix(Finding f, String diff) {
    return f.withFix(
        new dev.bulwark.core.model.Fix(
            "bind the request parameter with a PreparedStatement",
            List.of(),
            diff,
            dev.bulwark.core.model.Fix.Status.VERIFIED,
            "template java-sqli-jdbc"));
  }

  @Test
  void verifiedFixes_uploadedByAnalysts_servedToViewers_withTheFindingAndAlone() throws Exception {
    String analyst = t.userToken("ana", "analyst");
    String viewer = t.userToken("vic", "viewer");
    List<Finding> fs = findings(3);
    t.send(
        "POST",
        "/api/projects/shop/uploads",
        analyst,
        TestServer.report(fs),
        "Idempotency-Key",
        "s1");
    long id =
        t.json(t.get("/api/findings?project=shop&limit=1", viewer))
            .path("items")
            .path(0)
            .path("id")
            .asLong();
    String fingerprint = t.json(t.get("/api/findings/" + id, viewer)).path("fingerprint").asText();
    Finding target =
        fs.stream().filter(f -> f.fingerprint().equals(fingerprint)).findFirst().orElseThrow();
    assertThat(t.get("/api/findings/" + id + "/fix", viewer).statusCode())
        .as("nothing uploaded yet")
        .isEqualTo(404);

    String diff = "--- a/App.java\n+++ b/App.java\n@@ -1 +1 @@\n-q(\"\" + id)\n+q(\"?\", id)\n";
    Finding unverified =
        fs.get((fs.indexOf(target) + 1) % 3)
            .withFix(
                new dev.bulwark.core.model.Fix(
                    "guess",
                    List.of(),
                    "-a\n+b\n",
                    dev.bulwark.core.model.Fix.Status.UNVERIFIED,
                    "llm"));
    String fixReport = TestServer.report(List.of(withVerifiedFix(target, diff), unverified));
    assertThat(t.send("POST", "/api/projects/shop/fixes", viewer, fixReport).statusCode())
        .as("a viewer may not upload patches")
        .isEqualTo(403);
    assertThat(t.send("POST", "/api/projects/shop/fixes", null, fixReport).statusCode())
        .isEqualTo(401);
    HttpResponse<String> up = t.send("POST", "/api/projects/shop/fixes", analyst, fixReport);
    assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
    assertThat(t.json(up).path("stored").asInt()).isEqualTo(1);
    assertThat(t.json(up).path("matched").asInt()).isEqualTo(1);
    assertThat(t.json(up).path("skipped").asInt()).as("the unverified proposal").isEqualTo(1);

    assertThat(t.get("/api/findings/" + id + "/fix", null).statusCode()).isEqualTo(401);
    JsonNode fix = t.json(t.get("/api/findings/" + id + "/fix", viewer));
    assertThat(fix.path("diff").asText()).isEqualTo(diff);
    assertThat(fix.path("status").asText()).isEqualTo("verified");
    assertThat(fix.path("uploadedBy").asText()).isEqualTo("ana");
    assertThat(
            t.json(t.get("/api/findings/" + id, viewer)).path("verifiedFix").path("diff").asText())
        .isEqualTo(diff);
    assertThat(
            t.send("POST", "/api/projects/shop/fixes", analyst, "{\"findings\":{}}").statusCode())
        .isEqualTo(400);
    String tooLong = TestServer.report(List.of(withVerifiedFix(target, "+" + "x".repeat(300_000))));
    HttpResponse<String> big = t.send("POST", "/api/projects/shop/fixes", analyst, tooLong);
    assertThat(big.statusCode()).isEqualTo(400);
    assertThat(t.json(big).path("error").asText()).contains("findings[0].fix").contains("diff");
  }

  @Test
  void checkups_areStoredAsStatusesOnly_andServedAsTheTeamsPostureByCheck() throws Exception {
    String analyst = t.userToken("ana", "analyst");
    String viewer = t.userToken("vic", "viewer");
    String alice = ConsoleEscapingTest.checkup("alice-laptop", 40, "FAIL");
    assertThat(t.send("POST", "/api/projects/team/checkups", null, alice).statusCode())
        .isEqualTo(401);
    assertThat(t.send("POST", "/api/projects/team/checkups", viewer, alice).statusCode())
        .isEqualTo(403);
    // anything beyond statuses of known checks is refused, so no evidence can be stored
    HttpResponse<String> extra =
        t.send(
            "POST",
            "/api/projects/team/checkups",
            analyst,
            alice.replace(
                "\"progress\"", "\"evidence\":[\"/home/alice/.git-credentials\"],\"progress\""));
    assertThat(extra.statusCode()).isEqualTo(400);
    assertThat(extra.body()).contains("unexpected field 'evidence'");
    assertThat(
            t.send(
                    "POST",
                    "/api/projects/team/checkups",
                    analyst,
                    alice.replace("\"firewall\"", "\"hunter2\""))
                .statusCode())
        .isEqualTo(400);
    assertThat(t.count("SELECT COUNT(*) FROM checkup_runs")).isZero();

    HttpResponse<String> stored = t.send("POST", "/api/projects/team/checkups", analyst, alice);
    assertThat(stored.statusCode()).isEqualTo(201);
    assertThat(t.json(stored).path("toDo").asInt()).isEqualTo(1);
    t.send(
        "POST",
        "/api/projects/team/checkups",
        analyst,
        ConsoleEscapingTest.checkup("alice-laptop", 70, "PASS").replace("09:00", "10:00"));
    t.send(
        "POST",
        "/api/projects/team/checkups",
        analyst,
        ConsoleEscapingTest.checkup("bob", 20, "FAIL"));

    JsonNode posture = t.json(t.get("/api/projects/team/checkups", viewer));
    assertThat(posture.path("members")).hasSize(2);
    assertThat(posture.path("members").get(0).path("progress").asInt()).isEqualTo(70);
    assertThat(posture.path("members").get(0).path("previousProgress").asInt()).isEqualTo(40);
    JsonNode first = posture.path("checks").get(0);
    assertThat(first.path("id").asText()).isEqualTo("firewall");
    assertThat(first.path("fail").asInt()).isEqualTo(1);
    assertThat(first.path("pass").asInt()).isEqualTo(1);
    assertThat(first.path("percentInPlace").asInt()).isEqualTo(50);
    assertThat(t.count("SELECT COUNT(*) FROM checkup_results")).isEqualTo(9);
  }

  @Test
  void onlyTheHealthCheckIsOpen_andEveryResponseCarriesTheSecurityHeaders() throws Exception {
    assertThat(t.server.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(t.adminToken).startsWith("bwk_");
    HttpResponse<String> health = t.get("/api/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(health.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    for (String path :
        List.of(
            "/api/findings",
            "/api/projects",
            "/api/openapi.json",
            "/api/me",
            "/api/audit",
            "/api/canary-alerts")) {
      assertThat(t.get(path, null).statusCode()).as(path).isEqualTo(401);
    }
    assertThat(t.get("/api/findings", "bwk_not-a-token").statusCode()).isEqualTo(401);
    assertThat(t.get("/api/findings", t.adminToken).statusCode()).isEqualTo(200);
    assertThat(t.get("/console/triage", null).statusCode())
        .as("console redirects to sign-in")
        .isEqualTo(303);
  }

  @Test
  void uploadsAreIdempotent_andFindingsListWithFiltersAndCursors() throws Exception {
    String analyst = t.userToken("ana", "analyst");
    String report = TestServer.report(findings(30));
    HttpResponse<String> first =
        t.send("POST", "/api/projects/shop/uploads", analyst, report, "Idempotency-Key", "r1");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(t.json(first).path("added").asInt()).isEqualTo(30);
    HttpResponse<String> again =
        t.send("POST", "/api/projects/shop/uploads", analyst, report, "Idempotency-Key", "r1");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(t.json(again).path("created").asBoolean()).isFalse();
    assertThat(t.send("POST", "/api/projects/shop/uploads", analyst, report).statusCode())
        .as("no key")
        .isEqualTo(400);

    Set<Long> ids = new HashSet<>();
    String cursor = "";
    int pages = 0;
    do {
      JsonNode page =
          t.json(t.get("/api/findings?project=shop&limit=12&cursor=" + cursor, analyst));
      page.path("items").forEach(i -> ids.add(i.path("id").asLong()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(ids).hasSize(30);
    assertThat(pages).isEqualTo(3);
    JsonNode critical =
        t.json(t.get("/api/findings?project=shop&severity=critical&sort=recent", analyst));
    assertThat(critical.path("items")).hasSize(8);
    critical
        .path("items")
        .forEach(i -> assertThat(i.path("severity").asText()).isEqualTo("critical"));
    assertThat(t.get("/api/findings?limit=100000", analyst).statusCode()).isEqualTo(400);
  }

  @Test
  void rolesDecideWhoMayUploadLabelAndAdminister() throws Exception {
    String analyst = t.userToken("ana", "analyst");
    String viewer = t.userToken("vic", "viewer");
    t.send(
        "POST",
        "/api/projects/shop/uploads",
        analyst,
        TestServer.report(findings(2)),
        "Idempotency-Key",
        "k");
    long id =
        t.json(t.get("/api/findings?project=shop", viewer))
            .path("items")
            .get(0)
            .path("id")
            .asLong();
    assertThat(
            t.send("POST", "/api/findings/" + id + "/labels", viewer, "{\"verdict\":\"fp\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            t.send(
                    "POST",
                    "/api/projects/shop/uploads",
                    viewer,
                    TestServer.report(findings(1)),
                    "Idempotency-Key",
                    "v")
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> label =
        t.send(
            "POST",
            "/api/findings/" + id + "/labels",
            analyst,
            "{\"verdict\":\"fp\",\"note\":\"test code\"}");
    assertThat(label.statusCode()).isEqualTo(201);
    JsonNode detail = t.json(t.get("/api/findings/" + id, viewer));
    assertThat(detail.path("verdict").asText()).isEqualTo("fp");
    assertThat(detail.path("verdicts").get(0).path("user").asText()).isEqualTo("ana");
    assertThat(detail.path("history").get(0).path("kind").asText()).isEqualTo("new");
    assertThat(detail.path("finding").path("fingerprint").asText()).hasSize(32);
    assertThat(t.get("/api/audit", analyst).statusCode()).isEqualTo(403);
    assertThat(t.json(t.get("/api/audit", t.adminToken)).findValuesAsText("action"))
        .contains("upload", "label", "user.create", "bootstrap");
  }

  @Test
  void consoleSessions_needTheirCsrfToken_andStrictCookies() throws Exception {
    t.userToken("ana", "analyst");
    t.send(
        "POST",
        "/api/projects/shop/uploads",
        t.adminToken,
        TestServer.report(findings(1)),
        "Idempotency-Key",
        "k");
    HttpResponse<String> login =
        t.send("POST", "/api/login", null, "{\"user\":\"ana\",\"password\":\"ana-password-123\"}");
    assertThat(login.statusCode()).isEqualTo(200);
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Secure");
    String cookie = setCookie.split(";")[0];
    String csrf = t.json(login).path("csrf").asText();
    long id =
        t.json(t.send("GET", "/api/findings?project=shop", null, null, "Cookie", cookie))
            .path("items")
            .get(0)
            .path("id")
            .asLong();

    String path = "/api/findings/" + id + "/labels";
    assertThat(t.send("POST", path, null, "{\"verdict\":\"tp\"}", "Cookie", cookie).statusCode())
        .as("no CSRF token")
        .isEqualTo(403);
    assertThat(
            t.send(
                    "POST",
                    path,
                    null,
                    "{\"verdict\":\"tp\"}",
                    "Cookie",
                    cookie,
                    "X-CSRF-Token",
                    "guess")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            t.send(
                    "POST",
                    path,
                    null,
                    "{\"verdict\":\"tp\"}",
                    "Cookie",
                    cookie,
                    "X-CSRF-Token",
                    csrf,
                    "Origin",
                    "https://evil.example")
                .statusCode())
        .as("cross-origin")
        .isEqualTo(403);
    assertThat(
            t.send(
                    "POST",
                    path,
                    null,
                    "{\"verdict\":\"tp\"}",
                    "Cookie",
                    cookie,
                    "X-CSRF-Token",
                    csrf)
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void ready_answersWithoutCredentials_andIsNotReadyWhenAMigrationIsMissing() throws Exception {
    HttpResponse<String> ready = t.get("/api/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
    // the schema history no longer holds a migration this build needs (restored, or rolled back)
    t.store.transaction(c -> {
      try (var st = c.createStatement()) {
        return st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '27.1'");
      }
    });
    HttpResponse<String> not = t.get("/api/ready", null);
    assertThat(not.statusCode()).isEqualTo(503);
    assertThat(not.body()).as("nothing about why").isEqualTo("{\"status\":\"not ready\"}");
    assertThat(t.get("/api/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void loginIsRateLimited() throws Exception {
    t.userToken("ana", "analyst");
    for (int i = 0; i <= LoginThrottle.FREE; i++) {
      assertThat(
              t.send(
                      "POST",
                      "/api/login",
                      null,
                      "{\"user\":\"ana\",\"password\":\"guess-" + i + "\"}")
                  .statusCode())
          .isEqualTo(401);
    }
    HttpResponse<String> blocked =
        t.send("POST", "/api/login", null, "{\"user\":\"ana\",\"password\":\"ana-password-123\"}");
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(t.json(blocked).path("error").asText()).contains("too many failed sign-ins");
  }

  @Test
  void bodiesOverTheLimitAreRefused_andATruncatedUploadLeavesNoScan(@TempDir Path other)
      throws Exception {
    try (TestServer small =
        new TestServer(other, ServerConfig.defaults().withMaxUploadBytes(10_000))) {
      String big = TestServer.report(findings(60));
      assertThat(big.length()).isGreaterThan(10_000);
      HttpResponse<String> r =
          small.send(
              "POST",
              "/api/projects/shop/uploads",
              small.adminToken,
              big,
              "Idempotency-Key",
              "big");
      assertThat(r.statusCode()).isEqualTo(413);

      // a client that announces 5,000 bytes, sends 2,000 and goes away
      String body = TestServer.report(findings(3));
      try (Socket s = new Socket("127.0.0.1", small.server.port())) {
        OutputStream out = s.getOutputStream();
        out.write(
            ("POST /api/projects/shop/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + small.adminToken
                    + "\r\nIdempotency-Key: cut\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
                    + body.substring(0, Math.min(body.length(), 2000)))
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        s.shutdownOutput();
        InputStream in = s.getInputStream();
        in.readAllBytes();
      }
      assertThat(small.json(small.get("/api/projects", small.adminToken))).isEmpty();
      assertThat(small.json(small.get("/api/findings", small.adminToken)).path("items")).isEmpty();
    }
  }

  @Test
  void theThreatModelCheck_isServedToViewersOnly_onceItIsPublished() throws Exception {
    String viewer = t.userToken("vic", "viewer");
    assertThat(t.get("/api/threat-model", null).statusCode()).isEqualTo(401);
    assertThat(t.get("/api/threat-model", viewer).statusCode()).isEqualTo(404);
    dev.bulwark.threatmodel.report.PublishedCheck.publish(
        dir, ThreatModelChecks.check(x -> x, "0123456789abcdef0123456789abcdef"));
    HttpResponse<String> r = t.get("/api/threat-model", viewer);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = t.json(r);
    assertThat(doc.path("model").path("title").asText()).isEqualTo("model title");
    assertThat(doc.path("risks")).hasSize(3);
    assertThat(doc.path("risks").get(0).path("evidence").get(0).path("fingerprint").asText())
        .isEqualTo("0123456789abcdef0123456789abcdef");
    java.nio.file.Files.writeString(
        dir.resolve(dev.bulwark.threatmodel.report.PublishedCheck.PUBLISHED), "{\"risks\": [");
    HttpResponse<String> damaged = t.get("/api/threat-model", viewer);
    assertThat(damaged.statusCode()).isEqualTo(500);
    assertThat(damaged.body()).doesNotContain(dir.toString());
  }

  @Test
  void theOpenApiDocumentDescribesEveryApiRoute() throws Exception {
    JsonNode doc = t.json(t.get("/api/openapi.json", t.adminToken));
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    List<Http.Route> routes = new ArrayList<>();
    new Api(t.server).register(routes);
    for (Http.Route r : routes) {
      String template = r.pattern().pattern().replace("\\Q", "").replace("\\E", "");
      String path = template.replaceAll("\\(\\[\\^/\\]\\+\\)", "{x}");
      boolean found = false;
      for (var it = doc.path("paths").fieldNames(); it.hasNext(); ) {
        String p = it.next();
        if (p.replaceAll("\\{[a-z]+}", "{x}").equals(path)) {
          found = doc.path("paths").path(p).has(r.method().toLowerCase(java.util.Locale.ROOT));
        }
      }
      assertThat(found).as(r.method() + " " + path + " is documented").isTrue();
    }
  }

  @Test
  void aLogHuntsDetectionsBecomeIncidentsWithTheirTimeline() throws Exception {
    String report =
        """
        {"tool":{"name":"Bulwark","version":"test"},
         "scan":{"analyzers":[{"id":"logs","status":"completed"}]},
         "findings":[
          {"fingerprint":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","analyzer":"logs","ruleId":"sigma-1",
           "title":"Failed logons from one source","message":"m","severity":"medium","confidence":"high",
           "locations":[{"kind":"log-event","path":"Security.evtx","recordId":"4711",
             "timestamp":"2026-11-20T10:00:00Z","channel":"Security","host":"DC01"}],
           "taxa":[{"taxonomy":"ATTACK","id":"T1110.003"}],
           "properties":{"incident":"INC-1","tactics":"credential-access"}},
          {"fingerprint":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","analyzer":"logs","ruleId":"sigma-2",
           "title":"LSASS memory read","message":"m","severity":"high","confidence":"high",
           "locations":[{"kind":"log-event","path":"Sysmon.evtx","recordId":"99",
             "timestamp":"2026-11-20T10:05:00Z","channel":"Sysmon","host":"DC01"}],
           "taxa":[{"taxonomy":"ATTACK","id":"T1003.001"}],
           "properties":{"incident":"INC-1","tactics":"credential-access"}}]}
        """;
    HttpResponse<String> up =
        t.send(
            "POST", "/api/projects/soc/uploads", t.adminToken, report, "Idempotency-Key", "hunt");
    assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
    JsonNode list = t.json(t.get("/api/projects/soc/incidents", t.adminToken));
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("title").asText()).isEqualTo("LSASS memory read on DC01 (+1 more)");
    JsonNode one = t.json(t.get("/api/incidents/" + list.get(0).path("id").asLong(), t.adminToken));
    assertThat(one.path("incident").path("detections").findValuesAsText("recordId"))
        .containsExactly("4711", "99");
    assertThat(one.path("first").asText()).isEqualTo("2026-11-20T10:00:00Z");
  }
}
