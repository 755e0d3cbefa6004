package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/** The sender's domain imitates a protected domain (confusable letters, a one-letter typo). */
final class LookalikeDomain implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "lookalike-domain",
          4,
          Weight.PRIMARY,
          Part.SENDER,
          "The sender's domain imitates the organisation's, a protected one or a much-phished brand's");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String fromReg = c.fromRegistrable();
    if (fromReg == null) {
      return;
    }
    c.lookalikes()
        .imitates(fromReg)
        .ifPresent(x ->
            out.add(
                "the sender's domain " + fromReg + " imitates " + x.imitated() + ": " + x.how(),
                "header:From"));
  }
}
