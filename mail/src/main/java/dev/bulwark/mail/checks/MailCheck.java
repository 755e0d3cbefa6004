package dev.bulwark.mail.checks;

import dev.bulwark.mail.message.MailMessage;

/**
 * One explainable check on a parsed message. It adds reasons — points, a sentence for the analyst
 * and where it looked — and never fetches, opens or runs anything the message carries.
 */
public interface MailCheck {
  MailRule rule();

  void check(MailMessage message, CheckContext context, Reasons out);
}
