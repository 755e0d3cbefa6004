package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;

/** Bounces go to another domain — normal for lists and bulk senders, so supporting only. */
final class ReturnPathMismatch implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "return-path-mismatch",
          1,
          Weight.SUPPORTING,
          Part.SENDER,
          "Return-Path names another domain than From");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String ret = Addresses.registrable(m.domainOf("Return-Path"));
    if (c.fromRegistrable() != null && ret != null && !c.fromRegistrable().equals(ret)) {
      out.add(
          "bounces go to " + ret + ", not the sender's " + c.fromRegistrable(),
          "header:Return-Path");
    }
  }
}
