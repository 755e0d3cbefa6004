package dev.bulwark.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.FindingStatus;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.Verdict;
import dev.bulwark.store.Accounts;
import dev.bulwark.store.Audit;
import dev.bulwark.store.Documents;
import dev.bulwark.store.FindingStore;
import dev.bulwark.store.Fixes;
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
import java.util.function.Function;

/**
 * Bulwark's team server: the JSON API under {@code /api} and the console's pages, over the store.
 * Every call is authenticated — by an API token ({@code Authorization: Bearer bwk_…}) or a console
 * session cookie — except the health and readiness checks; sessions must also send their CSRF token
 * on every change. Responses carry a strict Content-Security-Policy and no inline script runs.
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
          .registerModule(labels())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /**
   * The store's domain words appear in the API as their labels ({@code high}, {@code wont-fix}).
   */
  private static SimpleModule labels() {
    SimpleModule m = new SimpleModule("bulwark-labels");
    label(m, Severity.class, Severity::label);
    label(m, Confidence.class, Confidence::label);
    label(m, FindingStatus.class, FindingStatus::label);
    label(m, Verdict.class, Verdict::label);
    label(m, FindingStore.Change.class, FindingStore.Change::label);
    return m;
  }

  private static <E> void label(SimpleModule m, Class<E> type, Function<E, String> label) {
    m.addSerializer(
        type,
        new StdSerializer<E>(type) {
          @Override
          public void serialize(E value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(label.apply(value));
          }
        });
  }

  static final String SESSION_COOKIE = "bulwark_session";
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  final Store store;
  final Accounts accounts;
  final FindingStore findings;
  final dev.bulwark.server.upload.Uploads uploads;
  final Incidents incidents;
  final Documents documents;
  final Fixes fixes;
  final dev.bulwark.store.CheckupRuns checkups;

  /** The check-up's catalogue: what a member's upload may name, and the words the console shows. */
  final dev.bulwark.hygiene.check.CheckCatalog checks =
      dev.bulwark.hygiene.check.CheckCatalog.builtIn();

  final Audit audit;
  final dev.bulwark.store.CanaryAlerts canaryAlerts;
  final dev.bulwark.store.CanaryTokens canaryTokens;
  final CanaryEndpoints canaries;
  final ServerConfig config;
  final LoginThrottle throttle;
  final RuleCoverage coverage;
  private java.util.Optional<String> firstRunToken = java.util.Optional.empty();
  private final List<Http.Route> routes = new ArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor;
  private final PrintStream log;

  /**
   * Who is calling: a user, the session when it came through the console, and whether they came in
   * with the first-run credential (which may only rotate itself).
   */
  record Principal(Accounts.User user, Accounts.Session session, boolean firstRun) {}

  /** The file the first-run admin token is written to, owner-only, inside the data directory. */
  public static final String FIRST_RUN_FILE = "first-run-admin-token";

  public BulwarkServer(Store store, ServerConfig config, PrintStream log) throws IOException {
    this.store = store;
    this.config = config;
    this.log = log;
    this.accounts = new Accounts(store);
    this.findings = new FindingStore(store);
    this.incidents = new Incidents(store);
    this.documents = new Documents(store);
    this.fixes = new Fixes(store);
    this.checkups = new dev.bulwark.store.CheckupRuns(store);
    this.uploads = new dev.bulwark.server.upload.Uploads(new Ingest(store), fixes, documents);
    this.audit = new Audit(store);
    this.throttle = new LoginThrottle(new dev.bulwark.store.SignInFailures(store));
    this.canaryAlerts = new dev.bulwark.store.CanaryAlerts(store);
    this.canaryTokens = new dev.bulwark.store.CanaryTokens(store);
    this.canaries =
        new CanaryEndpoints(
            this, canaryAlerts, canaryTokens, new Ingest(store), java.time.Clock.systemUTC());
    this.coverage = new RuleCoverage(config.sigmaRules(), log);
    new Api(this).register(routes);
    new Console(this).register(routes);
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  /**
   * Starts listening. On first run an admin is created and its token written owner-only to {@link
   * #FIRST_RUN_FILE} in the data directory: the log says where, never what (logs end up in
   * journald, CI output and container logs). The token only serves to set a password or take a new
   * token, which revokes it.
   */
  public BulwarkServer start() {
    firstRunToken = accounts.bootstrap();
    if (firstRunToken.isPresent()) {
      if (config.dataDir() != null) {
        java.nio.file.Path file = config.dataDir().resolve(FIRST_RUN_FILE);
        dev.bulwark.store.OwnerOnly.writeSecret(file, firstRunToken.get());
        log.println(
            "bulwark serve: first run: an admin was created; its one-time token is in "
                + file
                + " (readable only by you). Sign in to the console as 'admin' with it and set a"
                + " password, or exchange it for a token with POST /api/tokens; either revokes"
                + " it.");
      } else {
        log.println(
            "bulwark serve: first run: an admin was created; its one-time token is held by the"
                + " process that started the server.");
      }
    }
    server.start();
    return this;
  }

  /**
   * A canary token looked up by name: the server's DNS responder reports a lookup of {@code
   * id.zone} from {@code resolver}. Recorded like an HTTP call-back (same per-address limit, alert
   * and finding); returns whether an alert was stored.
   */
  public boolean canaryLookup(String id, String resolver) {
    try {
      return canaries.hit(id, resolver, null, dev.bulwark.store.CanaryAlerts.DNS);
    } catch (RuntimeException e) {
      logLine("canary lookup " + id + " not recorded: " + e.getMessage());
      return false;
    }
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

  /** Writes one line to the server's log. */
  void logLine(String line) {
    log.println("bulwark serve: " + line);
  }

  /** The registered routes, for tests that enumerate them. */
  List<Http.Route> routes() {
    return List.copyOf(routes);
  }

  private void dispatch(HttpExchange ex) {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    boolean api = path.startsWith("/api/");
    try {
      checkHost(ex.getRequestHeaders().getFirst("Host"));
      Http.Route route = null;
      Map<String, String> params = null;
      java.util.Set<String> allowed = new java.util.TreeSet<>();
      for (Http.Route r : routes) {
        if (r.pattern().matcher(path).matches()) {
          allowed.add(r.method());
          if (r.method().equals(Http.GET)) {
            allowed.add("HEAD");
          }
        }
        Optional<Map<String, String>> m = r.match(method.equals("HEAD") ? "GET" : method, path);
        if (m.isPresent() && route == null) {
          route = r;
          params = m.get();
        }
      }
      if (route == null) {
        if (allowed.isEmpty()) {
          throw new Http.Failure(404, "not found");
        }
        Http.Response r = error(api, 405, "method not allowed");
        send(ex, r.with("Allow", String.join(", ", allowed)));
        return;
      }
      Map<String, String> query = Http.parseQuery(ex.getRequestURI().getRawQuery());
      // who is calling is settled from the headers alone, before a byte of the body is read:
      // anonymous callers cannot make the server buffer large bodies
      Principal who = null;
      if (route.access() != Access.PUBLIC) {
        Optional<Principal> p = identify(ex);
        if (p.isEmpty()) {
          if (!api) {
            send(ex, Http.Response.redirect("/login"));
            return;
          }
          throw new Http.Failure(401, "authentication required");
        }
        who = p.get();
        if (!route.access().allows(who.user().role())) {
          throw Http.forbidden("this needs the " + route.access().role().label() + " role");
        }
        if (who.firstRun() && !route.firstRunAllowed()) {
          if (!api) {
            send(ex, Http.Response.redirect("/console/password"));
            return;
          }
          throw Http.forbidden(
              "the first-run token only serves to set a password (POST /api/me/password) or to"
                  + " create a token (POST /api/tokens); either revokes it");
        }
      }
      long limit =
          route.maxBody() == Http.DEFAULT_BODY ? config.maxRequestBytes() : route.maxBody();
      // the body is read only when the handler asks, and never beyond the route's limit
      Http.Request req =
          new Http.Request(ex, method, path, query, params, new Http.Body(ex, limit), who);
      Http.declaredLength(ex, limit);
      if (who != null && who.session() != null && !method.equals("GET") && !method.equals("HEAD")) {
        checkCsrf(req, who.session());
      }
      send(ex, route.handler().handle(req));
    } catch (Http.Failure f) {
      Http.Response r = error(api, f.status, f.getMessage());
      if (f.status == 429 && f.retryAfter > 0) {
        r.with("Retry-After", Long.toString(f.retryAfter));
      }
      send(ex, r);
    } catch (dev.bulwark.store.Ingest.KeyReused e) {
      send(ex, error(api, 409, e.getMessage()));
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
    } catch (OutOfMemoryError e) {
      // the client must hear that its request failed, not wait on an exchange nobody closes
      log.println("bulwark serve: " + method + " " + path + ": out of memory");
      send(ex, error(api, 503, "the server ran out of memory for this request; try again"));
    }
  }

  /**
   * Refuses a {@code Host} the server is not known by: a DNS-rebinding page reaches 127.0.0.1 under
   * the attacker's own host name, which this catches.
   */
  void checkHost(String host) {
    if (host == null) {
      throw Http.badRequest("a Host header is required");
    }
    String name = host.strip().toLowerCase(java.util.Locale.ROOT);
    if (name.startsWith("[")) {
      int end = name.indexOf(']');
      name = end > 0 ? name.substring(1, end) : name;
    } else if (name.indexOf(':') >= 0 && name.indexOf(':') == name.lastIndexOf(':')) {
      name = name.substring(0, name.indexOf(':'));
    }
    if (name.equals("127.0.0.1")
        || name.equals("localhost")
        || name.equals("::1")
        || name.equals(config.host().toLowerCase(java.util.Locale.ROOT))
        || config.publicNames().stream().anyMatch(name::equalsIgnoreCase)) {
      return;
    }
    throw new Http.Failure(
        421, "this server does not answer to host " + name + " (see serve --public-name)");
  }

  private static Http.Response error(boolean api, int status, String message) {
    if (api) {
      return Http.Response.json(
          status, JSON.createObjectNode().put("error", message).put("status", status).toString());
    }
    Http.Response r = Http.Response.html(Console.errorPage(status, message));
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

  /**
   * The caller from the request's headers: a Bearer token or a session cookie. A wrong token is a
   * 401 and counts toward its address's failure cap, so tokens cannot be guessed at speed.
   */
  Optional<Principal> identify(HttpExchange ex) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null) {
      String address = clientAddress(ex);
      long wait = throttle.addressWait(address);
      if (wait > 0) {
        throw Http.tooMany("too many failed sign-ins from this address", wait);
      }
      if (!auth.startsWith("Bearer ")) {
        throw new Http.Failure(401, "use Authorization: Bearer <token>");
      }
      Optional<Accounts.TokenUse> use = accounts.useToken(auth.substring(7).strip());
      if (use.isEmpty()) {
        throttle.failedAddress(address);
        throw new Http.Failure(401, "unknown, expired or revoked token");
      }
      return Optional.of(new Principal(use.get().user(), null, use.get().firstRun()));
    }
    Optional<Accounts.Session> s = cookie(ex, SESSION_COOKIE).flatMap(accounts::session);
    return s.map(x -> new Principal(x.user(), x, x.firstRun()));
  }

  private static Optional<String> cookie(HttpExchange ex, String name) {
    List<String> all = ex.getRequestHeaders().get("Cookie");
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

  /**
   * The client's address: the peer's, unless the peer is a configured trusted proxy, in which case
   * the right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy.
   */
  String clientAddress(HttpExchange ex) {
    String peer = ex.getRemoteAddress().getAddress().getHostAddress();
    if (!config.trustedProxies().contains(peer)) {
      return peer;
    }
    String xff = ex.getRequestHeaders().getFirst("X-Forwarded-For");
    if (xff == null || xff.isBlank()) {
      return peer;
    }
    String[] hops = xff.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!hop.isEmpty() && !config.trustedProxies().contains(hop)) {
        return hop.length() > 64 ? hop.substring(0, 64) : hop;
      }
    }
    return peer;
  }

  String clientAddress(Http.Request r) {
    return clientAddress(r.exchange());
  }

  /** A session's change must carry its CSRF token (header or form field) and a same Origin. */
  void checkCsrf(Http.Request r, Accounts.Session session) {
    checkOrigin(r);
    String sent = r.header("X-CSRF-Token");
    String type = r.header("Content-Type");
    if (sent == null
        && type != null
        && type.toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded")) {
      // console forms carry the token as a field; JSON and uploads must send the header
      sent = r.form().get("csrf");
    }
    if (sent == null
        || !java.security.MessageDigest.isEqual(
            sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            session.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      throw Http.forbidden("missing or wrong CSRF token");
    }
  }

  /**
   * Signs a user in by password, or by one of their API tokens (how the first admin signs in),
   * under the throttle: per account and client address, and per address.
   */
  Api.Login signIn(Http.Request r, String name, String secret) {
    String address = clientAddress(r);
    String account = name.length() > 100 ? name.substring(0, 100) : name;
    long wait = throttle.retryAfter(account, address);
    if (wait > 0) {
      return new Api.Login(null, false, wait);
    }
    Optional<Accounts.User> u;
    boolean firstRun = false;
    if (secret.startsWith(Accounts.TOKEN_PREFIX)) {
      Optional<Accounts.TokenUse> use =
          accounts.useToken(secret).filter(x -> x.user().name().equals(name));
      u = use.map(Accounts.TokenUse::user);
      firstRun = use.map(Accounts.TokenUse::firstRun).orElse(false);
    } else {
      u = accounts.login(name, secret);
    }
    if (u.isEmpty()) {
      throttle.failed(account, address);
      audit.record(null, "login.failed", account, address);
      return new Api.Login(null, false, 0);
    }
    throttle.succeeded(account, address);
    return new Api.Login(u.get(), firstRun, 0);
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
