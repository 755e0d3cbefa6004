package dev.bulwark.hygiene.passwords;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Pwned-Passwords-compatible range server on 127.0.0.1 that knows a given set of SHA-1 hashes and
 * records every request line and body it receives, so tests can check what left the client.
 */
final class FakeRangeServer implements AutoCloseable {
  final List<String> paths = new CopyOnWriteArrayList<>();
  final List<String> headersAndBodies = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  FakeRangeServer(Map<String, Integer> known) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            paths.add(ex.getRequestURI().toString());
            headersAndBodies.add(
                ex.getRequestHeaders().toString()
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String path = ex.getRequestURI().getPath();
            if (!path.matches("/range/[0-9A-F]{5}")) {
              ex.sendResponseHeaders(400, -1);
              return;
            }
            String prefix = path.substring(7);
            StringBuilder sb = new StringBuilder();
            known.forEach((h, n) -> {
              if (h.startsWith(prefix)) {
                sb.append(h.substring(5)).append(':').append(n).append("\r\n");
              }
            });
            // padding as the real API sends it: made-up suffixes with a count of 0
            sb.append("0000000000000000000000000000000000A:0\r\n");
            byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
              o.write(b);
            }
          }
        });
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
