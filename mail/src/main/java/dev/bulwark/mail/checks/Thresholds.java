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

  private Thresholds() {}
}
