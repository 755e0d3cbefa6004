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
}
