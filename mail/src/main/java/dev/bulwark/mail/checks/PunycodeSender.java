package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** The sender's domain is internationalised (punycode), the raw material of look-alikes. */
final class PunycodeSender implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "punycode-sender",
          2,
          Weight.PRIMARY,
          Part.SENDER,
          "The sender's domain is internationalised (xn--)");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String from = c.fromDomain();
    if (from != null && (from.startsWith("xn--") || from.contains(".xn--"))) {
      out.add("the sender's domain is internationalised (" + from + ")", "header:From");
    }
  }
}
