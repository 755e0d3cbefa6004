package dev.bulwark.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The small HTTP vocabulary the server speaks: requests, responses, routes, errors. */
final class Http {
  private Http() {}

  static final String GET = "GET";
  static final String POST = "POST";
  static final String PUT = "PUT";
  static final String DELETE = "DELETE";

  /** A body limit meaning "the server's limit for small requests". */
  static final long DEFAULT_BODY = -1;

  /** An error with the HTTP status it maps to; the message is shown to the client. */
  static final class Failure extends RuntimeException {
    final int status;
    final long retryAfter;

    Failure(int status, String message) {
      this(status, message, 0);
    }

    Failure(int status, String message, long retryAfter) {
      super(message);
      this.status = status;
      this.retryAfter = retryAfter;
    }
  }

  static Failure tooMany(String m, long retryAfterSeconds) {
    return new Failure(429, m + "; try again in " + retryAfterSeconds + " s", retryAfterSeconds);
  }

  static Failure badRequest(String m) {
    return new Failure(400, m);
  }

  static Failure notFound(String m) {
    return new Failure(404, m);
  }

  static Failure forbidden(String m) {
    return new Failure(403, m);
  }

  /**
   * A request with its path parameters, the caller the dispatcher authenticated (null only on
   * public routes) and its body, unread until a handler asks for it.
   */
  record Request(
      HttpExchange exchange,
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> params,
      Body source,
      BulwarkServer.Principal principal) {

    /** The whole body, read on first use within the route's limit. */
    byte[] body() {
      return source.bytes();
    }

    /** The authenticated caller; public routes have none. */
    BulwarkServer.Principal caller() {
      if (principal == null) {
        throw new Failure(401, "authentication required");
      }
      return principal;
    }

    String header(String name) {
      return exchange.getRequestHeaders().getFirst(name);
    }

    Optional<String> cookie(String name) {
      List<String> all = exchange.getRequestHeaders().get("Cookie");
      if (all == null) {
        return Optional.empty();
      }
      for (String h : all) {
        for (String part : h.split(";")) {
          int eq = part.indexOf('=');
          if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
            return Optional.of(part.substring(eq + 1).strip());
          }
        }
      }
      return Optional.empty();
    }

    String param(String name) {
      return params.get(name);
    }

    long longParam(String name) {
      try {
        return Long.parseLong(params.get(name));
      } catch (NumberFormatException e) {
        throw notFound("no such " + name);
      }
    }

    String text() {
      return new String(body(), StandardCharsets.UTF_8);
    }

    Map<String, String> form() {
      return parseQuery(text());
    }

