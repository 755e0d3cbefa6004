package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Stands between stdin and the MCP SDK's stdio transport, which stops answering after a line it
 * cannot parse. Each line is checked first: one that is not JSON gets a JSON-RPC parse error
 * (-32700), one that is JSON but not a JSON-RPC message gets an invalid-request error (-32600),
 * both on stdout and noted on stderr; the session goes on. Good lines pass through unchanged.
 * Output is written a whole line at a time, so the guard's errors never split the SDK's messages.
 */
final class McpStdioGuard {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LINE = 16 << 20;

  private final InputStream forSdk;
  private final OutputStream toClient;

  private McpStdioGuard(InputStream forSdk, OutputStream toClient) {
    this.forSdk = forSdk;
    this.toClient = toClient;
  }

  /** The stream the SDK should read. */
  InputStream in() {
    return forSdk;
  }

  /** The stream the SDK should write. */
  OutputStream out() {
    return toClient;
  }

  static McpStdioGuard around(InputStream stdin, OutputStream stdout) throws IOException {
    LineOut out = new LineOut(stdout);
    PipedInputStream sdkIn = new PipedInputStream(1 << 16);
    PipedOutputStream feed = new PipedOutputStream(sdkIn);
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                      new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                  feed) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (line.isBlank()) {
                    continue;
                  }
                  String problem = check(line);
                  if (problem == null) {
                    feed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    feed.flush();
                  } else {
                    out.line(problem);
                  }
                }
              } catch (IOException e) {
                System.err.println("bulwark mcp: stdin: " + e.getMessage());
              }
            },
            "bulwark-mcp-stdin");
    pump.setDaemon(true);
    pump.start();
    return new McpStdioGuard(sdkIn, out);
  }

  /** Null for a line to pass on, else the JSON-RPC error to answer it with. */
  static String check(String line) {
    JsonNode n;
    if (line.length() > MAX_LINE) {
      return error(null, -32600, "Invalid Request: a message over " + MAX_LINE + " characters");
    }
    try {
      n = JSON.readTree(line);
    } catch (IOException e) {
      System.err.println("bulwark mcp: a line that is not JSON was answered with a parse error");
      return error(null, -32700, "Parse error: the line is not JSON");
    }
    JsonNode id = n != null && n.isObject() ? n.get("id") : null;
    if (n == null
        || !n.isObject()
        || !"2.0".equals(n.path("jsonrpc").asText(null))
        || !(n.has("method") || n.has("result") || n.has("error"))
        || (id != null && !id.isTextual() && !id.isNumber() && !id.isNull())) {
      System.err.println("bulwark mcp: a message that is not JSON-RPC 2.0 was refused");
      return error(
          id != null && (id.isTextual() || id.isNumber()) ? id : null,
          -32600,
          "Invalid Request: not a JSON-RPC 2.0 message");
    }
    return null;
  }

  private static String error(JsonNode id, int code, String message) {
    ObjectNode e = JSON.createObjectNode().put("jsonrpc", "2.0");
    if (id == null) {
      e.putNull("id");
    } else {
      e.set("id", id);
    }
    e.putObject("error").put("code", code).put("message", message);
    return e.toString();
  }

  /** Collects bytes until a newline, then writes the whole line under one lock. */
  private static final class LineOut extends OutputStream {
    private final OutputStream target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineOut(OutputStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      pending.write(b);
      if (b == '\n') {
        flushLine();
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        pending.write(b[i]);
        if (b[i] == '\n') {
          flushLine();
        }
      }
    }

    private void flushLine() throws IOException {
      pending.writeTo(target);
      target.flush();
      pending.reset();
    }

    synchronized void line(String s) throws IOException {
      if (pending.size() > 0) {
        // the SDK is mid-message: ours goes after it
        pending.write((s + "\n").getBytes(StandardCharsets.UTF_8));
        return;
      }
      target.write((s + "\n").getBytes(StandardCharsets.UTF_8));
      target.flush();
    }

    @Override
    public synchronized void flush() throws IOException {
      target.flush();
    }
  }
}
