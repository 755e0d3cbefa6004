package dev.bulwark.mail;

import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.Reason;
import java.util.List;

/** The verdict on one message, with its score and every reason. */
public record MailVerdict(MailMessage message, Verdict verdict, int score, List<Reason> reasons) {

  /** Malicious, suspicious or clean. */
  public enum Verdict {
    MALICIOUS,
    SUSPICIOUS,
    CLEAN
  }
}
