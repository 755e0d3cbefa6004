package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** The attachment's bytes are an executable, shortcut or disk image whatever its name says. */
final class DisguisedExecutable extends AttachmentCheck {
  private static final MailRule RULE =
      new MailRule(
          "disguised-executable",
          6,
          Weight.PRIMARY,
          Part.ATTACHMENTS,
          "The attachment's bytes are an executable, shortcut or disk image whatever its name says");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  String judge(MailMessage.Attachment a, String name, String ext) {
    String disguised =
        switch (a.inspection().kind()) {
          case "windows-executable" -> ext.equals("exe") ? null : "a Windows executable";
          case "elf-executable" -> "a Linux executable";
          case "windows-shortcut" -> ext.equals("lnk") ? null : "a Windows shortcut";
          case "disk-image" -> ext.equals("iso") || ext.equals("img") ? null : "a disk image";
          default -> null;
        };
    return disguised == null ? null : "the attachment is " + disguised + " whatever its name says";
  }
}
