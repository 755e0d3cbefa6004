package dev.bulwark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.canary.CanaryFinding;
import dev.bulwark.store.CanaryAlerts;
import dev.bulwark.store.CanaryTokens;
import dev.bulwark.store.Ingest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Canary call-backs and their alerts.
 *
 * <p>{@code GET /c/{id}} is what a planted URL, web bug or document fetches. It is public (whoever
 * opens a decoy has no credentials) and answers every request with the same one-pixel GIF, whether
 * the id names a token or not, so it tells a prober nothing. Tokens made with {@code bulwark canary
 * create --server URL} are registered here ({@code POST /api/canary-tokens}); tokens made offline
 * are not, so every well-formed id is recorded: ids are 20 random base-32 characters (100 bits),
 * nobody reaches one by guessing, and a call-back for an id the registry does not hold is still
 * worth seeing, not dropping. Recording is limited per client address, so one address cannot fill
 * the store; past the limit the answer stays the same and nothing more is written.
 *
 * <p>Each new alert also becomes a finding ({@link CanaryFinding}) in the token's project (or
 * {@value #UNREGISTERED_PROJECT} for a token the registry does not hold), one per token and caller
 * address, so it is triaged and exported like every other finding.
 */
final class CanaryEndpoints {
  /** Token ids as {@code bulwark canary create} mints them. */
  static final Pattern ID = Pattern.compile("[a-z2-7]{20}");

  /** Alerts recorded per address per {@link #WINDOW}; further call-backs are answered, not kept. */
  static final int PER_ADDRESS = 20;

  static final Duration WINDOW = Duration.ofMinutes(1);

  /** Where findings of tokens the registry does not hold go, and the default project of tokens. */
  static final String UNREGISTERED_PROJECT = "canaries";

  private static final int MAX_TRACKED = 100_000;

  /** A transparent 1×1 GIF: what a web bug answers. */
  static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final BulwarkServer s;
  private final CanaryAlerts alerts;
  private final CanaryTokens tokens;
  private final Ingest ingest;
  private final Clock clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    Instant start;
    int count;

    Window(Instant start) {
      this.start = start;
    }
  }

  CanaryEndpoints(
      BulwarkServer server, CanaryAlerts alerts, CanaryTokens tokens, Ingest ingest, Clock clock) {
    this.s = server;
    this.alerts = alerts;
    this.tokens = tokens;
    this.ingest = ingest;
    this.clock = clock;
  }

  void register(List<Http.Route> routes) {
    routes.add(Http.Route.of(Http.GET, "/c/{id}", Access.PUBLIC, this::callback));
    routes.add(Http.Route.of(Http.GET, "/api/canary-alerts", Access.VIEWER, this::list));
    routes.add(Http.Route.of(Http.GET, "/api/canary-tokens", Access.VIEWER, this::listTokens));
    routes.add(Http.Route.of(Http.POST, "/api/canary-tokens", Access.ANALYST, this::addToken));
  }

  static Http.Response pixel() {
    return new Http.Response(200, "image/gif", PIXEL, new LinkedHashMap<>());
  }

  private Http.Response callback(Http.Request r) {
    String id = r.params().get("id");
    if (id != null && ID.matcher(id).matches()) {
      try {
        hit(
            id,
            s.clientAddress(r),
            r.exchange().getRequestHeaders().getFirst("User-Agent"),
            CanaryAlerts.HTTP);
      } catch (RuntimeException e) {
        // the caller must not learn that anything happened: the answer stays the pixel
        s.logLine("canary call-back " + id + " not recorded: " + e.getMessage());
      }
    }
    return pixel();
  }

  /**
   * Records a call-back of token {@code id} from {@code address} (within the per-address limit) as
   * an alert and, when the alert is new, as the finding of this token and address; returns whether
   * an alert was stored. The HTTP call-back and the DNS responder both come here.
   */
  boolean hit(String id, String address, String userAgent, String channel) {
    if (id == null || !ID.matcher(id).matches() || !allow(address)) {
      return false;
    }
    CanaryAlerts.Alert a = new CanaryAlerts.Alert(id, clock.instant(), address, userAgent, channel);
    if (!alerts.record(a)) {
      return false;
    }
    java.util.Optional<CanaryTokens.Token> t = tokens.get(id);
    dev.bulwark.core.model.Finding f =
        CanaryFinding.of(
            new CanaryFinding.Token(
                id,
                t.map(CanaryTokens.Token::kind).orElse(null),
                t.map(CanaryTokens.Token::memo).orElse(null)),
            a.time(),
            a.source(),
            a.userAgent(),
            a.channel());
    // one upload per alert, keyed by the alert: a finding of no analyzer's full run, so it fixes
    // nothing else, and a replay of the same alert changes nothing
    try {
      ingest.upload(
          new Ingest.Upload(
              t.map(CanaryTokens.Token::project).orElse(UNREGISTERED_PROJECT),
              "canary-" + CanaryAlerts.key(a),
              "bulwark serve (canary " + channel + ")",
              java.util.Set.of(),
              List.of(f),
              List.of()),
          null);
    } catch (RuntimeException e) {
      // the alert is kept and listed; only its finding is missing, and the log says so
      s.logLine("canary alert " + id + " recorded, its finding not written: " + e.getMessage());
    }
    return true;
  }

  /** Whether this address may record one more alert now. */
  boolean allow(String address) {
    Instant now = clock.instant();
    if (windows.size() >= MAX_TRACKED) {
      windows.values().removeIf(w -> w.start.plus(WINDOW).isBefore(now));
      if (windows.size() >= MAX_TRACKED && !windows.containsKey(address)) {
        // too many addresses at once to track fairly: record nothing new rather than grow
        return false;
      }
    }
    Window w = windows.computeIfAbsent(address, a -> new Window(now));
    synchronized (w) {
      if (!w.start.plus(WINDOW).isAfter(now)) {
        w.start = now;
        w.count = 0;
      }
      if (w.count >= PER_ADDRESS) {
        return false;
      }
      w.count++;
      return true;
    }
  }

  private Http.Response list(Http.Request r) {
    int limit = param(r, "limit", 50, 1, CanaryAlerts.MAX_PAGE);
    int offset = param(r, "offset", 0, 0, Integer.MAX_VALUE);
    CanaryAlerts.Page page = alerts.list(offset, limit);
    ObjectNode out = BulwarkServer.JSON.createObjectNode();
    ArrayNode items = out.putArray("items");
    for (CanaryAlerts.Alert a : page.alerts()) {
      items
          .addObject()
          .put("token", a.tokenId())
          .put("time", a.time().toString())
          .put("source", a.source())
          .put("userAgent", a.userAgent())
          .put("channel", a.channel());
    }
    if (page.next() < 0) {
      out.putNull("nextOffset");
    } else {
      out.put("nextOffset", page.next());
    }
    return Http.Response.json(200, out.toString());
  }

  private Http.Response listTokens(Http.Request r) {
    int limit = param(r, "limit", 50, 1, CanaryTokens.MAX_PAGE);
    int offset = param(r, "offset", 0, 0, Integer.MAX_VALUE);
    CanaryTokens.Page page = tokens.list(offset, limit);
    ObjectNode out = BulwarkServer.JSON.createObjectNode();
    ArrayNode items = out.putArray("items");
    for (CanaryTokens.Token t : page.tokens()) {
      items.add(tokenJson(t));
    }
    if (page.next() < 0) {
      out.putNull("nextOffset");
    } else {
      out.put("nextOffset", page.next());
    }
    return Http.Response.json(200, out.toString());
  }

  private static ObjectNode tokenJson(CanaryTokens.Token t) {
    ObjectNode o =
        BulwarkServer.JSON
            .createObjectNode()
            .put("id", t.id())
            .put("kind", t.kind())
            .put("project", t.project())
            .put("memo", t.memo())
            .put("callback", t.callback())
            .put("created", t.created().toString())
            .put("createdBy", t.createdBy());
    ArrayNode h = o.putArray("secrets");
    t.secrets().forEach(h::add);
    return o;
  }

  /**
   * Registers a token: {@code id}, {@code kind}, {@code created}, and optionally {@code project},
   * {@code memo}, {@code callback} and {@code secrets} (SHA-256 digests of the planted values). 201
   * when added, 200 when the same token was registered already (a retry), 409 when another token
   * holds the id.
   */
  private Http.Response addToken(Http.Request r) {
    BulwarkServer.Principal p = r.caller();
    JsonNode b;
    try {
      b = BulwarkServer.JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw Http.badRequest("the body is not JSON");
    }
    if (b == null || !b.isObject()) {
      throw Http.badRequest("the body must be a JSON object");
    }
    CanaryTokens.Token t;
    try {
      List<String> secrets = new java.util.ArrayList<>();
      JsonNode hs = b.path("secrets");
      if (!hs.isMissingNode() && !hs.isArray()) {
        throw new IllegalArgumentException("secrets: an array of SHA-256 digests");
      }
      hs.forEach(h -> secrets.add(h.isTextual() ? h.asText() : null));
      if (!b.path("created").isTextual()) {
        throw new IllegalArgumentException("created: an ISO-8601 time");
      }
      t =
          new CanaryTokens.Token(
              text(b, "id"),
              text(b, "kind"),
              b.hasNonNull("project") ? text(b, "project") : UNREGISTERED_PROJECT,
              text(b, "memo"),
              text(b, "callback"),
              secrets,
              Instant.parse(b.path("created").asText()),
              p.user().name());
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw Http.badRequest(e.getMessage());
    }
    return switch (tokens.register(t, p.user().id())) {
      case ADDED -> Http.Response.json(201, tokenJson(t).toString());
      case ALREADY -> Http.Response.json(200, tokenJson(t).toString());
      case CONFLICT ->
          throw new Http.Failure(409, "another canary token is registered as " + t.id());
    };
  }

  private static String text(JsonNode b, String field) {
    JsonNode n = b.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + ": a string");
    }
    return n.asText();
  }

  private static int param(Http.Request r, String name, int dflt, int min, int max) {
    String v = r.query().get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw Http.badRequest(name + ": " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw Http.badRequest(name + ": a number");
    }
  }
}
