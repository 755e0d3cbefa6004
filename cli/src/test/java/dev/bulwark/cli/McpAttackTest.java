package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark mcp} over stdio attacked with what a broken or hostile client sends: lines that
 * are not JSON and JSON that is not JSON-RPC. Each gets its JSON-RPC error and the session keeps
 * answering.
 */
class McpAttackTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path data;

  @Test
  void malformedLines_getJsonRpcErrors_andTheSessionContinues() throws Exception {
    List<String> command =
        new ArrayList<>(
            RuntimeClasspath.command(
                "mcp", "--root", data.toString(), "--data-dir", data.resolve("d").toString()));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .start(() -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  replies.add(JSON.readTree(line));
                }
              } catch (Exception e) {
                // the process ended
              }
            });
    try {
      OutputStream in = p.getOutputStream();
      send(
          in,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
      assertThat(next(replies).path("id").asInt()).isEqualTo(1);
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

      send(in, "{this is not json");
      JsonNode parse = next(replies);
      assertThat(parse.path("error").path("code").asInt()).isEqualTo(-32700);
      assertThat(parse.path("id").isNull()).isTrue();

      send(in, "[1,2,3]");
      assertThat(next(replies).path("error").path("code").asInt()).isEqualTo(-32600);

      send(in, "{\"id\":9,\"method\":\"tools/list\"}");
      JsonNode noVersion = next(replies);
      assertThat(noVersion.path("error").path("code").asInt()).isEqualTo(-32600);
      assertThat(noVersion.path("id").asInt()).isEqualTo(9);

      send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      JsonNode tools = next(replies);
      assertThat(tools.path("id").asInt()).as("the session still answers").isEqualTo(2);
      assertThat(tools.path("result").path("tools").size()).isGreaterThan(3);
      assertThat(tools.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
      p.destroyForcibly();
      reader.join(5_000);
    }
  }

  private static void send(OutputStream in, String line) throws Exception {
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static JsonNode next(BlockingQueue<JsonNode> replies) throws Exception {
    JsonNode n = replies.poll(120, TimeUnit.SECONDS);
    assertThat(n).as("a reply within 120 s").isNotNull();
    return n;
  }

  // ---- the tools themselves, attacked in process ----

  private static BulwarkTools tools(Path root, java.util.List<dev.bulwark.core.analysis.Analyzer> a)
      throws Exception {
    java.io.StringWriter log = new java.io.StringWriter();
    return new BulwarkTools(BulwarkTools.roots(List.of(root)), root.resolve(".d"), "test", a)
        .logTo(new java.io.PrintWriter(log, true));
  }

  @Test
  void aBulwarkYamlAboveTheRoot_isIgnored_andTheResultSaysSo(@TempDir Path top) throws Exception {
    // the file above the root would load rules from outside it; the agent was given only root/
    java.nio.file.Files.writeString(
        top.resolve("bulwark.yaml"), "secrets:\n  rules: [/etc/outside-rules.yaml]\n");
    Path root = java.nio.file.Files.createDirectories(top.resolve("root"));
    java.nio.file.Files.writeString(root.resolve("App.java"), "class App {}\n");
    BulwarkTools t = tools(root, BuiltInAnalyzers.all());
    BulwarkTools.Result r = t.call("find_secrets", JSON.readTree("{\"path\":\"" + root + "\"}"));
    assertThat(r.error()).as(r.text()).isFalse();
    assertThat(r.text()).contains("a bulwark.yaml above the roots was ignored");
    assertThat(r.structured().path("notes").toString()).contains("above the roots was ignored");

    // one inside the root is still read (a bad key in it is reported as its own error)
    java.nio.file.Files.writeString(root.resolve("bulwark.yaml"), "secrets:\n  alowlist: []\n");
    BulwarkTools.Result inside =
        t.call("find_secrets", JSON.readTree("{\"path\":\"" + root + "\"}"));
    assertThat(inside.text()).doesNotContain("above the roots").contains("alowlist");
  }

  /** An analyzer that fails with a message carrying a stack trace, as a careless one would. */
  static final class Failing implements dev.bulwark.core.analysis.Analyzer {
    @Override
    public dev.bulwark.core.analysis.AnalyzerInfo info() {
      return new dev.bulwark.core.analysis.AnalyzerInfo(
          "broken", "Broken", "fails", dev.bulwark.core.analysis.Phase.FILES);
    }

    @Override
    public java.util.List<dev.bulwark.core.model.RuleDescriptor> rules() {
      return List.of();
    }

    @Override
    public boolean appliesTo(dev.bulwark.core.analysis.ScanContext c) {
      return true;
    }

    @Override
    public void analyze(
        dev.bulwark.core.analysis.ScanContext c, dev.bulwark.core.analysis.FindingSink sink) {
      throw new IllegalStateException(
          "parser blew up\n\tat dev.bulwark.Secret.method(Secret.java:42)\n"
              + "\tat java.base/java.lang.Thread.run(Thread.java:1583)");
    }
  }

  @Test
  void aFailingAnalyzer_isReportedToTheAgent_withoutAStackTrace(@TempDir Path root)
      throws Exception {
    java.nio.file.Files.writeString(root.resolve("a.txt"), "hello\n");
    java.io.StringWriter log = new java.io.StringWriter();
    BulwarkTools t =
        new BulwarkTools(
                BulwarkTools.roots(List.of(root)),
                root.resolve(".d"),
                "test",
                List.of(new Failing()))
            .logTo(new java.io.PrintWriter(log, true));
    BulwarkTools.Result r = t.call("scan", JSON.readTree("{\"path\":\"" + root + "\"}"));
    assertThat(r.error()).as("nothing analysed: the call failed").isTrue();
    assertThat(r.text()).contains("Analyzer broken failed").contains("not a clean result");
    assertThat(r.structured().path("failed_analyzers").path(0).path("id").asText())
        .isEqualTo("broken");
    for (String said : List.of(r.text(), r.structured().toString(), log.toString())) {
      assertThat(said)
          .doesNotContain("\tat ")
          .doesNotContain("Secret.java")
          .doesNotContain("at java.base");
    }
    // an unexpected exception in a tool: one line naming its kind, in the answer and the log
    String message =
        BulwarkTools.errorMessage(
            "scan", new NullPointerException("x\n\tat dev.bulwark.Internal.m(Internal.java:1)"));
    assertThat(message)
        .isEqualTo("scan: internal error (NullPointerException); the server's log has the call");
  }

  @Test
  void pathsOutsideTheRoots_getOneAnswer_whetherTheyExistOrNot(@TempDir Path top) throws Exception {
    Path root = java.nio.file.Files.createDirectories(top.resolve("root"));
    Path outside = java.nio.file.Files.createDirectories(top.resolve("outside"));
    java.nio.file.Files.writeString(outside.resolve("secret.txt"), "x");
    java.nio.file.Files.createSymbolicLink(root.resolve("link"), outside);
    BulwarkTools t = tools(root, BuiltInAnalyzers.all());
    List<String> answers = new ArrayList<>();
    for (String[] pair :
        new String[][] {
          {outside.resolve("secret.txt").toString(), outside.resolve("nothing.txt").toString()},
          {"../outside/secret.txt", "../outside/nothing.txt"},
          {"link/secret.txt", "link/nothing.txt"},
          {"/etc/passwd", "/etc/no-such-file-here"},
        }) {
      String exists = t.call("scan", JSON.readTree("{\"path\":\"" + pair[0] + "\"}")).text();
      String missing = t.call("scan", JSON.readTree("{\"path\":\"" + pair[1] + "\"}")).text();
      assertThat(exists).contains("is outside the roots");
      assertThat(missing).contains("is outside the roots");
      assertThat(exists.replace(pair[0], "P")).isEqualTo(missing.replace(pair[1], "P"));
      answers.add(exists);
    }
    // inside the roots, a missing file is simply missing
    assertThat(t.call("scan", JSON.readTree("{\"path\":\"nope.txt\"}")).text())
        .contains("no such file or directory");
  }
}
