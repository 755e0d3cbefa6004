package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;

/** Replies go to another domain than the sender's — also how mailing lists work, so supporting. */
final class ReplyToMismatch implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "reply-to-mismatch",
          2,
          Weight.SUPPORTING,
          Part.SENDER,
          "Reply-To names another domain than From");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String replyTo = Addresses.registrable(m.domainOf("Reply-To"));
    if (c.fromRegistrable() != null && replyTo != null && !c.fromRegistrable().equals(replyTo)) {
      out.add(
          "replies go to " + replyTo + ", not the sender's " + c.fromRegistrable(),
          "header:Reply-To");
    }
  }
}
