package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
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

  /** The domain of an address whose domain has no dot (not a real Internet domain), or null. */
  private static String bare(String from) {
    if (from == null) {
      return null;
    }
    java.util.regex.Matcher x =
        java.util.regex.Pattern.compile("@([A-Za-z0-9-]+)>?\\s*$").matcher(from.strip());
    return x.find() ? x.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /**
   * Whether the display name also names the sender's own domain ("Lockergnome Apple Core" from
   * lockergnome.com): a newsletter or reseller speaking about a brand under its own name, not
   * posing as the brand.
   */
  static boolean namesItself(String display, String fromReg) {
    if (fromReg == null) {
      return false;
    }
    String label = fromReg.split("\\.")[0];
    return label.length() >= 4
        && display.replaceAll("[^\\p{L}\\p{N}]", "").contains(label.replace("-", ""));
  }

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String display = Addresses.displayName(m.header("From")).toLowerCase(Locale.ROOT);
    // a domain under no public suffix ("bradesco") is judged as it stands
    String fromReg = c.fromRegistrable() != null ? c.fromRegistrable() : bare(m.header("From"));
    // a bare name with no suffix ("contato@correios") is the brand's word itself, forged
    if (c.fromRegistrable() != null && namesItself(display, fromReg)) {
      return;
    }
    for (String brand : Brands.NAMES) {
      // The brand's own domain is brand.tld (or brand.co.uk); "secure-paypal-billing.com" is not.
      if (Brands.names(display, brand)
          && fromReg != null
          && !fromReg.startsWith(brand.replace(" ", "") + ".")) {
        out.add(
            "the sender calls itself \"" + brand + "\" but writes from " + fromReg, "header:From");
        return;
      }
    }
  }
}
