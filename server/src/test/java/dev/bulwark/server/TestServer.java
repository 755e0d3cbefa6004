package dev.bulwark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.FindingJson;
import dev.bulwark.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A real server on 127.0.0.1 over a real H2 store in a temporary directory. */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final Store store;
  final BulwarkServer server;

  /** The first-run token, read from its owner-only file, as an operator would. */
  final String firstRunToken;

  /** An admin token taken in exchange for the first-run token (which that revokes). */
  final String adminToken;

  final HttpClient http = HttpClient.newHttpClient();

  TestServer(Path dir, ServerConfig config) throws Exception {
    store = Store.openDefault(dir);
    server =
        new BulwarkServer(
                store,
                config.withPort(0).withDataDir(dir),
                new PrintStream(log, true, StandardCharsets.UTF_8))
            .start();
    java.nio.file.Path file = dir.resolve(BulwarkServer.FIRST_RUN_FILE);
    firstRunToken = java.nio.file.Files.readString(file).strip();
    adminToken =
        json(send("POST", "/api/tokens", firstRunToken, "{\"name\":\"admin tests\"}"))
            .path("token")
            .asText();
  }

  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  String log() {
    return log.toString(StandardCharsets.UTF_8);
  }

  /** A server whose first-run token is left as it was written, for tests of that token. */
  TestServer(Path dir, boolean keepFirstRun) throws Exception {
    store = Store.openDefault(dir);
    server =
        new BulwarkServer(
                store,
                ServerConfig.defaults().withPort(0).withDataDir(dir),
                new PrintStream(log, true, StandardCharsets.UTF_8))
            .start();
    firstRunToken =
        java.nio.file.Files.readString(dir.resolve(BulwarkServer.FIRST_RUN_FILE)).strip();
    adminToken = null;
  }

  TestServer(Path dir) throws Exception {
    this(dir, ServerConfig.defaults());
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(
      String method, String path, String token, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.header("Content-Type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The one number a counting query returns, read straight from the store. */
  long count(String sql) {
    return store.read(c -> {
      try (var st = c.createStatement();
          var r = st.executeQuery(sql)) {
        r.next();
        return r.getLong(1);
      }
    });
  }

  JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  /** A user with a role, and an API token for them. */
  String userToken(String name, String role) throws Exception {
    send(
        "POST",
        "/api/users",
        adminToken,
        "{\"name\":\""
            + name
            + "\",\"role\":\""
            + role
            + "\",\"password\":\""
            + name
            + "-password-123\"}");
    HttpResponse<String> login =
        send(
            "POST",
            "/api/login",
            null,
            "{\"user\":\"" + name + "\",\"password\":\"" + name + "-password-123\"}");
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String csrf = json(login).path("csrf").asText();
    return json(send(
            "POST",
            "/api/tokens",
            null,
            "{\"name\":\"t\"}",
            "Cookie",
            cookie,
            "X-CSRF-Token",
            csrf))
        .path("token")
        .asText();
  }

  static Finding finding(String key, Severity sev, String path, int line, boolean flow) {
    Finding.Builder b =
        Finding.builder("code", "java-sqli")
            .title("SQL injection " + key)
            .message("Request parameter reaches a SQL query in " + path)
            .severity(sev)
            .confidence(Confidence.HIGH)
            .location(
                new Location.File(
                    path,
                    new Region(line, 5, line, 40),
                    "stmt.executeQuery(\"SELECT * FROM t WHERE id=\" + id);"))
            .remediation("Use a PreparedStatement with bind parameters.")
            .identity(key);
    if (flow) {
      b.codeFlow(
          new CodeFlow(
              "request parameter to SQL",
              List.of(
                  new CodeFlow.Step(
                      new Location.File(
                          path,
                          new Region(line - 3, 5, line - 3, 30),
                          "String id = req.getParameter(\"id\");"),
                      "request parameter",
                      CodeFlow.Kind.SOURCE),
                  new CodeFlow.Step(
                      new Location.File(
                          path,
                          new Region(line, 5, line, 40),
                          "stmt.executeQuery(\"SELECT * FROM t WHERE id=\" + id);"),
                      "SQL query",
                      CodeFlow.Kind.SINK))));
    }
    return b.build();
  }

  /** A Bulwark JSON report of the findings, as `bulwark scan --format json` writes it. */
  static String report(List<Finding> findings) {
    ObjectNode r = JSON.createObjectNode();
    r.putObject("tool").put("name", "Bulwark").put("version", "test");
    ArrayNode an = r.putObject("scan").putArray("analyzers");
    an.addObject().put("id", "code").put("status", "completed");
    ArrayNode fs = r.putArray("findings");
    for (Finding f : findings) {
      fs.add(FindingJson.toJson(f));
    }
    return r.toString();
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
