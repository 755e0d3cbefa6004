package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The subject speaks for a much-phished brand that the sender's domain is not. Lists and friends
 * write about brands too, so this only supports other signs.
 */
final class BrandInSubject implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "brand-in-subject",
          2,
          Weight.SUPPORTING,
          Part.SENDER,
          "The subject names a much-phished brand the sender's domain is not");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String subject = Locations.subject(m).toLowerCase(Locale.ROOT);
    String from = c.fromRegistrable();
    if (subject.isBlank() || subject.matches("(?s)^\\s*(re|aw|sv|fwd?|wg|tr|rv)\\s*:.*")) {
      return;
    }
    for (String brand : Brands.NAMES) {
      String b = brand.replace(" ", "");
      if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(brand) + "(?![\\p{L}\\p{N}])")
              .matcher(subject)
              .find()
          && (from == null || !(from.startsWith(b + ".") || from.equals(b)))) {
        out.add(
            "the subject speaks for \""
                + brand
                + "\" but the sender writes from "
                + (from == null ? "no domain" : from),
            "header:Subject");
        return;
      }
    }
  }
}
