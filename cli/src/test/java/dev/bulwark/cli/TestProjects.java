package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What several CLI tests set up: a small servlet project with a SQL injection, an MCP client. */
final class TestProjects {
  private TestProjects() {}

  /**
   * Writes {@code src/main/java/demo/Search.java} under {@code root}: a servlet whose one SQL
   * injection fix can patch; {@code note} goes into a comment on the source and the sink line.
   */
  static Path searchServlet(Path root, String note) throws IOException {
    Path dir = Files.createDirectories(root.resolve("src/main/java/demo"));
    String text;
    try (InputStream in = TestProjects.class.getResourceAsStream("/fix/Search.java")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return Files.writeString(dir.resolve("Search.java"), text.replace("NOTE", note));
  }

  /** An MCP client over stdio to the process {@code command} starts, initialised. */
  static McpSyncClient mcpClient(List<String> command, Duration timeout) {
    StdioClientTransport transport =
        new StdioClientTransport(
            ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size()))
                .build(),
            new JacksonMcpJsonMapper(new ObjectMapper()));
    // the server is a fresh JVM, traced by strace in some tests, on a machine that may be busy:
    // starting it may take longer than the client's default 20 seconds
    McpSyncClient client =
        McpClient.sync(transport).requestTimeout(timeout).initializationTimeout(timeout).build();
    try {
      client.initialize();
    } catch (RuntimeException e) {
      client.closeGracefully();
      throw e;
    }
    return client;
  }
}
