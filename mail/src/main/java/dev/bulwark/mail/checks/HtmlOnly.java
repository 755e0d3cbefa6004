package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/**
 * The message is HTML with no plain-text alternative, as mass mailers build it and mail clients do
 * not. Plenty of honest mail is built so as well: supporting only.
 */
final class HtmlOnly implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "html-only",
          1,
          Weight.SUPPORTING,
          Part.STRUCTURE,
          "The message is HTML with no plain-text alternative");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    if (m.htmlBody() != null
        && !m.htmlBody().isBlank()
        && (m.textBody() == null || m.textBody().isBlank())) {
      out.add("the message is HTML with no plain-text alternative", "body:html");
    }
  }
}
