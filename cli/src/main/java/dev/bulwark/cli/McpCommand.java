package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.report.ToolInfo;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark mcp}: Bulwark's tools for AI agents over the Model Context Protocol (stdio). Paths
 * are confined to the roots given; text that comes from scanned files is returned inside {@code
 * <untrusted-data>} delimiters, labelled as data, because a file can hold instructions aimed at the
 * agent reading it. Every call is logged on standard error.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Serve Bulwark's tools to AI agents over the Model Context Protocol on stdin/stdout:",
      "scan, get_finding, hunt_logs, label_finding. Paths must lie under a --root."
    })
final class McpCommand implements java.util.concurrent.Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "A directory tools may read (repeatable; default: the working directory).")
  List<Path> roots = new ArrayList<>();

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Bulwark's data directory (labels).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    BulwarkTools tools = new BulwarkTools(BulwarkTools.roots(roots), dataDir, "mcp-agent");
    McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper);
    McpSyncServer server =
        McpServer.sync(transport)
            .serverInfo("bulwark", ToolInfo.current().version())
            .instructions(
                "Bulwark finds security issues in code, dependencies and logs. "
                    + BulwarkTools.UNTRUSTED_NOTE)
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .tools(tools.all().stream().map(t -> spec(mapper, tools, t)).toList())
            .build();
    System.err.println("bulwark mcp: serving on stdio; roots " + tools.roots());
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(server::closeGracefully));
    forever.await();
    return ExitCodes.OK;
  }

  private static McpServerFeatures.SyncToolSpecification spec(
      McpJsonMapper mapper, BulwarkTools tools, BulwarkTools.Tool tool) {
    return McpServerFeatures.SyncToolSpecification.builder()
        .tool(
            McpSchema.Tool.builder(tool.name(), mapper, tool.inputSchema())
                .description(tool.description())
                .build())
        .callHandler((exchange, request) -> {
          BulwarkTools.Result r =
              tools.call(
                  tool.name(),
                  JSON.valueToTree(request.arguments() == null ? Map.of() : request.arguments()));
          McpSchema.CallToolResult.Builder b =
              McpSchema.CallToolResult.builder().addTextContent(r.text()).isError(r.error());
          if (!r.error()) {
            b.structuredContent(JSON.convertValue(r.structured(), Map.class));
          }
          return b.build();
        })
        .build();
  }
}
