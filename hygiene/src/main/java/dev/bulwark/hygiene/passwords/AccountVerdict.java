package dev.bulwark.hygiene.passwords;

import java.util.Optional;

/**
 * What the audit concluded about one account — no password, no hash.
 *
 * @param score zxcvbn's 0–4 (0 guessable in seconds, 4 very strong)
 * @param sharedWith how many other accounts in the export use the same password
 * @param breachCount how often the password was seen in breaches; empty when not checked
 * @param ageDays days since the password was last changed; empty when the export does not say
 */
public record AccountVerdict(
    String site,
    String username,
    int score,
    boolean weak,
    int sharedWith,
    Optional<Integer> breachCount,
    Optional<Long> ageDays,
    boolean old) {

  public boolean reused() {
    return sharedWith > 0;
  }

  public boolean breached() {
    return breachCount.orElse(0) > 0;
  }

  public String label() {
    return username.isEmpty() ? site : site + " (" + username + ")";
  }
}
