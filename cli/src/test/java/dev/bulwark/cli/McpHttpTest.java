package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code bulwark mcp --http 0} as a process and drives it with the MCP SDK's streamable HTTP
 * client; checks that only the health check answers without the token, and that requests naming
 * another host or coming from a web page are refused.
 */
class McpHttpTest {
  private static final Path DEMO = Path.of("../examples/webshop").toAbsolutePath().normalize();
  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

  @TempDir Path data;

  @Test
  void agentsWithTheTokenScanOverHttp_everyoneElseIsRefused() throws Exception {
    Path tokenFile = data.resolve("token");
    String token = "test-token-0123456789abcdef";
    Files.writeString(tokenFile, token + "\n");
    Process p =
        new ProcessBuilder(
                RuntimeClasspath.command(
                    "mcp",
                    "--http",
                    "0",
                    "--token-file",
                    tokenFile.toString(),
                    "--root",
                    DEMO.toString(),
                    "--data-dir",
                    data.toString()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String url = awaitUrl(p);
      assertThat(url).startsWith("http://127.0.0.1:").endsWith("/mcp");
      URI mcp = URI.create(url);
      HttpClient http = HttpClient.newHttpClient();

      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(mcp.resolve("/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      HttpRequest.Builder post =
          HttpRequest.newBuilder(mcp)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .POST(HttpRequest.BodyPublishers.ofString(INIT));
      assertThat(http.send(post.copy().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(401);
      assertThat(
              http.send(
                      post.copy().header("Authorization", "Bearer wrong-token-0123456789").build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              http.send(
                      post.copy()
                          .header("Authorization", "Bearer " + token)
                          .header("Origin", "https://attacker.example")
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(403);
      assertThat(rawStatus(mcp, "attacker.example:" + mcp.getPort(), token)).isEqualTo(403);

      McpSyncClient client =
          McpClient.sync(
                  HttpClientStreamableHttpTransport.builder(
                          "http://" + mcp.getHost() + ":" + mcp.getPort())
                      .endpoint("/mcp")
                      .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                      .requestBuilder(
                          HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                      .build())
              .requestTimeout(Duration.ofSeconds(180))
              .build();
      try {
        client.initialize();
        assertThat(client.listTools().tools())
            .extracting(McpSchema.Tool::name)
            .contains("scan", "get_finding", "hunt_logs", "plan_dependencies");
        McpSchema.CallToolResult scan =
            client.callTool(
                McpSchema.CallToolRequest.builder("scan")
                    .arguments(Map.of("path", ".", "analyzers", List.of("secrets")))
                    .build());
        assertThat(scan.isError()).isFalse();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings =
            (List<Map<String, Object>>)
                ((Map<String, Object>) scan.structuredContent()).get("findings");
        assertThat(findings).isNotEmpty();
        McpSchema.CallToolResult one =
            client.callTool(
                McpSchema.CallToolRequest.builder("get_finding")
                    .arguments(Map.of("fingerprint", findings.get(0).get("fingerprint")))
                    .build());
        assertThat(one.isError()).isFalse();
        assertThat(((McpSchema.TextContent) one.content().get(0)).text())
            .contains((String) findings.get(0).get("fingerprint"));
      } finally {
        client.closeGracefully();
      }
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** The server's announced URL, from its standard error. */
  private static String awaitUrl(Process p) throws Exception {
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> {
          try (BufferedReader err =
              new BufferedReader(
                  new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
              int at = line.indexOf("streamable HTTP at ");
              if (at >= 0) {
                url.complete(line.substring(at + 19, line.indexOf(';', at)));
              } else if (line.startsWith("Exception in thread")) {
                url.completeExceptionally(new IllegalStateException(line));
              }
            }
            url.completeExceptionally(new IllegalStateException("server exited"));
          } catch (Exception e) {
            url.completeExceptionally(e);
          }
        });
    return url.get(120, TimeUnit.SECONDS);
  }

  /** A request with a Host header of our choosing, which the JDK's client does not allow. */
  private static int rawStatus(URI mcp, String host, String token) throws Exception {
    try (Socket s = new Socket(mcp.getHost(), mcp.getPort())) {
      byte[] body = INIT.getBytes(StandardCharsets.UTF_8);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /mcp HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: application/json\r\n"
                  + "Accept: application/json, text/event-stream\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }
}
