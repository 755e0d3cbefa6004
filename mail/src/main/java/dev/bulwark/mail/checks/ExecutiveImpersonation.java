package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.MailSettings;

/** The sender signs as one of the organisation's executives from outside the organisation. */
final class ExecutiveImpersonation implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "executive-impersonation",
          5,
          Weight.PRIMARY,
          Part.SENDER,
          "The display name is a configured executive's but the address is outside the organisation");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String displayName = Addresses.displayName(m.header("From"));
    if (!displayName.isEmpty()
        && c.settings().executives().contains(MailSettings.name(displayName))
        && !c.settings().internal(c.fromDomain())) {
      out.add(
          "the sender signs as "
              + displayName
              + ", an executive of the organisation, but writes from "
              + (c.fromRegistrable() == null ? "an unknown domain" : c.fromRegistrable()),
          "header:From");
    }
  }
}
