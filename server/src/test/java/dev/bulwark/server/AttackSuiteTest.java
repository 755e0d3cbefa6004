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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server attacked as an outside tester would: every registered route against every role,
 * credentials before bodies, guessing interleaved with the attacker's own sign-ins, forged client
 * addresses, foreign Host names, reused idempotency keys, the first-run credential. Each case is
 * one named test; together they run in CI with the rest of the suite.
 */
class AttackSuiteTest {
  @TempDir Path dir;
  TestServer t;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer(dir, ServerConfig.defaults().withTrustedProxies(List.of("127.0.0.1")));
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static String concrete(Http.Route r) {
    return r.template().replace("{project}", "shop").replaceAll("\\{[a-z]+}", "1");
  }

  private static String body(Http.Route r) {
    return r.method().equals(Http.GET) || r.method().equals(Http.DELETE) ? null : "{}";
  }

  private HttpResponse<String> call(Http.Route r, String token) throws Exception {
    String b = body(r);
    return t.send(r.method(), concrete(r), token, b == null ? "" : b);
  }

  @Test
  void routeMatrix_everyRegisteredRouteEnforcesItsAccessLevel() throws Exception {
    String viewer = t.userToken("vic", "viewer");
    String analyst = t.userToken("ana", "analyst");
    List<Http.Route> routes = t.server.routes();
    assertThat(routes).hasSizeGreaterThan(30);
    int checked = 0;
    for (Http.Route r : routes) {
      String what = r.method() + " " + r.template() + " (" + r.access() + ")";
      boolean api = r.template().startsWith("/api/");
      HttpResponse<String> anonymous = call(r, null);
      if (r.access() == Access.PUBLIC) {
        assertThat(anonymous.statusCode()).as(what).isNotEqualTo(403);
        if (anonymous.statusCode() == 401) {
          assertThat(anonymous.body())
              .as(what + ": only a sign-in refuses")
              .containsIgnoringCase("wrong user name or password");
        }
        continue;
      }
      if (api) {
        assertThat(anonymous.statusCode()).as(what + " anonymous").isEqualTo(401);
      } else {
        assertThat(anonymous.statusCode()).as(what + " anonymous").isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).as(what).hasValue("/login");
      }
      String[] tokens = {viewer, analyst, t.adminToken};
      Access[] levels = {Access.VIEWER, Access.ANALYST, Access.ADMIN};
      for (int i = 0; i < tokens.length; i++) {
        int status = call(r, tokens[i]).statusCode();
        if (levels[i].ordinal() < r.access().ordinal()) {
          assertThat(status).as(what + " as " + levels[i]).isEqualTo(403);
        } else {
          assertThat(status).as(what + " as " + levels[i]).isNotIn(401, 403);
        }
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(25);
  }

  @Test
  void firstRunToken_isWrittenOwnerOnly_neverLogged_andOnlyRotatesItself(@TempDir Path other)
      throws Exception {
    try (TestServer fresh = new TestServer(other)) {
      Path file = other.resolve(BulwarkServer.FIRST_RUN_FILE);
      assertThat(fresh.log()).contains(file.toString()).doesNotContain(fresh.firstRunToken);
      // the exchange in TestServer deleted the file and revoked the token
      assertThat(file).doesNotExist();
      assertThat(fresh.get("/api/me", fresh.firstRunToken).statusCode()).isEqualTo(401);
    }
    Path third = other.resolve("third");
    Files.createDirectories(third);
    try (TestServer s = new TestServer(third, true)) {
      Path file = third.resolve(BulwarkServer.FIRST_RUN_FILE);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      String token = Files.readString(file).strip();
      HttpResponse<String> refused = s.get("/api/findings", token);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("first-run token only serves");
      assertThat(s.get("/api/me", token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anonymousBodies_areRefusedBeforeAByteIsRead() throws Exception {
    // headers announce 60 MB and no body follows: a server that read before checking would wait
    long start = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", t.server.port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/projects/shop/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Idempotency-Key: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 62914560\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 401");
    }
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
  }

  @Test
  void bruteForce_interleavedWithTheAttackersOwnSignIns_isStillSlowed() throws Exception {
    t.userToken("ana", "analyst");
    t.userToken("mallory", "viewer");
    int refused = 0;
    for (int i = 0; i < 8; i++) {
      HttpResponse<String> guess =
          t.send("POST", "/api/login", null, "{\"user\":\"ana\",\"password\":\"guess-" + i + "\"}");
      if (guess.statusCode() == 429) {
        refused++;
      }
      // his own successful sign-in between guesses must not reset ana's count
      assertThat(
              t.send(
                      "POST",
                      "/api/login",
                      null,
                      "{\"user\":\"mallory\",\"password\":\"mallory-password-123\"}")
                  .statusCode())
          .isEqualTo(200);
    }
    assertThat(refused).isGreaterThanOrEqualTo(3);
  }

  @Test
  void bruteForce_fromOneAddress_doesNotLockOutTheRealUserElsewhere() throws Exception {
    t.userToken("ana", "analyst");
    for (int i = 0; i < 8; i++) {
      t.send(
          "POST",
          "/api/login",
          null,
          "{\"user\":\"ana\",\"password\":\"guess-" + i + "\"}",
          "X-Forwarded-For",
          "203.0.113.66");
    }
    assertThat(
            t.send(
                    "POST",
                    "/api/login",
                    null,
                    "{\"user\":\"ana\",\"password\":\"ana-password-123\"}",
                    "X-Forwarded-For",
                    "203.0.113.66")
                .statusCode())
        .as("the attacker's address waits")
        .isEqualTo(429);
    assertThat(
            t.send(
                    "POST",
                    "/api/login",
                    null,
                    "{\"user\":\"ana\",\"password\":\"ana-password-123\"}",
                    "X-Forwarded-For",
                    "198.51.100.7")
                .statusCode())
        .as("the real user at her own address signs in")
        .isEqualTo(200);
  }

  @Test
  void forwardedFor_fromAnUntrustedPeer_isIgnored(@TempDir Path other) throws Exception {
    try (TestServer plain = new TestServer(other)) {
      plain.userToken("ana", "analyst");
      for (int i = 0; i < 8; i++) {
        // a fresh forged address each time would dodge the throttle if it were believed
        plain.send(
            "POST",
            "/api/login",
            null,
            "{\"user\":\"ana\",\"password\":\"guess-" + i + "\"}",
            "X-Forwarded-For",
            "192.0.2." + i);
      }
      assertThat(
              plain
                  .send(
                      "POST",
                      "/api/login",
                      null,
                      "{\"user\":\"ana\",\"password\":\"ana-password-123\"}",
                      "X-Forwarded-For",
                      "192.0.2.99")
                  .statusCode())
          .isEqualTo(429);
    }
  }

  @Test
  void tokenGuessing_isCappedPerAddress() throws Exception {
    int last = 0;
    for (int i = 0; i <= LoginThrottle.ADDRESS_CAP; i++) {
      last = t.get("/api/me", "bwk_guess" + i).statusCode();
    }
    assertThat(last).isEqualTo(429);
  }

  @Test
  void hostHeader_ofAForeignName_isRefused() throws Exception {
    try (Socket s = new Socket("127.0.0.1", t.server.port())) {
      s.getOutputStream()
          .write(
              "GET /login HTTP/1.1\r\nHost: rebind.attacker.example\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(head).isEqualTo("HTTP/1.1 421");
    }
    assertThat(t.get("/login", null).statusCode()).isEqualTo(200);
  }

  @Test
  void wrongMethod_is405WithAllow() throws Exception {
    HttpResponse<String> r = t.send("DELETE", "/api/findings", t.adminToken, "");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  /** What a reply must never carry: a sign that a payload reached SQL or a stack trace. */
  private static final java.util.regex.Pattern LEAK =
      java.util.regex.Pattern.compile(
          "(?i)org\\.h2|org\\.postgresql|jdbc|sqlexception|syntax error|\\bat [a-z]+\\.[a-z]+\\.|"
              + "exception:");

  @Test
  void injectionPayloads_inEveryParameterOfEveryReadRoute_changeNothingAndLeakNothing()
      throws Exception {
    List<Finding> fs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fs.add(TestServer.finding("f" + i, Severity.HIGH, "src/F" + i + ".java", 3, false));
    }
    assertThat(
            t.send(
                    "POST",
                    "/api/projects/shop/uploads",
                    t.adminToken,
                    TestServer.report(fs),
                    "Idempotency-Key",
                    "seed")
                .statusCode())
        .isEqualTo(201);
    String all = t.get("/api/findings?project=shop&status=all&limit=200", t.adminToken).body();
    int stored =
        t.json(t.get("/api/findings?project=shop&status=all&limit=200", t.adminToken))
            .path("items")
            .size();
    assertThat(stored).isEqualTo(5);
    List<String> payloads =
        List.of(
            "' OR '1'='1",
            "shop' OR 1=1 --",
            "%' OR 1=1 --",
            "1; DROP TABLE findings; --",
            "' UNION SELECT password_hash, 1, 1 FROM users --",
            "\" OR \"\"=\"",
            "%",
            "_",
            "\\",
            "${jndi:ldap://127.0.0.1/x}",
            "x".repeat(5000));
    List<String> params =
        List.of(
            "project",
            "status",
            "severity",
            "analyzer",
            "rule",
            "path",
            "verdict",
            "sort",
            "limit",
            "cursor",
            "before",
            "action",
            "user",
            "suite",
            "all");
    int requests = 0;
    for (Http.Route r : t.server.routes()) {
      if (!r.method().equals(Http.GET)) {
        continue;
      }
      for (String payload : payloads) {
        String enc =
            java.net.URLEncoder.encode(payload, StandardCharsets.UTF_8).replace("+", "%20");
        // the payload in every path parameter, then in every query parameter in turn
        List<String> urls = new ArrayList<>();
        urls.add(r.template().replaceAll("\\{[a-z]+}", enc));
        for (String p : params) {
          urls.add(concrete(r) + "?project=shop&" + p + "=" + enc);
        }
        for (String url : urls) {
          HttpResponse<String> res = t.get(url, t.adminToken);
          requests++;
          String what = "GET " + url.substring(0, Math.min(url.length(), 160));
          assertThat(res.statusCode()).as(what).isLessThan(500);
          assertThat(LEAK.matcher(res.body()).find()).as(what + ": " + res.body()).isFalse();
        }
      }
    }
    // a filter's payload matches nothing: it is compared as text, never run
    for (String p : List.of("rule", "path", "analyzer", "verdict")) {
      for (String payload : payloads.subList(0, 6)) {
        HttpResponse<String> res =
            t.get(
                "/api/findings?project=shop&status=all&"
                    + p
                    + "="
                    + java.net.URLEncoder.encode(payload, StandardCharsets.UTF_8),
                t.adminToken);
        if (res.statusCode() == 200) {
          assertThat(t.json(res).path("items")).as(p + "=" + payload).isEmpty();
        } else {
          assertThat(res.statusCode()).as(p + "=" + payload).isEqualTo(400);
        }
      }
    }
    assertThat(requests).isGreaterThan(300);
    assertThat(t.get("/api/findings?project=shop&status=all&limit=200", t.adminToken).body())
        .as("the store after the payloads")
        .isEqualTo(all);
  }

  @Test
  void idempotencyKey_reusedWithAnotherBody_is409() throws Exception {
    List<Finding> fs = new ArrayList<>();
    fs.add(TestServer.finding("a", Severity.HIGH, "src/A.java", 3, false));
    String one = TestServer.report(fs);
    fs.add(TestServer.finding("b", Severity.HIGH, "src/B.java", 3, false));
    String two = TestServer.report(fs);
    String path = "/api/projects/shop/uploads";
    assertThat(t.send("POST", path, t.adminToken, one, "Idempotency-Key", "k").statusCode())
        .isEqualTo(201);
    assertThat(t.send("POST", path, t.adminToken, one, "Idempotency-Key", "k").statusCode())
        .isEqualTo(200);
    HttpResponse<String> conflict = t.send("POST", path, t.adminToken, two, "Idempotency-Key", "k");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("different report");
  }

  @Test
  void overLongValues_are400NamingTheField_notStoreUnavailable() throws Exception {
    String report =
        TestServer.report(List.of(TestServer.finding("a", Severity.HIGH, "A.java", 1, false)))
            .replace("\"version\":\"test\"", "\"version\":\"" + "v".repeat(300) + "\"");
    HttpResponse<String> r =
        t.send("POST", "/api/projects/shop/uploads", t.adminToken, report, "Idempotency-Key", "l");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("tool");
    HttpResponse<String> eval =
        t.send(
            "POST",
            "/api/eval-results",
            t.adminToken,
            "{\"suite\":\"" + "s".repeat(100) + "\",\"score\":1}");
    assertThat(eval.statusCode()).isEqualTo(400);
    assertThat(eval.body()).contains("suite");
  }

  @Test
  void tokens_areRevokedByIdAndListedWithoutTheirValues() throws Exception {
    String analyst = t.userToken("ana", "analyst");
    JsonNode mine = t.json(t.get("/api/tokens", analyst));
    assertThat(mine).hasSize(1);
    assertThat(mine.toString()).doesNotContain(analyst);
    assertThat(mine.get(0).path("expiresAt").asText()).isNotEmpty();
    long id = mine.get(0).path("id").asLong();
    String viewer = t.userToken("vic", "viewer");
    assertThat(t.send("DELETE", "/api/tokens/" + id, viewer, "").statusCode())
        .as("another user's token")
        .isEqualTo(404);
    assertThat(t.send("DELETE", "/api/tokens/" + id, analyst, "").statusCode()).isEqualTo(200);
    assertThat(t.get("/api/me", analyst).statusCode()).isEqualTo(401);
  }

  @Test
  void passwordChange_needsTheCurrentPassword_andEndsOtherSessions() throws Exception {
    t.userToken("ana", "analyst");
    String[] a = session("ana", "ana-password-123");
    String[] b = session("ana", "ana-password-123");
    HttpResponse<String> noCurrent =
        t.send(
            "POST",
            "/api/me/password",
            null,
            "{\"password\":\"a-brand-new-password\"}",
            "Cookie",
            a[0],
            "X-CSRF-Token",
            a[1]);
    assertThat(noCurrent.statusCode()).isEqualTo(403);
    HttpResponse<String> ok =
        t.send(
            "POST",
            "/api/me/password",
            null,
            "{\"current\":\"ana-password-123\",\"password\":\"a-brand-new-password\"}",
            "Cookie",
            a[0],
            "X-CSRF-Token",
            a[1]);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(t.send("GET", "/api/me", null, "", "Cookie", a[0]).statusCode()).isEqualTo(200);
    assertThat(t.send("GET", "/api/me", null, "", "Cookie", b[0]).statusCode()).isEqualTo(401);
  }

  @Test
  void adminDisablesAUser_whoseTokensStopAtOnce() throws Exception {
    String analyst = t.userToken("ana", "analyst");
    assertThat(t.send("PUT", "/api/users/ana", t.adminToken, "{\"disabled\":true}").statusCode())
        .isEqualTo(200);
    assertThat(t.get("/api/me", analyst).statusCode()).isEqualTo(401);
    assertThat(
            t.send("PUT", "/api/users/admin", t.adminToken, "{\"role\":\"viewer\"}").statusCode())
        .as("the last admin")
        .isEqualTo(400);
  }

  @Test
  void auditLog_pagesAndFilters() throws Exception {
    for (int i = 0; i < 5; i++) {
      t.userToken("user" + i, "viewer");
    }
    JsonNode page = t.json(t.get("/api/audit?limit=3&action=user.create", t.adminToken));
    assertThat(page.path("items")).hasSize(3);
    page.path("items").forEach(e -> assertThat(e.path("action").asText()).isEqualTo("user.create"));
    JsonNode next =
        t.json(
            t.get(
                "/api/audit?limit=3&action=user.create&before=" + page.path("nextBefore").asLong(),
                t.adminToken));
    assertThat(next.path("items")).hasSize(2);
    assertThat(next.path("nextBefore").isNull()).isTrue();
  }

  private String[] session(String user, String password) throws Exception {
    HttpResponse<String> login =
        t.send(
            "POST",
            "/api/login",
            null,
            "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return new String[] {
      login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0],
      t.json(login).path("csrf").asText()
    };
  }
}
