package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** An HTML attachment builds a file in the browser (HTML smuggling). */
final class HtmlSmuggling extends AttachmentCheck {
  private static final MailRule RULE =
      new MailRule(
          "html-smuggling",
          5,
          Weight.PRIMARY,
          Part.ATTACHMENTS,
          "An HTML attachment builds a file in the browser (HTML smuggling)");

  @Override
  public MailRule rule() {
    return RULE;
  }

  static boolean smuggles(String lowerPreview) {
    return lowerPreview.contains("atob(")
        || lowerPreview.contains("mssaveoropenblob")
        || lowerPreview.contains("new blob(");
  }

  @Override
  String judge(MailMessage.Attachment a, String name, String ext) {
    if (!isHtml(a, ext)) {
      return null;
    }
    String l = preview(a);
    return l.contains("atob(") || l.contains("mssaveoropenblob") || l.contains("new blob(")
        ? "the HTML attachment builds a file in the browser (HTML smuggling)"
        : null;
  }
}
