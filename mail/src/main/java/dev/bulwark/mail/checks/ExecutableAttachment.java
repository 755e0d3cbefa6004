package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** The attachment is an executable, script, shortcut or disk image by its name. */
final class ExecutableAttachment extends AttachmentCheck {
  private static final MailRule RULE =
      new MailRule(
          "executable-attachment",
          5,
          Weight.PRIMARY,
          Part.ATTACHMENTS,
          "The attachment is an executable, script, shortcut or disk image by its name");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  String judge(MailMessage.Attachment a, String name, String ext) {
    boolean doubled = name.matches(".*\\.(pdf|doc|docx|xls|xlsx|jpg|png|txt)\\.[a-z0-9]{2,4}$");
    return !doubled && RISKY_EXT.contains(ext)
        ? "the attachment is an executable or disk image (." + ext + ")"
        : null;
  }
}
