package dev.bulwark.hygiene.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.html.HtmlTemplates;
import dev.bulwark.hygiene.CheckupRun;
import dev.bulwark.hygiene.check.Check;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The check-up as a small local web page for people who do not use a terminal: the next action, a
 * progress bar and a button to check again. It listens on 127.0.0.1 only; the address printed
 * carries a one-time token that the first visit trades for a session cookie, so another local user
 * or a web page cannot drive it.
 */
public final class CheckupPage implements AutoCloseable {
  private final HttpServer server;
  private final String token;
  private final String session;
  private final Callable<CheckupRun> recheck;
  private final AtomicReference<CheckupRun> current;
  private volatile boolean tokenUsed;

  private CheckupPage(HttpServer server, Callable<CheckupRun> recheck, CheckupRun first) {
    this.server = server;
    this.recheck = recheck;
    this.current = new AtomicReference<>(first);
    SecureRandom rnd = new SecureRandom();
    byte[] t = new byte[24];
    rnd.nextBytes(t);
    this.token = HexFormat.of().formatHex(t);
    rnd.nextBytes(t);
    this.session = HexFormat.of().formatHex(t);
  }

  /** Starts on 127.0.0.1 ({@code port} 0 picks a free one) and shows {@code first}. */
  public static CheckupPage start(int port, CheckupRun first, Callable<CheckupRun> recheck)
      throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    CheckupPage page = new CheckupPage(s, recheck, first);
    s.createContext("/", page::handle);
    s.start();
    return page;
  }

  /** The address to open, with the one-time token. */
  public URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/?token=" + token);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String query = ex.getRequestURI().getRawQuery();
      boolean hasSession = hasSession(ex);
      if (!hasSession
          && path.equals("/")
          && query != null
          && query.equals("token=" + token)
          && !tokenUsed) {
        tokenUsed = true;
        ex.getResponseHeaders()
            .add("Set-Cookie", "checkup=" + session + "; HttpOnly; SameSite=Strict; Path=/");
        redirect(ex);
        return;
      }
      if (!hasSession) {
        send(
            ex, 403, "text/plain", "Open the address the check-up printed (its token works once).");
        return;
      }
      if (path.equals("/recheck") && ex.getRequestMethod().equals("POST")) {
        try {
          current.set(recheck.call());
        } catch (Exception e) {
          send(ex, 500, "text/plain", "the check-up failed: " + e.getMessage());
          return;
        }
        redirect(ex);
        return;
      }
      if (path.equals("/") && ex.getRequestMethod().equals("GET")) {
        send(ex, 200, "text/html; charset=utf-8", html(current.get()));
        return;
      }
      send(ex, 404, "text/plain", "not found");
    }
  }

  private boolean hasSession(HttpExchange ex) {
    for (String c : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String part : c.split(";")) {
        String p = part.strip();
        if (p.startsWith("checkup=")
            && MessageDigest.isEqual(
                p.substring(8).getBytes(StandardCharsets.US_ASCII),
                session.getBytes(StandardCharsets.US_ASCII))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void redirect(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().add("Location", "/");
    ex.sendResponseHeaders(303, -1);
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.getResponseHeaders()
        .add(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    ex.getResponseHeaders().add("X-Frame-Options", "DENY");
    ex.getResponseHeaders().add("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private static final HtmlTemplates TEMPLATES =
      HtmlTemplates.of(CheckupPage.class, "dev.bulwark.hygiene.web");

  /**
   * What {@code checkup.jte} shows: the run, its next check (null when none is left), each line.
   */
  record View(CheckupRun run, Check next, List<Line> lines) {}

  /** A check in the list: its status as a word, with the class that colours it. */
  record Line(String cls, String word, String title) {}

  static String html(CheckupRun run) {
    List<Line> lines = new ArrayList<>();
    for (Check c : run.checks()) {
      CheckResult r = run.results().get(c.id());
      String cls = r.status() == Status.PASS ? "ok" : r.status() == Status.FAIL ? "todo" : "";
      String word =
          switch (r.status()) {
            case PASS -> "Done";
            case FAIL -> "To do";
            case UNKNOWN -> "Not known yet";
            case NOT_APPLICABLE -> "Does not apply";
          };
      lines.add(new Line(cls, word, c.title()));
    }
    return TEMPLATES.render(
        "checkup.jte", new View(run, run.next().map(n -> n.check()).orElse(null), lines));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
