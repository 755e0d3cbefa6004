package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real servers on one PostgreSQL database, as behind a load balancer: both start at the same
 * moment on an empty schema (migrations and the first admin must not collide), a session begun on
 * one is honoured by the other, a sign-out on one ends it on both, and failed sign-ins on one slow
 * the same guesser on the other. Needs {@code BULWARK_TEST_POSTGRES_URL}.
 */
class ServersOnOneDatabaseTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String URL = System.getenv("BULWARK_TEST_POSTGRES_URL");

  @TempDir Path dir;
  private String schema;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  /** One server: its store, its data directory, its address. */
  record Instance(Store store, BulwarkServer server, Path data) {
    String base() {
      return "http://127.0.0.1:" + server.port();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(URL)) {
        c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void twoServersOnOneDatabase_shareSessionsAndTheThrottle_andStartTogetherOnAnEmptyOne()
      throws Exception {
    assumeTrue(
        URL != null && !URL.isBlank(),
        "BULWARK_TEST_POSTGRES_URL is not set: the test of two servers on one database is"
            + " skipped");
    schema = "multi_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(URL)) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    String db = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;

    // both open the empty schema and start at once: one migrates, one admin is created
    List<Instance> both = startTogether(db, 2);
    Instance a = both.get(0);
    Instance b = both.get(1);
    List<String> tokens = new ArrayList<>();
    for (Instance i : both) {
      Path f = i.data().resolve(BulwarkServer.FIRST_RUN_FILE);
      if (Files.exists(f)) {
        tokens.add(Files.readString(f).strip());
      }
    }
    assertThat(tokens).as("exactly one server created the first admin").hasSize(1);
    long admins =
        a.store()
            .read(c -> {
              try (var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM users")) {
                r.next();
                return r.getLong(1);
              }
            });
    assertThat(admins).isEqualTo(1);
    for (Instance i : both) {
      HttpResponse<String> ready = send(i, "GET", "/api/ready", null, null);
      assertThat(ready.statusCode()).as("ready").isEqualTo(200);
      assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
    }

    // the first-run token, whichever server wrote it, sets the admin's password on the other one
    Instance writer = Files.exists(a.data().resolve(BulwarkServer.FIRST_RUN_FILE)) ? a : b;
    Instance other = writer == a ? b : a;
    HttpResponse<String> set =
        send(
            other,
            "POST",
            "/api/me/password",
            null,
            "{\"password\":\"admin-password-123\"}",
            "Authorization",
            "Bearer " + tokens.get(0));
    assertThat(set.statusCode()).as(set.body()).isBetween(200, 204);

    // sign in on A, act on B with A's session
    HttpResponse<String> login =
        send(
            a,
            "POST",
            "/api/login",
            null,
            "{\"user\":\"admin\",\"password\":\"admin-password-123\"}");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String csrf = JSON.readTree(login.body()).path("csrf").asText();
    HttpResponse<String> me = send(b, "GET", "/api/me", null, null, "Cookie", cookie);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(json(me).path("user").asText()).isEqualTo("admin");
    HttpResponse<String> created =
        send(
            b,
            "POST",
            "/api/users",
            null,
            "{\"name\":\"ana\",\"role\":\"analyst\",\"password\":\"ana-password-123\"}",
            "Cookie",
            cookie,
            "X-CSRF-Token",
            csrf);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> users = send(a, "GET", "/api/users", null, null, "Cookie", cookie);
    assertThat(users.body()).as("the user created on B, listed on A").contains("\"ana\"");

    // signing out on B ends the session on A too
    assertThat(
            send(b, "POST", "/api/logout", null, null, "Cookie", cookie, "X-CSRF-Token", csrf)
                .statusCode())
        .isEqualTo(200);
    assertThat(send(a, "GET", "/api/me", null, null, "Cookie", cookie).statusCode()).isEqualTo(401);

    // guesses on A count on B: after the free failures the next try on B must wait
    for (int i = 0; i <= LoginThrottle.FREE; i++) {
      HttpResponse<String> wrong =
          send(
              a, "POST", "/api/login", null, "{\"user\":\"ana\",\"password\":\"guess-" + i + "\"}");
      assertThat(wrong.statusCode()).as("guess %d on A", i).isEqualTo(401);
    }
    HttpResponse<String> onB =
        send(b, "POST", "/api/login", null, "{\"user\":\"ana\",\"password\":\"ana-password-123\"}");
    assertThat(onB.statusCode())
        .as("the right password on B, after the guesses on A")
        .isEqualTo(429);
    assertThat(onB.headers().firstValue("Retry-After")).isPresent();

    // a server whose store is gone is not ready, and says nothing more; the other still is
    a.server().close();
    a.store().close();
    open.remove(a.server());
    open.remove(a.store());
    Instance c = start(db, dir.resolve("c"));
    assertThat(send(c, "GET", "/api/ready", null, null).statusCode()).isEqualTo(200);
    c.store().close();
    HttpResponse<String> gone = send(c, "GET", "/api/ready", null, null);
    assertThat(gone.statusCode()).isEqualTo(503);
    assertThat(gone.body()).isEqualTo("{\"status\":\"not ready\"}");
    assertThat(send(c, "GET", "/api/health", null, null).statusCode()).isEqualTo(200);
    assertThat(send(b, "GET", "/api/ready", null, null).statusCode()).isEqualTo(200);
  }

  /** Opens the store and starts a server in each of {@code n} threads released together. */
  private List<Instance> startTogether(String db, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Instance>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Path data = dir.resolve("server-" + i);
        futures.add(
            pool.submit(() -> {
              go.await();
              return start(db, data);
            }));
      }
      go.countDown();
      List<Instance> out = new ArrayList<>();
      for (Future<Instance> f : futures) {
        out.add(f.get(120, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Instance start(String db, Path data) throws Exception {
    Files.createDirectories(data);
    Store store = Store.open(db, null, null);
    synchronized (open) {
      open.add(store);
    }
    BulwarkServer server =
        new BulwarkServer(
                store,
                ServerConfig.defaults().withPort(0).withDataDir(data),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .start();
    synchronized (open) {
      open.add(server);
    }
    return new Instance(store, server, data);
  }

  private HttpResponse<String> send(
      Instance i, String method, String path, String token, String body, String... headers)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(i.base() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    for (int k = 0; k + 1 < headers.length; k += 2) {
      r.header(headers[k], headers[k + 1]);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }
}
