package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A link carries the recipient's own address — plainly, URL-encoded or in Base64 — so the page it
 * opens already shows it in a log-in form: how phishing kits personalise their pages. Unsubscribe
 * and preference links carry it honestly and are left alone.
 */
final class LinkCarriesRecipient implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "link-carries-recipient",
          2,
          Weight.PRIMARY,
          Part.LINKS,
          "A link carries the recipient's address to the page it opens");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String to = RecipientAddressGreeting.recipient(m.header("To"));
    if (to == null) {
      return;
    }
    String encoded = to.replace("@", "%40");
    String b64 = Base64.getEncoder().encodeToString(to.getBytes(StandardCharsets.UTF_8));
    // Base64 of the address without its padding, as kits put it in a fragment or parameter
    String b64Core = b64.replace("=", "");
    for (MailMessage.Link l : m.links()) {
      String href = l.href();
      if (Locations.host(href) == null) {
        continue;
      }
      String low = href.toLowerCase(Locale.ROOT);
      String text = l.text() == null ? "" : l.text().toLowerCase(Locale.ROOT);
      if (low.matches(
              ".*(unsub|opt-?out|optout|remove|preferences|manage|mailman|listinfo|options|subscri|descadastr|abmelden|desinscri|d[ée]sabonn).*")
          || text.matches(
              ".*(unsub|opt out|remove|preferences|descadastr|abmelden|desinscri|d[ée]sabonn).*")) {
        continue;
      }
      boolean carries =
          low.contains(to)
              || low.contains(encoded)
              || (b64Core.length() >= 12
                  && href.contains(b64Core.substring(0, b64Core.length() - 2)));
      if (carries) {
        out.add(
            "a link carries the recipient's address " + to + " to the page it opens",
            Locations.url(href));
        return;
      }
    }
  }
}
