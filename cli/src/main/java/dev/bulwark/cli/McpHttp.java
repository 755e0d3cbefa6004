package dev.bulwark.cli;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The MCP streamable HTTP transport on an embedded servlet container: {@code /mcp} for agents,
 * {@code /health} for monitors. Every MCP request needs the bearer token (compared in constant
 * time); the Host header must name the address served, so a web page cannot reach a loopback server
 * by rebinding a domain name to 127.0.0.1; and browsers' cross-origin requests are refused.
 */
final class McpHttp {
  static final String ENDPOINT = "/mcp";

  private final Server jetty;
  private final HttpServletStreamableServerTransportProvider transport;

  private McpHttp(Server jetty, HttpServletStreamableServerTransportProvider transport) {
    this.jetty = jetty;
    this.transport = transport;
  }

  HttpServletStreamableServerTransportProvider transport() {
    return transport;
  }

  /** Binds host:port (0 for any free port) and builds the transport; {@link #start} serves it. */
  static McpHttp create(McpJsonMapper mapper, String host, int port, String token) {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(host);
    connector.setPort(port);
    jetty.addConnector(connector);
    HostCheck hosts = new HostCheck(connector);
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(mapper)
            .mcpEndpoint(ENDPOINT)
            .maxRequestSize(4 * 1024 * 1024)
            .build();
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder("mcp", transport), ENDPOINT);
    context.addServlet(new ServletHolder("health", new Health()), "/health");
    context.addFilter(
        new FilterHolder(new Guard(token, hosts)), ENDPOINT, EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    return new McpHttp(jetty, transport);
  }

  /** Starts serving and returns the MCP endpoint's URL. */
  String start() throws Exception {
    jetty.start();
    ServerConnector c = (ServerConnector) jetty.getConnectors()[0];
    String host = c.getHost().contains(":") ? "[" + c.getHost() + "]" : c.getHost();
    return "http://" + host + ":" + c.getLocalPort() + ENDPOINT;
  }

  void stop() throws Exception {
    transport.closeGracefully().block();
    jetty.stop();
  }

  /**
   * The token from a file, or a new one written to {@code mcp-token} in the data directory
   * (owner-only) so an agent's configuration can read it.
   */
  static String token(Path tokenFile, Path dataDir) throws IOException {
    if (tokenFile != null) {
      String t = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      if (t.length() < 16) {
        throw new IOException(tokenFile + ": a token of at least 16 characters is expected");
      }
      return t;
    }
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String t = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Files.createDirectories(dataDir);
    Path f = dataDir.resolve("mcp-token");
    Files.deleteIfExists(f);
    try {
      Files.createFile(
          f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(f); // not a POSIX file system
    }
    Files.writeString(f, t + "\n", StandardCharsets.UTF_8);
    return t;
  }

  /** The host names a request may address: the served address and, on loopback, localhost. */
  private record HostCheck(ServerConnector connector) {
    boolean allows(String hostHeader) {
      if (hostHeader == null) {
        return false;
      }
      String port = ":" + connector.getLocalPort();
      String host = connector.getHost();
      List<String> names =
          loopback(host)
              ? List.of("127.0.0.1" + port, "localhost" + port, "[::1]" + port)
              : List.of(host + port);
      return names.contains(hostHeader.toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean loopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (IOException e) {
        return false;
      }
    }
  }

  private static final class Guard implements Filter {
    private final byte[] expected;
    private final HostCheck hosts;

    Guard(String token, HostCheck hosts) {
      this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
      this.hosts = hosts;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest r = (HttpServletRequest) req;
      HttpServletResponse w = (HttpServletResponse) res;
      String auth = r.getHeader("Authorization");
      if (!hosts.allows(r.getHeader("Host"))) {
        refuse(w, 403, "the Host header does not name this server");
      } else if (r.getHeader("Origin") != null) {
        refuse(w, 403, "cross-origin requests are not accepted");
      } else if (auth == null
          || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), expected)) {
        w.setHeader("WWW-Authenticate", "Bearer");
        refuse(w, 401, "a bearer token is required (see bulwark mcp --help)");
      } else {
        chain.doFilter(req, res);
      }
    }

    private static void refuse(HttpServletResponse w, int status, String why) throws IOException {
      w.setStatus(status);
      w.setContentType("application/json");
      w.getWriter().write("{\"error\":\"" + why + "\"}");
    }
  }

  private static final class Health extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.setContentType("application/json");
      res.getWriter().write("{\"status\":\"ok\"}");
    }
  }
}
