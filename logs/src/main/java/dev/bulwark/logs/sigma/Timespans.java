package dev.bulwark.logs.sigma;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sigma time spans: a number and a unit, s, m, h, d, w, M (30 days) or y (365 days). */
public final class Timespans {
  private static final Pattern SPAN = Pattern.compile("(\\d+)\\s*([smhdwMy])");

  private Timespans() {}

  public static Duration parse(String s) throws SigmaException {
    Matcher m = SPAN.matcher(s.strip());
    if (!m.matches()) {
      throw new SigmaException("invalid timespan '" + s + "' (expected e.g. 30s, 5m, 1h, 2d)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      case "w" -> Duration.ofDays(7 * n);
      case "M" -> Duration.ofDays(30 * n);
      default -> Duration.ofDays(365 * n);
    };
  }
}
