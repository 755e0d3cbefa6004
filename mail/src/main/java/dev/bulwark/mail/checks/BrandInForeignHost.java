package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** A brand's name inside the host name of a domain the brand does not own. */
final class BrandInForeignHost extends LinkCheck {
  private static final MailRule RULE =
      new MailRule(
          "brand-in-foreign-host",
          2,
          Weight.SUPPORTING,
          Part.LINKS,
          "A link puts a much-phished brand's name in another domain's host name");

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
    for (String brand : Brands.NAMES) {
      String b = brand.replace(" ", "");
      if (host.contains(b) && !reg.startsWith(b + ".") && !b.equals(reg)) {
        return "a link uses \"" + brand + "\" in the host of " + reg;
      }
    }
    return null;
  }
}
