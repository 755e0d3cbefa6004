package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link whose text shows one domain and whose target is another. Newsletters route every link
 * through a click tracker, so this supports other signs rather than standing alone.
 */
final class LinkTextMismatch extends LinkCheck {
  private static final MailRule RULE =
      new MailRule(
          "link-text-mismatch",
          3,
          Weight.SUPPORTING,
          Part.LINKS,
          "A link shows one domain and goes to another");
  private static final Pattern DOMAIN = Pattern.compile("([a-z0-9-]+\\.)+[a-z]{2,}");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  String judge(MailMessage.Link l, String host, String reg, CheckContext c) {
    String shown = l.text() == null ? "" : l.text().toLowerCase(Locale.ROOT);
    Matcher d = DOMAIN.matcher(shown);
    if (d.find() && !shown.contains("@")) {
      String shownReg = Addresses.registrable(d.group());
      if (shownReg != null && !shownReg.equals(reg)) {
        return "a link shows " + shownReg + " but goes to " + reg;
      }
    }
    return null;
  }
}
