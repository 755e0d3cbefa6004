package dev.bulwark.server;

import dev.bulwark.store.CanaryAlerts;
import dev.bulwark.store.CanaryTokens;
import java.util.List;
import java.util.Map;

/**
 * The console's canary page: call-backs of planted tokens, newest first, a page at a time, with
 * what each token is where the registry knows it, and the registered tokens.
 */
final class CanaryPage {
  static final int PAGE = 100;

  /** The registered tokens shown (newest first); the API pages through all of them. */
  static final int TOKENS = 200;

  private CanaryPage() {}

  /** The page's model: who is looking, the alerts, and the offsets of the pages around it. */
  record Model(
      BulwarkServer.Principal p,
      List<CanaryAlerts.Alert> alerts,
      int offset,
      Integer previous,
      Integer next,
      List<CanaryTokens.Token> tokens,
      boolean moreTokens,
      Map<String, CanaryTokens.Token> byId) {
    /** What the registry says of a token: kind and memo, or empty when it is not registered. */
    String what(String id) {
      CanaryTokens.Token t = byId.get(id);
      if (t == null) {
        return "";
      }
      return t.memo().isEmpty() ? t.kind() : t.kind() + ": " + t.memo();
    }
  }

  static Http.Response render(BulwarkServer s, Http.Request r) {
    int offset = 0;
    String o = r.query().get("offset");
    if (o != null && !o.isBlank()) {
      try {
        offset = Integer.parseInt(o);
      } catch (NumberFormatException e) {
        throw Http.badRequest("offset: a number");
      }
      if (offset < 0) {
        throw Http.badRequest("offset: 0 or more");
      }
    }
    CanaryAlerts.Page page = s.canaryAlerts.list(offset, PAGE);
    CanaryTokens.Page tokens = s.canaryTokens.list(0, TOKENS);
    Map<String, CanaryTokens.Token> byId = new java.util.HashMap<>();
    tokens.tokens().forEach(t -> byId.put(t.id(), t));
    // alerts of tokens older than the listed ones are looked up one by one (a page holds 100)
    for (CanaryAlerts.Alert a : page.alerts()) {
      if (!byId.containsKey(a.tokenId()) && tokens.next() >= 0) {
        s.canaryTokens.get(a.tokenId()).ifPresent(t -> byId.put(t.id(), t));
      }
    }
    return Http.Response.html(
        Console.PAGES.render(
            "canaries.jte",
            new Model(
                r.principal(),
                page.alerts(),
                offset,
                offset == 0 ? null : Math.max(0, offset - PAGE),
                page.next() < 0 ? null : page.next(),
                tokens.tokens(),
                tokens.next() >= 0,
                byId)));
  }
}