    /** The peer's address (the proxy's, behind one; see BulwarkServer.clientAddress). */
    String remote() {
      return exchange.getRemoteAddress().getAddress().getHostAddress();
    }
  }

  /** A response: status, content type, body and extra headers. */
  record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Response json(int status, String json) {
      return new Response(
          status, "application/json", json.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    static Response html(String html) {
      return new Response(
          200,
          "text/html; charset=utf-8",
          html.getBytes(StandardCharsets.UTF_8),
          new LinkedHashMap<>());
    }

    static Response redirect(String location) {
      Response r = new Response(303, "text/plain", new byte[0], new LinkedHashMap<>());
      r.headers.put("Location", location);
      return r;
    }

    Response with(String header, String value) {
      headers.put(header, value);
      return this;
    }
  }

  @FunctionalInterface
  interface Handler {
    Response handle(Request r) throws Exception;
  }

  /**
   * A route: method, path pattern with {name} parameters, who may call it, body limit, handler, and
   * whether the first-run admin token may call it (only routes that rotate it).
   */
  record Route(
      String method,
      String template,
      Pattern pattern,
      List<String> names,
      Access access,
      long maxBody,
      boolean firstRunAllowed,
      Handler handler) {

    /** A route with the default body limit: none for GET and DELETE, the small limit otherwise. */
    static Route of(String method, String template, Access access, Handler handler) {
      List<String> names = new ArrayList<>();
      Matcher m = Pattern.compile("\\{([a-z]+)}").matcher(template);
      StringBuilder regex = new StringBuilder();
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
        names.add(m.group(1));
        last = m.end();
      }
      regex.append(Pattern.quote(template.substring(last)));
      long body = method.equals(GET) || method.equals(DELETE) ? 0 : DEFAULT_BODY;
      return new Route(
          method, template, Pattern.compile(regex.toString()), names, access, body, false, handler);
    }

    /** The same route taking bodies up to {@code bytes}. */
    Route maxBody(long bytes) {
      return new Route(method, template, pattern, names, access, bytes, firstRunAllowed, handler);
    }

    /** The same route, callable with the first-run token (it exists to be rotated). */
    Route allowFirstRun() {
      return new Route(method, template, pattern, names, access, maxBody, true, handler);
    }

    Optional<Map<String, String>> match(String method, String path) {
      if (!this.method.equals(method)) {
        return Optional.empty();
      }
      Matcher m = pattern.matcher(path);
      if (!m.matches()) {
        return Optional.empty();
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
      }
      return Optional.of(out);
    }
  }

  static Map<String, String> parseQuery(String q) {
    Map<String, String> out = new LinkedHashMap<>();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String part : q.split("&")) {
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * A request body, read only when the handler asks and never beyond the route's limit: small
   * bodies as bytes, large ones (uploads) streamed to an owner-only temporary file while their
   * SHA-256 is taken, so a report of many megabytes never sits in the heap.
   */
  static final class Body {
    private final HttpExchange ex;
    private final long max;
    private byte[] bytes;
    private boolean consumed;

    Body(HttpExchange ex, long max) {
      this.ex = ex;
      this.max = max;
    }

    /** A body already known (tests, internal calls). */
    static Body of(byte[] bytes) {
      Body b = new Body(null, bytes.length);
      b.bytes = bytes;
      b.consumed = true;
      return b;
    }

    long limit() {
      return max;
    }

    byte[] bytes() {
      if (bytes == null) {
        if (consumed) {
          throw new IllegalStateException("the body was streamed already");
        }
        consumed = true;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (InputStream in = stream()) {
          in.transferTo(out);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        bytes = out.toByteArray();
      }
      return bytes;
    }

    /**
     * Streams the body to a temporary file (owner-only), within the limit; the caller deletes it by
     * closing the result.
     */
    Spooled spool() throws IOException {
      if (consumed) {
        throw new IllegalStateException("the body was read already");
      }
      consumed = true;
      java.nio.file.Path file = java.nio.file.Files.createTempFile("bulwark-upload-", ".json");
      try {
        java.security.MessageDigest sha = sha256();
        long n;
        try (InputStream in = new java.security.DigestInputStream(stream(), sha);
            java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
          n = in.transferTo(out);
        }
        return new Spooled(file, java.util.HexFormat.of().formatHex(sha.digest()), n);
      } catch (IOException | RuntimeException e) {
        java.nio.file.Files.deleteIfExists(file);
        throw e;
      }
    }

    /** The body as a stream that fails with 413 past the limit and 400 when cut short. */
    private InputStream stream() throws IOException {
      long declared = declaredLength(ex, max);
      return new Bounded(ex.getRequestBody(), max, declared);
    }

    private static java.security.MessageDigest sha256() {
      try {
        return java.security.MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
  }

  /** A body on disk: its file, SHA-256 and length. Closing deletes the file. */
  record Spooled(java.nio.file.Path file, String sha256, long length) implements AutoCloseable {
    @Override
    public void close() {
      try {
        java.nio.file.Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file; the system's cleaner takes it
      }
    }
  }

  /** The declared Content-Length (-1 when none); over the limit it is a 413 before any read. */
  static long declaredLength(HttpExchange ex, long max) {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared == null) {
      return -1;
    }
    long length;
    try {
      length = Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      throw badRequest("Content-Length is not a number");
    }
    if (length > max) {
      throw tooLarge(max);
    }
    return length;
  }

  static Failure tooLarge(long max) {
    return new Failure(
        413,
        "request body over the limit of "
            + max
            + " bytes"
            + (max >= 1 << 20 ? " (" + (max >> 20) + " MB; see serve --max-upload-mb)" : ""));
  }

  /**
   * Counts what is read: past {@code max} it is a 413, and a body shorter than its Content-Length
   * (a client that went away) is an error, never half a request.
   */
  private static final class Bounded extends java.io.FilterInputStream {
    private final long max;
    private final long declared;
    private long count;

    Bounded(InputStream in, long max, long declared) {
      super(in);
      this.max = max;
      this.declared = declared;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      account(b < 0 ? -1 : 1);
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      account(n);
      return n;
    }

    private void account(int n) {
      if (n < 0) {
        if (declared >= 0 && count != declared) {
          throw badRequest("request body ended after " + count + " of " + declared + " bytes");
        }
        return;
      }
      count += n;
      if (count > max) {
        throw tooLarge(max);
      }
    }
  }
}
