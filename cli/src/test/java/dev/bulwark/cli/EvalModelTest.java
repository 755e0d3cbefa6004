package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark eval model} against a fake OpenAI-compatible server, and the engine baseline. */
class EvalModelTest {
  private static final Path SAMPLE =
      Path.of("src/test/resources/evals/rcm-sample.tsv").toAbsolutePath();
  @TempDir Path dir;

  @Test
  void scoresAModelBehindAnEndpoint() throws Exception {
    ObjectMapper json = new ObjectMapper();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String prompt =
              json.readTree(ex.getRequestBody()).path("messages").get(0).path("content").asText();
          // A model that knows XSS and SQL injection and guesses CWE-20 for the rest.
          // On multiple choice the fake knows ports and answers A otherwise.
          String answer =
              prompt.contains("**Question:**")
                  ? (prompt.contains("HTTPS") ? "HTTPS listens on 443, so:\nB" : "A")
                  : prompt.contains("cross-site scripting")
                      ? "Script injected into a page.\nCWE-79"
                      : prompt.contains("SQL injection")
                          ? "Query built from input.\nCWE-89"
                          : "Not sure.\nCWE-20";
          var reply = json.createObjectNode();
          reply.put("model", "fake-cti");
          reply
              .putArray("choices")
              .addObject()
              .putObject("message")
              .put("role", "assistant")
              .put("content", answer);
          reply.putObject("usage").put("prompt_tokens", 50).put("completion_tokens", 5);
          byte[] out = reply.toString().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
    try {
      Path record = dir.resolve("run.json");
      Cli.Result r =
          Cli.run(
              "eval",
              "model",
              "--suite",
              "ctibench-rcm",
              "--data",
              SAMPLE.toString(),
              "--endpoint",
              "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/",
              "--model",
              "fake-cti",
              "--json",
              record.toString(),
              "--price-input",
              "1.0",
              "--price-output",
              "2.0");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("| items | 4 |")
          .contains("| accuracy (CVE→CWE, exact) | 50.0 % |")
          .contains("| tokens | 220 |")
          .contains("| cost | 0.000240 |");
      assertThat(r.out().strip()).endsWith("model_score=50.0");
      Cli.Result mcq =
          Cli.run(
              "eval",
              "model",
              "--suite",
              "ctibench-mcq",
              "--data",
              SAMPLE.resolveSibling("mcq-sample.tsv").toString(),
              "--endpoint",
              "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/",
              "--model",
              "fake-cti");
      assertThat(mcq.exit()).as(mcq.err()).isZero();
      // Right on HTTPS (B) and LSASS (A, by its guess), wrong on AAAA (C).
      assertThat(mcq.out()).contains("| accuracy (answer letter, exact) | 66.7 % |");
      var run = json.readTree(record.toFile());
      assertThat(run.path("suiteSha256").asText()).hasSize(64);
      assertThat(run.path("outcomes")).hasSize(4);
      assertThat(run.path("promptVersion").asText()).isEqualTo("ctibench-rcm/as-published");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void engineBaselineNamesTheWeaknessFromItsPhrases() {
    Cli.Result r =
        Cli.run(
            "eval",
            "model",
            "--suite",
            "ctibench-rcm",
            "--data",
            SAMPLE.toString(),
            "--model",
            "bulwark");
    assertThat(r.exit()).as(r.err()).isZero();
    // XSS, SQL injection and use-after-free are named in their descriptions; the fourth is not.
    assertThat(r.out()).contains("| accuracy (CVE→CWE, exact) | 75.0 % |");
    assertThat(Files.exists(SAMPLE)).isTrue();
  }
}
