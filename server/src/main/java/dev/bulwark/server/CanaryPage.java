package dev.bulwark.server;

import dev.bulwark.store.CanaryAlerts;
import java.util.List;

/** The console's canary page: call-backs of planted tokens, newest first, a page at a time. */
final class CanaryPage {
  static final int PAGE = 100;

  private CanaryPage() {}

  /** The page's model: who is looking, the alerts, and the offsets of the pages around it. */
  record Model(
      BulwarkServer.Principal p,
      List<CanaryAlerts.Alert> alerts,
      int offset,
      Integer previous,
      Integer next) {}

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
    return Http.Response.html(
        Console.PAGES.render(
            "canaries.jte",
            new Model(
                r.principal(),
                page.alerts(),
                offset,
                offset == 0 ? null : Math.max(0, offset - PAGE),
                page.next() < 0 ? null : page.next())));
  }
}
