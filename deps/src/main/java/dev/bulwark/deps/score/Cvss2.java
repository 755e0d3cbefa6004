package dev.bulwark.deps.score;

import dev.bulwark.core.errors.InputException;
import java.util.Map;

/** CVSS v2 base score, per the v2 guide's equations. */
final class Cvss2 {
  private Cvss2() {}

  static double score(Map<String, String> m) throws InputException {
    double av =
        switch (Cvss.need(m, "AV", "LAN")) {
          case "L" -> 0.395;
          case "A" -> 0.646;
          default -> 1.0;
        };
    double ac =
        switch (Cvss.need(m, "AC", "HML")) {
          case "H" -> 0.35;
          case "M" -> 0.61;
          default -> 0.71;
        };
    double au =
        switch (Cvss.need(m, "Au", "MSN")) {
          case "M" -> 0.45;
          case "S" -> 0.56;
          default -> 0.704;
        };
    double c = cia(Cvss.need(m, "C", "NPC"));
    double i = cia(Cvss.need(m, "I", "NPC"));
    double a = cia(Cvss.need(m, "A", "NPC"));
    double impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
    double exploitability = 20 * av * ac * au;
    double f = impact == 0 ? 0 : 1.176;
    return Cvss3.round1(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f);
  }

  private static double cia(String v) {
    return switch (v) {
      case "P" -> 0.275;
      case "C" -> 0.660;
      default -> 0;
    };
  }
}
