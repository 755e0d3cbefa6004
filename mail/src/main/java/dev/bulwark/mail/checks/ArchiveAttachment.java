package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** A small archive is attached (a common wrapper for malware). */
final class ArchiveAttachment extends AttachmentCheck {
  private static final MailRule RULE =
      new MailRule(
          "archive-attachment",
          1,
          Weight.SUPPORTING,
          Part.ATTACHMENTS,
          "A small archive is attached (a common wrapper for malware)");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  String judge(MailMessage.Attachment a, String name, String ext) {
    return (ext.equals("zip") || ext.equals("rar") || ext.equals("7z")) && a.size() < 2_000_000
        ? "a small archive is attached (a common wrapper for malware)"
        : null;
  }
}
