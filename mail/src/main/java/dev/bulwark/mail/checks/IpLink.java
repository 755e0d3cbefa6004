package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.regex.Pattern;

/**
 * A link to a bare IP address: honest senders link to names. Cheap bulk mail of every kind —
 * advertising as much as phishing — links to addresses too, so an IP link alone marks junk rather
 * than phishing: it counts beside a primary sign (a lure, a forged sender, a credential form).
 */
final class IpLink extends LinkCheck {
  private static final MailRule RULE =
      new MailRule("ip-link", 3, Weight.SUPPORTING, Part.LINKS, "A link goes to a bare IP address");
  private static final Pattern IP_HOST = Pattern.compile("^\\d{1,3}(?:\\.\\d{1,3}){3}$");

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
    return IP_HOST.matcher(host).matches() ? "a link goes to a bare IP address " + host : null;
  }
}
