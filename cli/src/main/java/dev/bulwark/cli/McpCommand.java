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
 * {@code bulwark mcp}: Bulwark's tools for AI agents over the Model Context Protocol, on stdio or
 * streamable HTTP (127.0.0.1 by default, bearer token required). Paths are confined to the roots
 * given; text that comes from scanned files is returned inside {@code <untrusted-data>} delimiters,
 * labelled as data, because a file can hold instructions aimed at the agent reading it. Every call
 * is logged on standard error.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Serve Bulwark's tools to AI agents over the Model Context Protocol.",
      "On stdin/stdout (or streamable HTTP with --http PORT): scan, find_secrets,",
      "find_code_issues, check_dependencies, get_finding, hunt_logs, plan_dependencies,",
      "propose_fixes, label_finding (and apply_fixes with --allow-writes). Paths must lie under a",
      "--root. Over stdio the server stops when its input closes, after answering what it read."
    })
final class McpCommand implements java.util.concurrent.Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "A directory tools may read (repeatable; default: the working directory).")
  List<Path> roots = new ArrayList<>();

  @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

  @Option(
      names = "--http",
      paramLabel = "PORT",
      description =
          "Serve the streamable HTTP transport on this port instead of stdio (0: any free port);"
              + " agents send the bearer token from --token-file or the generated mcp-token.")
  Integer httpPort;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to bind with --http (default ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "The bearer token agents must send over HTTP (default: a new one, written to mcp-token"
              + " in the data directory, readable by its owner only).")
  Path tokenFile;

  @Option(
      names = "--allow-writes",
      description =
          "Offer apply_fixes, which writes verified patches into the project (off: agents can only"
              + " read, label and propose).")
  boolean allowWrites;

  @Override
  public Integer call() throws Exception {
    BulwarkTools tools =
        new BulwarkTools(BulwarkTools.roots(roots), dataDir.given(), "mcp-agent")
            .logTo(spec.commandLine().getErr())
            .allowWrites(allowWrites);
    McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    CountDownLatch forever = new CountDownLatch(1);
    if (httpPort == null) {
      return serveStdio(mapper, tools);
    }
    Path data = dataDir.dir();
    String token = McpHttp.token(tokenFile, data);
    McpHttp http = McpHttp.create(mapper, host, httpPort, token);
    McpSyncServer server = configure(McpServer.sync(http.transport()), mapper, tools);
    String url = http.start();
    spec.commandLine()
        .getErr()
        .println(
            "bulwark mcp: serving streamable HTTP at "
                + url
                + "; roots "
                + tools.roots()
                + "; token "
                + (tokenFile != null ? "from " + tokenFile : "in " + data.resolve("mcp-token")));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              server.closeGracefully();
              try {
                http.stop();
              } catch (Exception e) {
                spec.commandLine().getErr().println("bulwark mcp: " + e.getMessage());
              }
            }));
    forever.await();
    return ExitCodes.OK;
  }

  /**
   * Serves on stdin/stdout until the client closes stdin, then answers every request it read and
   * exits: an agent that closes its end right after its last request still gets the answer.
   */
  private int serveStdio(McpJsonMapper mapper, BulwarkTools tools)
      throws InterruptedException, java.io.IOException {
    StdioRequests requests = new StdioRequests();
    // the SDK's transport stops reading after a malformed line; the guard answers such lines
    // with JSON-RPC errors and passes only well-formed messages on
    McpStdioGuard guard = McpStdioGuard.around(System.in, System.out);
    McpSyncServer server =
        configure(
            McpServer.sync(
                new StdioServerTransportProvider(
                    mapper, requests.input(guard.in()), requests.output(guard.out()))),
            mapper,
            tools);
    spec.commandLine().getErr().println("bulwark mcp: serving on stdio; roots " + tools.roots());
    Thread hook = new Thread(server::closeGracefully);
    Runtime.getRuntime().addShutdownHook(hook);
    requests.awaitEndOfInput();
    // a request the SDK dropped would never be answered: give up after a quiet minute
    requests.awaitAnswered(tools::inFlight, java.time.Duration.ofSeconds(60));
    System.out.flush();
    spec.commandLine().getErr().println("bulwark mcp: input closed; stopping");
    spec.commandLine().getErr().flush();
    Runtime.getRuntime().removeShutdownHook(hook);
    requests.release();
    server.closeGracefully();
    return ExitCodes.OK;
  }

  private static McpSyncServer configure(
      McpServer.SyncSpecification<?> spec, McpJsonMapper mapper, BulwarkTools tools) {
    return spec.serverInfo("bulwark", ToolInfo.current().version())
        .instructions(
            "Bulwark finds security issues in code, dependencies and logs. "
                + BulwarkTools.UNTRUSTED_NOTE)
        .capabilities(
            McpSchema.ServerCapabilities.builder()
                .tools(true)
                .resources(false, false)
                .prompts(false)
                .build())
        .tools(tools.all().stream().map(t -> spec(mapper, tools, t)).toList())
        .resources(latestReport(tools))
        .prompts(prompts())
        .build();
  }

  private static McpServerFeatures.SyncToolSpecification spec(
      McpJsonMapper mapper, BulwarkTools tools, BulwarkTools.Tool tool) {
    return McpServerFeatures.SyncToolSpecification.builder()
        .tool(
            McpSchema.Tool.builder(tool.name(), mapper, tool.inputSchema())
                .description(tool.description())
                .outputSchema(mapper, tool.outputSchema())
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

  static final String LATEST_REPORT = "bulwark://reports/latest";

  /** The JSON report of the latest scan, as a resource agents can read whole. */
  private static McpServerFeatures.SyncResourceSpecification latestReport(BulwarkTools tools) {
    McpSchema.Resource resource =
        McpSchema.Resource.builder(LATEST_REPORT, "latest-report")
            .description("Bulwark's JSON report of the latest scan made through the scan tool")
            .mimeType("application/json")
            .build();
    return new McpServerFeatures.SyncResourceSpecification(
        resource,
        (exchange, request) -> {
          var report = tools.lastReport();
          String json =
              report == null
                  ? "{\"error\":\"no scan yet: call the scan tool first\"}"
                  : dev.bulwark.core.report.JsonReportWriter.toJson(report).toString();
          return new McpSchema.ReadResourceResult(
              List.of(
                  new McpSchema.TextResourceContents(
                      LATEST_REPORT, "application/json", json, null)),
              null);
        });
  }

  /** Workflows an agent can start from: triage a repository, investigate logs. */
  private static List<McpServerFeatures.SyncPromptSpecification> prompts() {
    return List.of(
        prompt(
            "triage_repository",
            "Scan a repository and say which findings are real",
            "path",
            "Call the scan tool on %s. For the five most severe findings call get_finding and decide "
                + "whether each is a true positive, citing its fingerprint and the code it points at. "
                + BulwarkTools.UNTRUSTED_NOTE),
        prompt(
            "investigate_logs",
            "Hunt in logs and summarise the incidents",
            "path",
            "Call hunt_logs on %s with min_level medium. Summarise each incident in order of score: "
                + "hosts, users, ATT&CK tactics and the record ids it rests on. Say what to check next. "
                + BulwarkTools.UNTRUSTED_NOTE));
  }

  private static McpServerFeatures.SyncPromptSpecification prompt(
      String name, String description, String argument, String template) {
    McpSchema.Prompt p =
        new McpSchema.Prompt(
            name,
            null,
            description,
            List.of(new McpSchema.PromptArgument(argument, null, "file or directory", true)),
            null,
            null);
    return new McpServerFeatures.SyncPromptSpecification(
        p,
        (exchange, request) -> {
          Object value = request.arguments() == null ? null : request.arguments().get(argument);
          String text = String.format(java.util.Locale.ROOT, template, value == null ? "." : value);
          return new McpSchema.GetPromptResult(
              description,
              List.of(
                  new McpSchema.PromptMessage(
                      McpSchema.Role.USER, new McpSchema.TextContent(null, text, null))),
              null);
        });
  }
}
