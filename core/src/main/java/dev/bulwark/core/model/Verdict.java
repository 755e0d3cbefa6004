package dev.bulwark.core.model;

import java.util.Locale;

/** A defender's verdict on a finding. */
public enum Verdict {
  /** A real issue. */
  TP,
  /** Not an issue: the finding is wrong. */
  FP,
  /** Real, but accepted (a test key, a risk the team carries). */
  WONT_FIX;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Verdict parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "tp", "true-positive", "true" -> TP;
      case "fp", "false-positive", "false" -> FP;
      case "wont-fix", "wontfix", "accepted" -> WONT_FIX;
      default ->
          throw new IllegalArgumentException(
              "unknown verdict '" + text + "' (expected tp, fp or wont-fix)");
    };
  }
}
