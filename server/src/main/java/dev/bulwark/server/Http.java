package dev.bulwark.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
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
   * A request with its body read (within the route's size limit), its path parameters and the
   * caller the dispatcher authenticated (null only on public routes).
   */
  record Request(
      HttpExchange exchange,
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> params,
      byte[] body,
      BulwarkServer.Principal principal) {

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
      return new String(body, StandardCharsets.UTF_8);
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
   * Reads at most {@code max} bytes; a longer body is refused before it is all read, and a body
   * shorter than its Content-Length (a client that went away) is an error, never half a request.
   */
  static byte[] readBody(HttpExchange ex, long max) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw badRequest("Content-Length is not a number");
      }
      if (length > max) {
        throw new Failure(413, "request body over the limit of " + max + " bytes");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    try (InputStream in = ex.getRequestBody()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        if (out.size() > max) {
          throw new Failure(413, "request body over the limit of " + max + " bytes");
        }
      }
    }
    if (length >= 0 && out.size() != length) {
      throw badRequest("request body ended after " + out.size() + " of " + length + " bytes");
    }
    return out.toByteArray();
  }
}
