package dev.bulwark.deps.score;

import dev.bulwark.core.errors.InputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** CVSS v3.0/v3.1 base score, per the FIRST specification's formulas. */
final class Cvss3 {
  private Cvss3() {}

  static double score(Map<String, String> m) throws InputException {
    double av =
        switch (Cvss.need(m, "AV", "NALP")) {
          case "N" -> 0.85;
          case "A" -> 0.62;
          case "L" -> 0.55;
          default -> 0.2;
        };
    double ac = Cvss.need(m, "AC", "LH").equals("L") ? 0.77 : 0.44;
    boolean changed = Cvss.need(m, "S", "UC").equals("C");
    double pr =
        switch (Cvss.need(m, "PR", "NLH")) {
          case "N" -> 0.85;
          case "L" -> changed ? 0.68 : 0.62;
          default -> changed ? 0.5 : 0.27;
        };
    double ui = Cvss.need(m, "UI", "NR").equals("N") ? 0.85 : 0.62;
    double c = cia(Cvss.need(m, "C", "HLN"));
    double i = cia(Cvss.need(m, "I", "HLN"));
    double a = cia(Cvss.need(m, "A", "HLN"));
    double iss = 1 - (1 - c) * (1 - i) * (1 - a);
    double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
    double exploitability = 8.22 * av * ac * pr * ui;
    if (impact <= 0) {
      return 0;
    }
    double base =
        changed
            ? Math.min(1.08 * (impact + exploitability), 10)
            : Math.min(impact + exploitability, 10);
    return roundUp(base);
  }

  private static double cia(String v) {
    return switch (v) {
      case "H" -> 0.56;
      case "L" -> 0.22;
      default -> 0;
    };
  }

  /**
   * The v3.1 Roundup: the smallest one-decimal number not below the input, robust to float error.
   */
  static double roundUp(double d) {
    long i = Math.round(d * 100000);
    if (i % 10000 == 0) {
      return i / 100000.0;
    }
    return (Math.floor(i / 10000.0) + 1) / 10.0;
  }

  static double round1(double d) {
    return BigDecimal.valueOf(d).setScale(1, RoundingMode.HALF_UP).doubleValue();
  }
}
