package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The display name is itself an address or a domain, and not the sender's: the reader sees
 * "ethereum.org" or "support@bank.example" and never the real address behind it.
 */
final class DisplayNameAddress implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "display-name-address",
          3,
          Weight.PRIMARY,
          Part.SENDER,
          "The display name shows an address or domain that is not the sender's");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)\\b((?:[a-z0-9-]+\\.)+(?:com|org|net|gov|edu|io|br|co|uk|info|biz|me))\\b");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String fromReg = c.fromRegistrable();
    String display = Addresses.displayName(m.header("From")).toLowerCase(Locale.ROOT);
    if (fromReg == null || display.isEmpty()) {
      return;
    }
    // only a name that is nothing but an address or a domain: "CNET News.com Daily" is a brand
    Matcher d = DOMAIN.matcher(display);
    if (d.find()
        && display.replaceAll("[\\s\"'<>()]", "").length() <= d.group(1).length() + 40
        && (display.contains("@") || display.strip().equals(d.group(1)))) {
      String shown = Addresses.registrable(d.group(1));
      if (shown != null && !shown.equals(fromReg)) {
        out.add(
            "the sender's name shows " + d.group(1) + " but the address is at " + fromReg,
            "header:From");
      }
    }
  }
}
