package dev.bulwark.mail;

import dev.bulwark.mail.checks.BuiltInChecks;
import dev.bulwark.mail.checks.Locations;
import dev.bulwark.mail.checks.MailRule;
import dev.bulwark.mail.checks.Thresholds;
import dev.bulwark.mail.message.Lookalikes;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.MailSettings;
import dev.bulwark.mail.message.Reason;
import java.util.List;

/**
 * Judges a parsed message with the explainable checks in {@link BuiltInChecks}: each adds points
 * with a reason that names the header, link, attachment or sentence it saw. Supporting checks —
 * traits honest mail has too (mailing-list and bulk headers, missing authentication results) —
 * count only beside {@value #SUPPORTED_FROM} or more primary points, or when three distinct
 * supporting checks of two or more points fire together (see {@link Thresholds}); one of them alone
 * never makes a verdict.
 */
public final class MailChecks {
  /** Scores at or above which a message is suspicious or malicious. */
  public static final int SUSPICIOUS = Thresholds.SUSPICIOUS;

  public static final int MALICIOUS = Thresholds.MALICIOUS;

  /** Primary points from which supporting checks count too (see {@link Thresholds}). */
  public static final int SUPPORTED_FROM = Thresholds.SUPPORTED_FROM;

  private static final Lookalikes BRAND_LOOKALIKES = new Lookalikes(MailSettings.NONE);

  private MailChecks() {}

  public static MailVerdict judge(MailMessage m) {
    return judge(m, MailSettings.NONE);
  }

  /** Judges a message with what the organisation has configured about itself. */
  public static MailVerdict judge(MailMessage m, MailSettings settings) {
    Lookalikes lookalikes =
        settings.equals(MailSettings.NONE) ? BRAND_LOOKALIKES : new Lookalikes(settings);
    List<Reason> reasons = BuiltInChecks.run(m, settings, lookalikes);
    int primary = 0;
    int supporting = 0;
    java.util.Set<String> strongSupporting = new java.util.HashSet<>();
    for (Reason r : reasons) {
      java.util.Optional<MailRule> rule = BuiltInChecks.rule(r.code());
      boolean isPrimary = rule.map(x -> x.weight() == MailRule.Weight.PRIMARY).orElse(true);
      if (isPrimary) {
        primary += r.points();
      } else {
        supporting += r.points();
        if (rule.get().points() >= Thresholds.STRONG_SUPPORTING) {
          strongSupporting.add(r.code());
        }
      }
    }
    boolean supported =
        primary >= SUPPORTED_FROM || strongSupporting.size() >= Thresholds.SUPPORTING_TOGETHER;
    int score = primary + (supported ? supporting : 0);
    MailVerdict.Verdict v =
        score >= MALICIOUS
            ? MailVerdict.Verdict.MALICIOUS
            : score >= SUSPICIOUS ? MailVerdict.Verdict.SUSPICIOUS : MailVerdict.Verdict.CLEAN;
    return new MailVerdict(m, v, score, reasons);
  }

  static String host(String href) {
    return Locations.host(href);
  }
}
