package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** A link to a domain that imitates the organisation's, a protected one or a brand's. */
final class LookalikeLink extends LinkCheck {
  private static final MailRule RULE =
      new MailRule(
          "lookalike-link",
          4,
          Weight.PRIMARY,
          Part.LINKS,
          "A link goes to a domain imitating the organisation's, a protected one or a brand's");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  int limit() {
    return 2;
  }

  @Override
  String judge(MailMessage.Link l, String host, String reg, CheckContext c) {
    return c.lookalikes()
        .imitates(reg)
        .map(x -> "a link goes to " + reg + ", which imitates " + x.imitated() + ": " + x.how())
        .orElse(null);
  }
}
