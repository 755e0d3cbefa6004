package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** An attached archive is password-protected, so no scanner could look inside. */
final class EncryptedArchive extends AttachmentCheck {
  private static final MailRule RULE =
      new MailRule(
          "encrypted-archive",
          3,
          Weight.PRIMARY,
          Part.ATTACHMENTS,
          "An attached archive is password-protected, so no scanner could look inside");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  String judge(MailMessage.Attachment a, String name, String ext) {
    return a.inspection().encryptedEntries()
        ? "the archive is password-protected, so no scanner on the way could look inside"
        : null;
  }
}
