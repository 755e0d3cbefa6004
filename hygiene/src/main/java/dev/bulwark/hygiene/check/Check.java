package dev.bulwark.hygiene.check;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One practice the check-up looks at, as the catalogue ({@code checks.yaml}) describes it: the
 * question it answers, why it matters in plain words, how to fix it per platform, the minutes it
 * takes and how much risk it removes (0–100). The next action is the failing check with the most
 * risk removed per minute.
 *
 * @param kind how the answer is found: {@code probe} (reads the system), {@code question} (the user
 *     answers) or {@code passwords} (from the last password audit)
 * @param lynis Lynis test ids that look at the same practice (for the comparison in the docs)
 */
public record Check(
    String id,
    Kind kind,
    String title,
    String question,
    String why,
    Map<String, String> fix,
    int effortMinutes,
    int riskReduction,
    Set<Profile> profiles,
    List<String> lynis) {

  /** How a check's answer is found. */
  public enum Kind {
    PROBE,
    QUESTION,
    PASSWORDS
  }

  public Check {
    Objects.requireNonNull(kind, "kind");
    requireText(id, "id", id);
    requireText(title, "title", id);
    requireText(question, "question", id);
    requireText(why, "why", id);
    fix = Map.copyOf(fix);
    if (fix.isEmpty()) {
      throw new IllegalArgumentException("check " + id + ": fix must name at least one platform");
    }
    if (effortMinutes < 1) {
      throw new IllegalArgumentException(
          "check " + id + ": effort must be at least 1 minute, got " + effortMinutes);
    }
    if (riskReduction < 1 || riskReduction > 100) {
      throw new IllegalArgumentException(
          "check " + id + ": risk reduction must be 1..100, got " + riskReduction);
    }
    profiles = Set.copyOf(profiles);
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("check " + id + ": no profile");
    }
    lynis = List.copyOf(lynis);
  }

  private static void requireText(String value, String name, String id) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("check " + id + ": " + name + " must not be blank");
    }
  }

  /** Risk removed per minute of effort: what the next action maximises. */
  public double value() {
    return (double) riskReduction / effortMinutes;
  }

  /** The fix for {@code platform}, else the generic one ({@code any}), else the first given. */
  public String fixFor(String platform) {
    String f = fix.get(platform);
    if (f == null) {
      f = fix.get("any");
    }
    return f != null ? f : fix.values().iterator().next();
  }

  public boolean appliesTo(Profile profile) {
    return profiles.contains(profile);
  }
}
