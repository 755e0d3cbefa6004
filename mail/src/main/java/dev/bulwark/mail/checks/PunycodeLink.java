package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.net.IDN;

/** A link to an internationalised host, shown in Unicode so the analyst sees the look-alike. */
final class PunycodeLink extends LinkCheck {
  private static final MailRule RULE =
      new MailRule(
          "punycode-link",
          3,
          Weight.PRIMARY,
          Part.LINKS,
          "A link goes to an internationalised (xn--) host");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  int limit() {
    return 1;
  }

  @Override
  String judge(MailMessage.Link l, String host, String reg, CheckContext c) {
    return host.contains("xn--")
        ? "a link goes to an internationalised look-alike host " + IDN.toUnicode(host)
        : null;
  }
}
