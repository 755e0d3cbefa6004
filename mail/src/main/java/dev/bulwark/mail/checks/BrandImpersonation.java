package dev.bulwark.mail.checks;

import dev.bulwark.mail.Addresses;
import dev.bulwark.mail.MailMessage;
import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.Locale;

/** The sender's display name is a much-phished brand, but the address is not the brand's domain. */
final class BrandImpersonation implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "brand-impersonation",
          3,
          Weight.PRIMARY,
          Part.SENDER,
          "The display name is a much-phished brand but the address is not the brand's");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String display = Addresses.displayName(m.header("From")).toLowerCase(Locale.ROOT);
    String fromReg = c.fromRegistrable();
    for (String brand : Brands.NAMES) {
      // The brand's own domain is brand.tld (or brand.co.uk); "secure-paypal-billing.com" is not.
      if (display.contains(brand)
          && fromReg != null
          && !fromReg.startsWith(brand.replace(" ", "") + ".")) {
        out.add(
            "the sender calls itself \"" + brand + "\" but writes from " + fromReg, "header:From");
        return;
      }
    }
  }
}
