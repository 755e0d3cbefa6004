package dev.bulwark.deps.score;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * CVSS v4.0 scores per the FIRST specification: the vector's MacroVector (six equivalence sets)
 * gives the score of its most severe vectors, from which the vector's severity distance to those
 * highest vectors is subtracted, in proportion to the score gap to the next lower MacroVector of
 * each set. The MacroVector scores are the specification's own table.
 */
final class Cvss4 {
  private static final Map<String, Double> LOOKUP = load();
  private static final String[] BASE = {
    "AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"
  };
  private static final Map<String, String> ALLOWED =
      Map.ofEntries(
          Map.entry("AV", "NALP"),
          Map.entry("AC", "LH"),
          Map.entry("AT", "NP"),
          Map.entry("PR", "NLH"),
          Map.entry("UI", "NPA"),
          Map.entry("VC", "HLN"),
          Map.entry("VI", "HLN"),
          Map.entry("VA", "HLN"),
          Map.entry("SC", "HLN"),
          Map.entry("SI", "HLN"),
          Map.entry("SA", "HLN"),
          Map.entry("E", "XAPU"),
          Map.entry("CR", "XHML"),
          Map.entry("IR", "XHML"),
          Map.entry("AR", "XHML"),
          Map.entry("MAV", "XNALP"),
          Map.entry("MAC", "XLH"),
          Map.entry("MAT", "XNP"),
          Map.entry("MPR", "XNLH"),
          Map.entry("MUI", "XNPA"),
          Map.entry("MVC", "XHLN"),
          Map.entry("MVI", "XHLN"),
          Map.entry("MVA", "XHLN"),
          Map.entry("MSC", "XHLN"),
          Map.entry("MSI", "XSHLN"),
          Map.entry("MSA", "XSHLN"));

