package dev.bulwark.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.store.Accounts;
import dev.bulwark.store.Audit;
import dev.bulwark.store.Documents;
import dev.bulwark.store.FindingStore;
import dev.bulwark.store.Incidents;
import dev.bulwark.store.Ingest;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Bulwark's team server: the JSON API under {@code /api} and the console's pages, over the store.
 * Every call is authenticated — by an API token ({@code Authorization: Bearer bwk_…}) or a console
 * session cookie — except the health check; sessions must also send their CSRF token on every
 * change. Responses carry a strict Content-Security-Policy and no inline script runs.
 */
public final class BulwarkServer implements AutoCloseable {
  static {
    // without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK:
    // every response waits ~40 ms
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  static final String SESSION_COOKIE = "bulwark_session";
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  final Store store;
  final Accounts accounts;
  final FindingStore findings;
  final Ingest ingest;
  final Incidents incidents;
  final Documents documents;
  final Audit audit;
  final ServerConfig config;
  final LoginThrottle throttle = new LoginThrottle();
  final RuleCoverage coverage;
  private java.util.Optional<String> firstRunToken = java.util.Optional.empty();
  private final List<Http.Route> routes = new ArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor;
  private final PrintStream log;

  /** Who is calling: a user, and the session when it came through the console. */
  record Principal(Accounts.User user, Accounts.Session session) {}

  public BulwarkServer(Store store, ServerConfig config, PrintStream log) throws IOException {
    this.store = store;
    this.config = config;
    this.log = log;
    this.accounts = new Accounts(store);
    this.findings = new FindingStore(store);
    this.ingest = new Ingest(store);
    this.incidents = new Incidents(store);
    this.documents = new Documents(store);
    this.audit = new Audit(store);
    this.coverage = new RuleCoverage(config.sigmaRules(), log);
    new Api(this).register(routes);
    new Console(this).register(routes);
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  /** Starts listening; on first run prints the admin token once. */
  public BulwarkServer start() {
    firstRunToken = accounts.bootstrap();
    firstRunToken.ifPresent(t ->
        log.println(
            "bulwark serve: first run: an admin was created. Its API token, shown only"
                + " now:\n  "
                + t
                + "\nSign in to the console as 'admin' with it, then set a password."));
    server.start();
    return this;
  }

  /** The admin token this start created (first run only), for callers that run the server. */
  public java.util.Optional<String> firstRunToken() {
    return firstRunToken;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI uri() {
    return URI.create("http://" + config.host() + ":" + port() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- dispatch ----

  private void dispatch(HttpExchange ex) {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    boolean api = path.startsWith("/api/");
    try {
      Http.Route route = null;
      Map<String, String> params = null;
      boolean pathKnown = false;
      for (Http.Route r : routes) {
        if (r.pattern().matcher(path).matches()) {
          pathKnown = true;
        }
        Optional<Map<String, String>> m = r.match(method.equals("HEAD") ? "GET" : method, path);
        if (m.isPresent()) {
          route = r;
          params = m.get();
          break;
        }
      }
      if (route == null) {
        throw new Http.Failure(
            pathKnown ? 405 : 404, pathKnown ? "method not allowed" : "not found");
      }
      byte[] body = Http.readBody(ex, route.maxBody());
      Http.Request req =
          new Http.Request(
              ex, method, path, Http.parseQuery(ex.getRequestURI().getRawQuery()), params, body);
      send(ex, route.handler().handle(req));
    } catch (Http.Failure f) {
      send(ex, error(api, f.status, f.getMessage()));
    } catch (IllegalArgumentException e) {
      send(ex, error(api, 400, e.getMessage()));
    } catch (NoSuchElementException e) {
      send(ex, error(api, 404, e.getMessage() == null ? "not found" : e.getMessage()));
    } catch (StoreException e) {
      log.println("bulwark serve: " + method + " " + path + ": " + e.getMessage());
      send(ex, error(api, 503, "the store is unavailable; try again"));
    } catch (Exception e) {
      log.println("bulwark serve: " + method + " " + path + ": " + e);
      send(ex, error(api, 500, "internal error"));
    }
  }

  private static Http.Response error(boolean api, int status, String message) {
    if (api) {
      return Http.Response.json(
          status, JSON.createObjectNode().put("error", message).put("status", status).toString());
    }
    Http.Response r =
        Http.Response.html(
            Console.page(
                "Error " + status, null, "<p class=\"error\">" + Html.esc(message) + "</p>"));
    return new Http.Response(status, r.contentType(), r.body(), r.headers());
  }

  private void send(HttpExchange ex, Http.Response r) {
    try {
      var h = ex.getResponseHeaders();
      h.set("Content-Type", r.contentType());
      h.set("Content-Security-Policy", CSP);
      h.set("X-Content-Type-Options", "nosniff");
      h.set("X-Frame-Options", "DENY");
      // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts
      h.set("Referrer-Policy", "same-origin");
      h.set("Cache-Control", "no-store");
      r.headers().forEach(h::add);
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(r.status(), head || r.body().length == 0 ? -1 : r.body().length);
      if (!head && r.body().length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(r.body());
        }
      }
    } catch (IOException e) {
      // the client went away; nothing to tell it
    } finally {
      ex.close();
    }
  }

  // ---- authentication ----

  /** The caller, at least {@code min}; API calls without credentials get 401. */
  Principal require(Http.Request r, Accounts.Role min) {
    Principal p = principal(r).orElseThrow(() -> new Http.Failure(401, "authentication required"));
    if (!p.user().role().atLeast(min)) {
      throw Http.forbidden("this needs the " + min.label() + " role");
    }
    return p;
  }

  Optional<Principal> principal(Http.Request r) {
    String auth = r.header("Authorization");
    if (auth != null) {
      if (!auth.startsWith("Bearer ")) {
        throw new Http.Failure(401, "use Authorization: Bearer <token>");
      }
      return accounts
          .authenticateToken(auth.substring(7).strip())
          .map(u -> new Principal(u, null))
          .or(() -> {
            throw new Http.Failure(401, "unknown or revoked token");
          });
    }
    Optional<Accounts.Session> s = r.cookie(SESSION_COOKIE).flatMap(accounts::session);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
      checkOrigin(r);
      String sent = r.header("X-CSRF-Token");
      if (sent == null && r.text().contains("csrf=")) {
        sent = r.form().get("csrf");
      }
      if (sent == null
          || !java.security.MessageDigest.isEqual(
              sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              s.get().csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        throw Http.forbidden("missing or wrong CSRF token");
      }
    }
    return Optional.of(new Principal(s.get().user(), s.get()));
  }

  /** A browser's cross-site request carries a foreign Origin; refuse it outright. */
  void checkOrigin(Http.Request r) {
    String origin = r.header("Origin");
    String host = r.header("Host");
    if (origin != null
        && host != null
        && !origin.equals("http://" + host)
        && !origin.equals("https://" + host)) {
      throw Http.forbidden("cross-origin request refused");
    }
  }

  String sessionCookie(String id, long maxAgeSeconds) {
    return SESSION_COOKIE
        + "="
        + id
        + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
        + maxAgeSeconds
        + (config.secureCookies() ? "; Secure" : "");
  }

  String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
