package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;

/** A form asking for a password inside the message body itself. */
final class CredentialForm implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "credential-form",
          4,
          Weight.PRIMARY,
          Part.LINKS,
          "The HTML body holds a form with a password field");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String html = m.htmlBody() == null ? "" : m.htmlBody().toLowerCase(Locale.ROOT);
    if (html.contains("<form")
        && (html.contains("type=\"password\"") || html.contains("type=password"))) {
      out.add("the message body holds a form asking for a password", "body:html form");
    }
  }
}