  /** Severity levels of each metric value: 0 is the most severe. */
  private static final Map<String, Map<String, Double>> LEVELS =
      Map.ofEntries(
          Map.entry("AV", Map.of("N", 0.0, "A", 0.1, "L", 0.2, "P", 0.3)),
          Map.entry("PR", Map.of("N", 0.0, "L", 0.1, "H", 0.2)),
          Map.entry("UI", Map.of("N", 0.0, "P", 0.1, "A", 0.2)),
          Map.entry("AC", Map.of("L", 0.0, "H", 0.1)),
          Map.entry("AT", Map.of("N", 0.0, "P", 0.1)),
          Map.entry("VC", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
          Map.entry("VI", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
          Map.entry("VA", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
          Map.entry("SC", Map.of("H", 0.1, "L", 0.2, "N", 0.3)),
          Map.entry("SI", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
          Map.entry("SA", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
          Map.entry("CR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
          Map.entry("IR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
          Map.entry("AR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)));

  /** The highest-severity vectors of each equivalence set level (from the specification). */
  private static final Map<String, List<String>> MAX_COMPOSED =
      Map.ofEntries(
          Map.entry("eq1:0", List.of("AV:N/PR:N/UI:N")),
          Map.entry("eq1:1", List.of("AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P")),
          Map.entry("eq1:2", List.of("AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P")),
          Map.entry("eq2:0", List.of("AC:L/AT:N")),
          Map.entry("eq2:1", List.of("AC:H/AT:N", "AC:L/AT:P")),
          Map.entry("eq3:0:0", List.of("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H")),
          Map.entry(
              "eq3:0:1", List.of("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M")),
          Map.entry(
              "eq3:1:0", List.of("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H")),
          Map.entry(
              "eq3:1:1",
              List.of(
                  "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H",
                  "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
                  "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
                  "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
                  "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M")),
          Map.entry("eq3:2:1", List.of("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H")),
          Map.entry("eq4:0", List.of("SC:H/SI:S/SA:S")),
          Map.entry("eq4:1", List.of("SC:H/SI:H/SA:H")),
          Map.entry("eq4:2", List.of("SC:L/SI:L/SA:L")),
          Map.entry("eq5:0", List.of("E:A")),
          Map.entry("eq5:1", List.of("E:P")),
          Map.entry("eq5:2", List.of("E:U")));

  private Cvss4() {}

  private static Map<String, Double> load() {
    Properties p = new Properties();
    try (InputStream in =
        Cvss4.class.getResourceAsStream("/dev/bulwark/deps/score/cvss4-macrovectors.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "the CVSS v4.0 MacroVector table is missing from the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the CVSS v4.0 MacroVector table", e);
    }
    Map<String, Double> m = new HashMap<>();
    p.forEach((k, v) -> m.put((String) k, Double.parseDouble((String) v)));
    return m;
  }

  static double score(Map<String, String> given) throws InputException {
    for (String k : BASE) {
      Cvss.need(given, k, ALLOWED.get(k).replace("X", ""));
    }
    for (Map.Entry<String, String> e : given.entrySet()) {
      String allowed = ALLOWED.get(e.getKey());
      if (allowed != null && !allowed.contains(e.getValue())) {
        throw new InputException(
            "CVSS v4.0 metric " + e.getKey() + " has an invalid value " + e.getValue());
      }
    }
    if (List.of("VC", "VI", "VA", "SC", "SI", "SA").stream()
        .allMatch(k -> m(given, k).equals("N"))) {
      return 0.0;
    }
    String macro = macroVector(given);
    Double value = LOOKUP.get(macro);
    if (value == null) {
      throw new InputException(
          "CVSS v4.0 MacroVector " + macro + " is not in the specification's table");
    }
    int eq1 = digit(macro, 0);
    int eq2 = digit(macro, 1);
    int eq3 = digit(macro, 2);
    int eq4 = digit(macro, 3);
    int eq5 = digit(macro, 4);
    int eq6 = digit(macro, 5);
    Double eq1Lower = LOOKUP.get(mv(eq1 + 1, eq2, eq3, eq4, eq5, eq6));
    Double eq2Lower = LOOKUP.get(mv(eq1, eq2 + 1, eq3, eq4, eq5, eq6));
    Double eq36Lower;
    if (eq3 == 0 && eq6 == 0) {
      Double left = LOOKUP.get(mv(eq1, eq2, eq3, eq4, eq5, eq6 + 1));
      Double right = LOOKUP.get(mv(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
      eq36Lower = left == null ? right : right == null ? left : Math.max(left, right);
    } else if (eq6 == 1 && eq3 <= 1) {
      eq36Lower = LOOKUP.get(mv(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
    } else if (eq3 == 1) {
      eq36Lower = LOOKUP.get(mv(eq1, eq2, eq3, eq4, eq5, eq6 + 1));
    } else {
      eq36Lower = LOOKUP.get(mv(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1));
    }
    Double eq4Lower = LOOKUP.get(mv(eq1, eq2, eq3, eq4 + 1, eq5, eq6));
    Double eq5Lower = LOOKUP.get(mv(eq1, eq2, eq3, eq4, eq5 + 1, eq6));

    double[] distance = null;
    for (String eq1v : MAX_COMPOSED.get("eq1:" + eq1)) {
      for (String eq2v : MAX_COMPOSED.get("eq2:" + eq2)) {
        for (String eq36v : MAX_COMPOSED.get("eq3:" + eq3 + ":" + eq6)) {
          for (String eq4v : MAX_COMPOSED.get("eq4:" + eq4)) {
            for (String eq5v : MAX_COMPOSED.get("eq5:" + eq5)) {
              Map<String, String> max =
                  fragments(eq1v + "/" + eq2v + "/" + eq36v + "/" + eq4v + "/" + eq5v);
              double[] d = {
                distance(given, max, "AV", "PR", "UI"),
                distance(given, max, "AC", "AT"),
                distance(given, max, "VC", "VI", "VA", "CR", "IR", "AR"),
                distance(given, max, "SC", "SI", "SA")
              };
              if (d[0] >= -1e-9
                  && d[1] >= -1e-9
                  && d[2] >= -1e-9
                  && d[3] >= -1e-9
                  && distance == null) {
                distance = d;
              }
            }
          }
        }
      }
    }
    if (distance == null) {
      throw new InputException(
          "CVSS v4.0: no highest-severity vector above this one in MacroVector " + macro);
    }
    double[] depth = {
      maxSeverity1(eq1) * 0.1,
      maxSeverity2(eq2) * 0.1,
      maxSeverity36(eq3, eq6) * 0.1,
      maxSeverity4(eq4) * 0.1
    };
    Double[] lower = {eq1Lower, eq2Lower, eq36Lower, eq4Lower};
    List<Double> normalised = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (lower[i] != null) {
        normalised.add((value - lower[i]) * (distance[i] / depth[i]));
      }
    }
    if (eq5Lower != null) {
      normalised.add(0.0); // the threat set has no distance within a MacroVector
    }
    double mean =
        normalised.isEmpty()
            ? 0
            : normalised.stream().mapToDouble(Double::doubleValue).sum() / normalised.size();
    double result = Math.max(0, Math.min(10, value - mean));
    // round half up at one decimal, lifted past floating-point error just below a tie
    return Math.floor(result * 10.0 + 0.5 + 1e-9) / 10.0;
  }

  private static int maxSeverity1(int eq1) {
    return new int[] {1, 4, 5}[eq1];
  }

  private static int maxSeverity2(int eq2) {
    return new int[] {1, 2}[eq2];
  }

  private static int maxSeverity36(int eq3, int eq6) {
    if (eq3 == 0) {
      return eq6 == 0 ? 7 : 6;
    }
    return eq3 == 1 ? 8 : 10;
  }

  private static int maxSeverity4(int eq4) {
    return new int[] {6, 5, 4}[eq4];
  }

  private static String mv(int... d) {
    StringBuilder b = new StringBuilder();
    for (int x : d) {
      b.append(x);
    }
    return b.toString();
  }

  private static int digit(String s, int i) {
    return s.charAt(i) - '0';
  }

  private static Map<String, String> fragments(String text) {
    Map<String, String> m = new HashMap<>();
    for (String t : text.split("/")) {
      int c = t.indexOf(':');
      m.put(t.substring(0, c), t.substring(c + 1));
    }
    return m;
  }

  private static double distance(
      Map<String, String> given, Map<String, String> max, String... metrics) {
    double sum = 0;
    for (String k : metrics) {
      sum += LEVELS.get(k).get(m(given, k)) - LEVELS.get(k).get(max.get(k));
    }
    return sum;
  }

  /**
   * The effective value: modified metrics override base ones; unset threat/requirements take the
   * worst case.
   */
  private static String m(Map<String, String> given, String metric) {
    String v = given.getOrDefault(metric, "X");
    if (metric.equals("E") && v.equals("X")) {
      return "A";
    }
    if ((metric.equals("CR") || metric.equals("IR") || metric.equals("AR")) && v.equals("X")) {
      return "H";
    }
    String modified = given.get("M" + metric);
    if (modified != null && !modified.equals("X")) {
      return modified;
    }
    return v;
  }

  private static String macroVector(Map<String, String> g) {
    String av = m(g, "AV");
    String pr = m(g, "PR");
    String ui = m(g, "UI");
    int eq1;
    if (av.equals("N") && pr.equals("N") && ui.equals("N")) {
      eq1 = 0;
    } else if ((av.equals("N") || pr.equals("N") || ui.equals("N")) && !av.equals("P")) {
      eq1 = 1;
    } else {
      eq1 = 2;
    }
    int eq2 = m(g, "AC").equals("L") && m(g, "AT").equals("N") ? 0 : 1;
    String vc = m(g, "VC");
    String vi = m(g, "VI");
    String va = m(g, "VA");
    int eq3 =
        vc.equals("H") && vi.equals("H")
            ? 0
            : (vc.equals("H") || vi.equals("H") || va.equals("H")) ? 1 : 2;
    int eq4;
    if (m(g, "MSI").equals("S") || m(g, "MSA").equals("S")) {
      eq4 = 0;
    } else if (m(g, "SC").equals("H") || m(g, "SI").equals("H") || m(g, "SA").equals("H")) {
      eq4 = 1;
    } else {
      eq4 = 2;
    }
    int eq5 =
        switch (m(g, "E")) {
          case "A" -> 0;
          case "P" -> 1;
          default -> 2;
        };
    boolean eq6zero =
        (m(g, "CR").equals("H") && vc.equals("H"))
            || (m(g, "IR").equals("H") && vi.equals("H"))
            || (m(g, "AR").equals("H") && va.equals("H"));
    return mv(eq1, eq2, eq3, eq4, eq5, eq6zero ? 0 : 1);
  }
}
