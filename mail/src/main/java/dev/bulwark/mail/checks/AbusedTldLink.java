package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.Set;

/**
 * A link to a domain under one of the cheap top-level domains that abuse reports keep naming for
 * phishing and scams. Many honest sites live there too, so this only supports other signs.
 */
final class AbusedTldLink extends LinkCheck {
  private static final MailRule RULE =
      new MailRule(
          "abused-tld-link",
          2,
          Weight.SUPPORTING,
          Part.LINKS,
          "A link goes to a domain under a top-level domain much used for phishing and scams");
  private static final Set<String> TLDS =
      Set.of(
          "xyz",
          "top",
          "click",
          "space",
          "online",
          "site",
          "shop",
          "live",
          "icu",
          "buzz",
          "cyou",
          "rest",
          "sbs",
          "monster",
          "cfd",
          "quest",
          "bond",
          "lat",
          "fun",
          "club",
          "work",
          "link",
          "surf",
          "today",
          "store",
          "tk",
          "ml",
          "ga",
          "cf",
          "gq",
          "zip",
          "mov",
          "pw",
          "cam",
          "win",
          "bid",
          "loan",
          "date",
          "racing",
          "download",
          "stream",
          "review",
          "country",
          "kim",
          "men",
          "party",
          "trade",
          "webcam",
          "science",
          "cricket",
          "accountant",
          "faith");

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
    String tld = reg.substring(reg.lastIndexOf('.') + 1);
    return TLDS.contains(tld) ? "a link goes to " + reg + ", under ." + tld : null;
  }
}
