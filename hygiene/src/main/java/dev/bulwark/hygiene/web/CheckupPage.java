package dev.bulwark.hygiene.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.text.HtmlText;
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
import java.util.HexFormat;
import java.util.Locale;
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

  static String html(CheckupRun run) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Security check-up</title><style>")
        .append(
            "body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff;line-height:1.5}")
        .append(
            "h1{font-size:1.6rem}section{border:2px solid #1a1a1a;border-radius:.5rem;padding:1rem;margin:1rem 0}")
        .append("progress{width:100%;height:1.5rem}")
        .append(
            "button{font-size:1.1rem;padding:.6rem 1.2rem;background:#0b4f9c;color:#fff;border:0;border-radius:.4rem;cursor:pointer}")
        .append("button:focus-visible{outline:3px solid #e8a400;outline-offset:3px}")
        .append("li{margin:.2rem 0}.todo{color:#9c1c0b;font-weight:bold}.ok{color:#1d6b2f}")
        .append("</style></head><body><main>")
        .append("<h1>Your security check-up</h1>");
    sb.append("<label for=\"progress\">Progress: ")
        .append(run.progress())
        .append("% done</label>")
        .append("<progress id=\"progress\" max=\"100\" value=\"")
        .append(run.progress())
        .append("\">")
        .append(run.progress())
        .append("%</progress>");
    sb.append("<section aria-labelledby=\"next-title\"><h2 id=\"next-title\">Your next step</h2>");
    run.next()
        .ifPresentOrElse(
            n -> {
              Check c = n.check();
              sb.append("<p><strong id=\"next-action\">")
                  .append(HtmlText.escape(c.title()))
                  .append("</strong></p>")
                  .append("<p>")
                  .append(HtmlText.escape(c.question()))
                  .append("</p>")
                  .append("<p><strong>Why it matters:</strong> ")
                  .append(HtmlText.escape(c.why()))
                  .append("</p>")
                  .append("<p><strong>How:</strong> ")
                  .append(HtmlText.escape(c.fixFor("linux")))
                  .append("</p>")
                  .append(
                      String.format(
                          Locale.ROOT, "<p>Takes about %d minutes.</p>", c.effortMinutes()));
            },
            () -> sb.append("<p id=\"next-action\">Nothing left to do. Well done.</p>"));
    sb.append("</section>");
    sb.append(
        "<form method=\"post\" action=\"/recheck\"><button type=\"submit\">Check again</button></form>");
    sb.append("<h2>All checks</h2><ul>");
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
      sb.append("<li><span class=\"")
          .append(cls)
          .append("\">")
          .append(word)
          .append(":</span> ")
          .append(HtmlText.escape(c.title()))
          .append("</li>");
    }
    sb.append("</ul><p>Checked ").append(HtmlText.escape(run.time().toString())).append("</p>");
    sb.append("</main></body></html>");
    return sb.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
