package dev.bulwark.mail.checks;

/**
 * The scores a message's points are judged by. They live beside the checks because the rule
 * catalogue documents them with each check's points.
 */
public final class Thresholds {
  /** Scores at or above which a message is suspicious or malicious. */
  public static final int SUSPICIOUS = 4;

  public static final int MALICIOUS = 8;

  /**
   * Primary points from which supporting checks count too: one clear primary sign (a failed DMARC,
   * a look-alike sender, a shortened link, two pressure phrases), not a single weak phrase, which
   * honest newsletters have as well.
   */
  public static final int SUPPORTED_FROM = 3;

  /**
   * Distinct supporting checks of at least {@link #STRONG_SUPPORTING} points each that, together,
   * stand in for a primary sign: a brand's name in a foreign link host, a page on a free
   * site-building service and a scam-ridden top-level domain are each common alone in honest mail,
   * but rarely all at once. The one-point traits (no authentication result, HTML only, no link to
   * the sender, undisclosed recipients) never count towards it.
   */
  public static final int SUPPORTING_TOGETHER = 3;

  /** Points a supporting check must be worth to count towards {@link #SUPPORTING_TOGETHER}. */
  public static final int STRONG_SUPPORTING = 2;

  private Thresholds() {}
}
