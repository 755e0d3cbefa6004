package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.Set;

/** A link hidden behind a URL shortener, so the reader cannot see where it leads. */
final class ShortenedLink extends LinkCheck {
  private static final MailRule RULE =
      new MailRule(
          "shortened-link",
          3,
          Weight.PRIMARY,
          Part.LINKS,
          "A link hides its target behind a URL shortener");
  private static final Set<String> SHORTENERS =
      Set.of(
          "bit.ly",
          "tinyurl.com",
          "t.co",
          "goo.gl",
          "ow.ly",
          "is.gd",
          "buff.ly",
          "rb.gy",
          "cutt.ly",
          "shorturl.at",
          "t.ly",
          "s.id",
          "tiny.cc",
          "v.gd",
          "bitly.com");

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
    return SHORTENERS.contains(reg) ? "a link hides its target behind " + reg : null;
  }
}
