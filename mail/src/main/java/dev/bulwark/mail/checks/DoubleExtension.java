package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** An executable type hides behind a document name (invoice.pdf.exe). */
final class DoubleExtension extends AttachmentCheck {
  private static final MailRule RULE =
      new MailRule(
          "double-extension",
          5,
          Weight.PRIMARY,
          Part.ATTACHMENTS,
          "An executable type hides behind a document name (invoice.pdf.exe)");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  String judge(MailMessage.Attachment a, String name, String ext) {
    return name.matches(".*\\.(pdf|doc|docx|xls|xlsx|jpg|png|txt)\\.[a-z0-9]{2,4}$")
            && RISKY_EXT.contains(ext)
        ? "the attachment hides an executable type behind a document name: " + a.name()
        : null;
  }
}
