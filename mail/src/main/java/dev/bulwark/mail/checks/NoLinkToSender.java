package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
import java.util.Objects;

/** Every link leaves the sender's domain: common in honest mail too, so supporting only. */
final class NoLinkToSender implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "no-link-to-sender",
          1,
          Weight.SUPPORTING,
          Part.LINKS,
          "No link points to the sender's own domain");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String fromReg = c.fromRegistrable();
    if (fromReg == null || m.links().isEmpty() || m.header("List-Unsubscribe") != null) {
      return;
    }
    var domains =
        m.links().stream()
            .map(l -> Addresses.registrable(Locations.host(l.href())))
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    if (!domains.isEmpty() && !domains.contains(fromReg)) {
      out.add(
          "no link points to the sender's own domain " + fromReg,
          Locations.url(m.links().get(0).href()));
    }
  }
}
