package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** An attached archive holds an executable, script or shortcut. */
final class ArchiveHoldsExecutable extends AttachmentCheck {
  private static final MailRule RULE =
      new MailRule(
          "archive-holds-executable",
          5,
          Weight.PRIMARY,
          Part.ATTACHMENTS,
          "An attached archive holds an executable, script or shortcut");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  String judge(MailMessage.Attachment a, String name, String ext) {
    var inside =
        a.inspection().entries().stream()
            .filter(e -> RISKY_EXT.contains(Locations.extension(e)))
            .limit(3)
            .toList();
    return inside.isEmpty() ? null : "the archive holds " + String.join(", ", inside);
  }
}
