package dev.bulwark.threatmodel.rules;

import dev.bulwark.core.model.Severity;
import java.util.List;

/**
 * Impact and likelihood levels and the severity they give together: the product of their weights
 * (1–4 each) read as low (1), medium (2–3), elevated (4–8), high (9–12) or critical (above).
 */
public final class Levels {
  public static final List<String> IMPACT = List.of("low", "medium", "high", "very-high");
  public static final List<String> LIKELIHOOD =
      List.of("unlikely", "likely", "very-likely", "frequent");

  private Levels() {}

  public static int weight(List<String> scale, String level) {
    int i = scale.indexOf(level);
    if (i < 0) {
      throw new IllegalArgumentException("unknown level " + level + ", expected one of " + scale);
    }
    return i + 1;
  }

  /** The severity label, in the model's five words. */
  public static String severity(String impact, String likelihood) {
    int score = weight(IMPACT, impact) * weight(LIKELIHOOD, likelihood);
    if (score <= 1) {
      return "low";
    }
    if (score <= 3) {
      return "medium";
    }
    if (score <= 8) {
      return "elevated";
    }
    if (score <= 12) {
      return "high";
    }
    return "critical";
  }

  /** The report severity of a model severity: elevated reports as medium. */
  public static Severity reportSeverity(String severity) {
    return switch (severity) {
      case "critical" -> Severity.CRITICAL;
      case "high" -> Severity.HIGH;
      case "elevated", "medium" -> Severity.MEDIUM;
      default -> Severity.LOW;
    };
  }

  /** One step up the likelihood scale, capped at frequent. */
  public static String raise(String likelihood) {
    int i = LIKELIHOOD.indexOf(likelihood);
    return LIKELIHOOD.get(Math.min(LIKELIHOOD.size() - 1, i + 1));
  }
}
