package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** An HTML attachment opens locally, outside the mail client's protections. */
final class HtmlAttachment extends AttachmentCheck {
  private static final MailRule RULE =
      new MailRule(
          "html-attachment",
          2,
          Weight.PRIMARY,
          Part.ATTACHMENTS,
          "An HTML attachment opens locally, outside the mail client's protections");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  String judge(MailMessage.Attachment a, String name, String ext) {
    if (!isHtml(a, ext)) {
      return null;
    }
    String l = preview(a);
    return HtmlSmuggling.smuggles(l) || l.contains("<form") || l.contains("password")
        ? null
        : "an HTML attachment opens locally, outside the mail client's protections";
  }
}
