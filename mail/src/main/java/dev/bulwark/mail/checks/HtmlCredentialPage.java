package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** An HTML attachment is a log-in page. */
final class HtmlCredentialPage extends AttachmentCheck {
  private static final MailRule RULE =
      new MailRule(
          "html-credential-page",
          4,
          Weight.PRIMARY,
          Part.ATTACHMENTS,
          "An HTML attachment is a log-in page");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  String judge(MailMessage.Attachment a, String name, String ext) {
    if (!isHtml(a, ext) || HtmlSmuggling.smuggles(preview(a))) {
      return null;
    }
    String l = preview(a);
    return l.contains("<form") || l.contains("password")
        ? "the HTML attachment is a log-in page"
        : null;
  }
}
