package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;

/**
 * Nobody is named as a recipient ("undisclosed recipients", a template placeholder): the mark of
 * mass mailing, honest newsletters included, so supporting only.
 */
final class HiddenRecipients implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "hidden-recipients",
          1,
          Weight.SUPPORTING,
          Part.SENDER,
          "The message names no recipient (undisclosed recipients, a placeholder)");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String to = m.header("To");
    if (to == null) {
      return; // saved drafts and fragments have none either
    }
    if (namesNobody(to)) {
      out.add("the To header names nobody: " + to.strip(), "header:To");
    }
  }

  /**
   * Whether a To value names no recipient: undisclosed recipients, a placeholder, an empty group.
   */
  static boolean namesNobody(String to) {
    String t = to.strip().toLowerCase(Locale.ROOT);
    return t.contains("undisclosed") || t.matches(".*\\[[a-z_ ]+\\].*") || t.matches("[^@]*:;");
  }
}
