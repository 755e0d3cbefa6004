package dev.bulwark.deception.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.deception.config.HoneypotConfig;
import dev.bulwark.deception.event.EventLog;
import dev.bulwark.deception.event.SessionEvents;
import dev.bulwark.deception.session.Gate;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP decoy: log-in pages of common admin panels and of a configurable site, served from
 * templates that hold no attacker input. Every request is an event ({@code bulwark.http.request}:
 * method, path, user agent, body size and SHA-256); a posted log-in form is a {@code
 * cowrie.login.failed} with the credentials, so the brute-force rules read HTTP like SSH; requests
 * that look like known exploit probes are also a {@code bulwark.http.probe} naming the probe. No
 * log-in ever succeeds, nothing a request carries is written back to it, and bodies are read only
 * up to a cap and hashed, never interpreted beyond a form's two fields.
 */
public final class HttpHoneypot implements Closeable {
  /** What Debian 12's nginx says; the decoy pretends to be the profile's web server. */
  static final String SERVER = "nginx/1.22.1";

  /** A body beyond this is counted and hashed as far as read; the rest is discarded unread. */
  static final int MAX_BODY = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService workers;

  private HttpHoneypot(HttpServer server, ExecutorService workers) {
    this.server = server;
    this.workers = workers;
  }

  public static HttpHoneypot start(HoneypotConfig config, EventLog log, Gate gate)
      throws IOException {
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByName(config.bind()), config.httpPort()),
            Math.min(config.limits().maxConnections(), 1024));
    // a fixed pool: a flood of requests waits in the queue instead of growing threads without end
    ExecutorService workers =
        Executors.newFixedThreadPool(
            8, Thread.ofPlatform().daemon().name("http-decoy-", 0).factory());
    server.setExecutor(workers);
    Pages pages = new Pages(config.httpSite());
    server.createContext("/", ex -> handle(ex, log, gate, pages));
    server.start();
    return new HttpHoneypot(server, workers);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void handle(HttpExchange ex, EventLog log, Gate gate, Pages pages)
      throws IOException {
    try (ex) {
      SessionEvents ev =
          new SessionEvents(log, "http", ex.getRemoteAddress(), ex.getLocalAddress());
      if (!gate.admit(ev.srcIp())) {
        ev.emit(
            "bulwark.session.limit",
            "request refused: connection limit reached",
            "limit",
            "connections");
        send(ex, 503, pages.unavailable());
        return;
      }
      try {
        answer(ex, ev, pages);
      } finally {
        gate.release(ev.srcIp());
      }
    }
  }

  private static void answer(HttpExchange ex, SessionEvents ev, Pages pages) throws IOException {
    String method = ex.getRequestMethod();
    String uri = ex.getRequestURI().getRawPath();
    String query = ex.getRequestURI().getRawQuery();
    String full = query == null ? uri : uri + "?" + query;
    Body body = Body.read(ex.getRequestBody());
    String agent = Optional.ofNullable(ex.getRequestHeaders().getFirst("User-Agent")).orElse("");
    // the probe event repeats the request's fields, so an analyst reading either sees the whole
    Object[] request = {
      "method",
      method,
      "url",
      full,
      "user_agent",
      agent,
      "body_size",
      body.size(),
      "body_sha256",
      body.sha256()
    };
    ev.emit("bulwark.http.request", method + " " + full, request);
    Optional<String> probe = Probes.match(method, full, body.text(), ex.getRequestHeaders());
    if (probe.isPresent()) {
      Object[] fields = new Object[request.length + 2];
      fields[0] = "probe";
      fields[1] = probe.get();
      System.arraycopy(request, 0, fields, 2, request.length);
      ev.emit(
          "bulwark.http.probe",
          "exploit probe " + probe.get() + ": " + method + " " + full,
          fields);
    }
    Pages.Panel panel = Pages.panel(uri);
    if (method.equals("POST") && panel != null) {
      Map<String, String> form = form(ex.getRequestHeaders(), body.text());
      String user = panel.userField(form);
      String password = panel.passwordField(form);
      if (user != null || password != null) {
        ev.emit(
            "cowrie.login.failed",
            "login attempt [" + user + "/" + password + "] failed",
            "username",
            user == null ? "" : user,
            "password",
            password == null ? "" : password,
            "url",
            full);
      }
      send(ex, 200, pages.login(panel, true));
      return;
    }
    if (panel != null && (method.equals("GET") || method.equals("HEAD"))) {
      send(ex, 200, pages.login(panel, false));
      return;
    }
    if (uri.equals("/") && (method.equals("GET") || method.equals("HEAD"))) {
      send(ex, 200, pages.index());
      return;
    }
    send(ex, 404, pages.notFound());
  }

  /** Reads a URL-encoded form's fields; anything else yields nothing. */
  private static Map<String, String> form(Headers h, String body) {
    Map<String, String> out = new LinkedHashMap<>();
    String type = Optional.ofNullable(h.getFirst("Content-Type")).orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return out;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || out.size() >= 32) {
        continue;
      }
      try {
        out.putIfAbsent(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: the field is skipped, the raw body is still hashed in the event
      }
    }
    return out;
  }

  private static void send(HttpExchange ex, int status, String html) throws IOException {
    byte[] b = html.getBytes(StandardCharsets.UTF_8);
    Headers h = ex.getResponseHeaders();
    h.set("Server", SERVER);
    h.set("Content-Type", "text/html; charset=utf-8");
    h.set("X-Content-Type-Options", "nosniff");
    h.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  /** A request body read up to {@link #MAX_BODY}: its length as far as read, its hash, its text. */
  record Body(long size, String sha256, String text) {
    static Body read(InputStream in) throws IOException {
      MessageDigest md;
      try {
        md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      long size = 0;
      int n;
      while (size < MAX_BODY
          && (n = in.read(buf, 0, (int) Math.min(buf.length, MAX_BODY - size))) > 0) {
        md.update(buf, 0, n);
        kept.write(buf, 0, n);
        size += n;
      }
      return new Body(
          size, HexFormat.of().formatHex(md.digest()), kept.toString(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
