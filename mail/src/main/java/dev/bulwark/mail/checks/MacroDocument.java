package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** The attachment carries VBA macros or is a macro-enabled Office type. */
final class MacroDocument extends AttachmentCheck {
  private static final MailRule RULE =
      new MailRule(
          "macro-document",
          4,
          Weight.PRIMARY,
          Part.ATTACHMENTS,
          "The attachment carries VBA macros or is a macro-enabled Office type");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  String judge(MailMessage.Attachment a, String name, String ext) {
    if (a.inspection().macros()) {
      return "the attachment carries VBA macros ("
          + (a.inspection().kind().equals("zip")
              ? "vbaProject.bin in the package"
              : "a VBA project")
          + ")";
    }
    return MACRO_EXT.contains(ext) ? "the attachment is a macro-enabled Office document" : null;
  }
}
