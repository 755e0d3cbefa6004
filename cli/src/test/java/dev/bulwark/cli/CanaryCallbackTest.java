package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.ServerConfig;
import dev.bulwark.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A URL token minted against the team server calls home there and shows as an alert. */
class CanaryCallbackTest {
  @Test
  void aUrlTokenMadeWithTheServerAsCallBack_isRequested_andListedAsAnAlert(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Store store = Store.openDefault(dir.resolve("data"));
        BulwarkServer server =
            new BulwarkServer(
                    store,
                    ServerConfig.defaults().withPort(0),
                    new PrintStream(log, true, StandardCharsets.UTF_8))
                .start()) {
      String base = "http://127.0.0.1:" + server.port();
      Cli.Result made =
          Cli.run(
              "canary",
              "create",
              "--kind",
              "url",
              "--callback",
              base,
              "--memo",
              "wiki admin page",
              "--data",
              dir.resolve("canary").toString());
      assertThat(made.exit()).as(made.err()).isZero();
      Matcher m =
          Pattern.compile("canary ([a-z2-7]{20}) \\(url\\), call-back (\\S+)").matcher(made.out());
      assertThat(m.find()).as(made.out()).isTrue();
      String id = m.group(1);
      assertThat(m.group(2)).isEqualTo(base + "/c/" + id);

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<byte[]> hit =
          http.send(
              HttpRequest.newBuilder(URI.create(m.group(2)))
                  .header("User-Agent", "Mozilla/5.0 (intruder)")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(hit.statusCode()).isEqualTo(200);
      assertThat(hit.headers().firstValue("Content-Type")).hasValue("image/gif");

      var accounts = new dev.bulwark.store.Accounts(store);
      String token = accounts.createToken(accounts.user("admin").orElseThrow().id(), "canary test");
      HttpResponse<String> listed =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/canary-alerts"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(listed.statusCode()).isEqualTo(200);
      JsonNode items = new ObjectMapper().readTree(listed.body()).path("items");
      assertThat(items).hasSize(1);
      assertThat(items.get(0).path("token").asText()).isEqualTo(id);
      assertThat(items.get(0).path("source").asText()).isEqualTo("127.0.0.1");
      assertThat(items.get(0).path("userAgent").asText()).isEqualTo("Mozilla/5.0 (intruder)");
    }
  }
}
