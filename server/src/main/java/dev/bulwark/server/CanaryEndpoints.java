package dev.bulwark.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.store.CanaryAlerts;
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
 * the id names a token or not, so it tells a prober nothing. The server does not keep the token
 * registry (tokens are minted where they are planted), so every well-formed id is recorded: ids are
 * 20 random base-32 characters (100 bits), nobody reaches one by guessing, and a call-back for an
 * id the defender cannot find in {@code bulwark canary list} is still worth seeing, not dropping.
 * Recording is limited per client address, so one address cannot fill the store; past the limit the
 * answer stays the same and nothing more is written.
 */
final class CanaryEndpoints {
  /** Token ids as {@code bulwark canary create} mints them. */
  static final Pattern ID = Pattern.compile("[a-z2-7]{20}");

  /** Alerts recorded per address per {@link #WINDOW}; further call-backs are answered, not kept. */
  static final int PER_ADDRESS = 20;

  static final Duration WINDOW = Duration.ofMinutes(1);
  private static final int MAX_TRACKED = 100_000;

  /** A transparent 1×1 GIF: what a web bug answers. */
  static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final BulwarkServer s;
  private final CanaryAlerts alerts;
  private final Clock clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    Instant start;
    int count;

    Window(Instant start) {
      this.start = start;
    }
  }

  CanaryEndpoints(BulwarkServer server, CanaryAlerts alerts, Clock clock) {
    this.s = server;
    this.alerts = alerts;
    this.clock = clock;
  }

  void register(List<Http.Route> routes) {
    routes.add(Http.Route.of(Http.GET, "/c/{id}", Access.PUBLIC, this::callback));
    routes.add(Http.Route.of(Http.GET, "/api/canary-alerts", Access.VIEWER, this::list));
  }

  static Http.Response pixel() {
    return new Http.Response(200, "image/gif", PIXEL, new LinkedHashMap<>());
  }

  private Http.Response callback(Http.Request r) {
    String id = r.params().get("id");
    if (id != null && ID.matcher(id).matches()) {
      try {
        String address = s.clientAddress(r);
        if (allow(address)) {
          alerts.record(
              new CanaryAlerts.Alert(
                  id,
                  clock.instant(),
                  address,
                  r.exchange().getRequestHeaders().getFirst("User-Agent")));
        }
      } catch (RuntimeException e) {
        // the caller must not learn that anything happened: the answer stays the pixel
        s.logLine("canary call-back " + id + " not recorded: " + e.getMessage());
      }
    }
    return pixel();
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
          .put("userAgent", a.userAgent());
    }
    if (page.next() < 0) {
      out.putNull("nextOffset");
    } else {
      out.put("nextOffset", page.next());
    }
    return Http.Response.json(200, out.toString());
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
