package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.deception.dns.CanaryZone;
import dev.bulwark.deception.dns.DnsResponder;
import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.ServerConfig;
import dev.bulwark.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code canary create --server} registers the token in the team's registry (and the local one);
 * without a server the local registry works alone; a lookup of a DNS token's name at the server's
 * canary DNS responder becomes an alert and a finding in the token's project.
 */
class CanaryServerRegistryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The server's log, shown when an API call fails. */
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private JsonNode api(HttpClient http, String base, String path, String token) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body() + "\nserver log:\n" + log).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** A standard query for {@code name}, type A, class IN. */
  private static byte[] query(String name) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      b.write(label.length());
      b.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    }
    b.writeBytes(new byte[] {0, 0, 1, 0, 1});
    return b.toByteArray();
  }

  @Test
  void aDnsTokenRegisteredOnTheServer_isLookedUp_andBecomesAnAlertAndAFinding(@TempDir Path dir)
      throws Exception {
    try (Store store = Store.openDefault(dir.resolve("data"));
        BulwarkServer server =
            new BulwarkServer(
                    store,
                    ServerConfig.defaults().withPort(0),
                    new PrintStream(log, true, StandardCharsets.UTF_8))
                .start()) {
      String base = "http://127.0.0.1:" + server.port();
      var accounts = new dev.bulwark.store.Accounts(store);
      String token = accounts.createToken(accounts.user("admin").orElseThrow().id(), "canary");
      Path tokenFile = dir.resolve("token");
      Files.writeString(tokenFile, token);
      Path local = dir.resolve("canary");

      Cli.Result made =
          Cli.run(
              "canary",
              "create",
              "--kind",
              "dns",
              "--domain",
              "canary.test",
              "--server",
              base,
              "--token-file",
              tokenFile.toString(),
              "--project",
              "finance",
              "--memo",
              "payroll database host in deploy.env",
              "--data",
              local.toString());
      assertThat(made.exit()).as(made.err()).isZero();
      Matcher m =
          Pattern.compile("canary ([a-z2-7]{20}) \\(dns\\), call-back dns:(\\S+), registered on")
              .matcher(made.out());
      assertThat(m.find()).as(made.out()).isTrue();
      String id = m.group(1);
      assertThat(m.group(2)).isEqualTo(id + ".canary.test");

      // in both registries: the local one (for scans, offline) and the team's
      Cli.Result localList = Cli.run("canary", "list", "--data", local.toString());
      assertThat(localList.out()).contains(id, "payroll database host in deploy.env");
      Cli.Result serverList =
          Cli.run("canary", "list", "--server", base, "--token-file", tokenFile.toString());
      assertThat(serverList.exit()).as(serverList.err()).isZero();
      assertThat(serverList.out())
          .contains(id + "  dns  ")
          .contains("finance  payroll database host in deploy.env");
      HttpClient http = HttpClient.newHttpClient();
      assertThat(api(http, base, "/api/canary-tokens", token).path("items")).hasSize(1);

      StringWriter dnsLog = new StringWriter();
      try (DnsResponder dns =
              ServeCommand.startDns(
                  server, new CanaryZone("canary.test"), "127.0.0.1", 0, new PrintWriter(dnsLog));
          DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
        s.setSoTimeout(60_000);
        byte[] q = query(id.toUpperCase(java.util.Locale.ROOT) + ".Canary.Test");
        s.send(new DatagramPacket(q, q.length, dns.address()));
        byte[] buf = new byte[512];
        DatagramPacket reply = new DatagramPacket(buf, buf.length);
        s.receive(reply);
        assertThat(buf[3] & 0x0F).as("NXDOMAIN").isEqualTo(3);
        // the alert and its finding are written after the answer: wait for the finding (written
        // after the
        // alert), however slow the machine
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (api(http, base, "/api/findings?project=finance&analyzer=canary", token)
            .path("items")
            .isEmpty()) {
          assertThat(System.nanoTime()).as("the finding within a minute: " + log).isLessThan(end);
          Thread.sleep(10);
        }
        JsonNode alerts = api(http, base, "/api/canary-alerts", token).path("items");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("token").asText()).isEqualTo(id);
        assertThat(alerts.get(0).path("channel").asText()).isEqualTo("dns");
        assertThat(alerts.get(0).path("source").asText()).isEqualTo("127.0.0.1");
        assertThat(dnsLog.toString()).isEmpty();
      }
      JsonNode findings =
          api(http, base, "/api/findings?project=finance&analyzer=canary", token).path("items");
      assertThat(findings).hasSize(1);
      assertThat(findings.get(0).path("title").asText())
          .isEqualTo("Canary token triggered: payroll database host in deploy.env");
    }
  }

  @Test
  void withoutAServer_theLocalRegistryWorks_andARefusedRegistrationKeepsNothing(@TempDir Path dir)
      throws Exception {
    Path local = dir.resolve("canary");
    Cli.Result offline = Cli.run("canary", "create", "--kind", "url", "--data", local.toString());
    assertThat(offline.exit()).as(offline.err()).isZero();
    assertThat(offline.out())
        .contains("call-back http://127.0.0.1:8555/c/")
        .doesNotContain("registered");
    assertThat(Files.readAllLines(local.resolve("canaries.jsonl"))).hasSize(1);

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Store store = Store.openDefault(dir.resolve("data"));
        BulwarkServer server =
            new BulwarkServer(
                    store,
                    ServerConfig.defaults().withPort(0),
                    new PrintStream(log, true, StandardCharsets.UTF_8))
                .start()) {
      Path wrong = dir.resolve("wrong-token");
      Files.writeString(wrong, "bwk_not-a-token");
      Cli.Result refused =
          Cli.run(
              "canary",
              "create",
              "--kind",
              "aws-key",
              "--server",
              "http://127.0.0.1:" + server.port(),
              "--token-file",
              wrong.toString(),
              "--data",
              local.toString());
      assertThat(refused.exit()).isNotZero();
      assertThat(refused.err()).contains("registering the canary token failed").contains("401");
      assertThat(Files.readAllLines(local.resolve("canaries.jsonl")))
          .as("a token the server refused is not kept as if it were registered")
          .hasSize(1);
    }
  }
}
