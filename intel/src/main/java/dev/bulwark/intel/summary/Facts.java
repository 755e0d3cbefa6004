package dev.bulwark.intel.summary;

import dev.bulwark.intel.analysis.IntelReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facts of a report an executive summary may state, numbered {@code F1, F2 …}: the profile, the
 * top actors with their scores and the reasons for them, the coverage figures, the heaviest gaps
 * and the known-exploited vulnerabilities in the stack. Each is one line of the report's own
 * figures, printed as the report prints them, so a sentence can be checked against it word for
 * word.
 */
public final class Facts {
  /** Actors and gaps given to the model; the summary is about the head of each list. */
  static final int TOP = 5;

  private Facts() {}

  /** The facts by id, in order. */
  public static Map<String, String> of(IntelReport r) {
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            Locale.ROOT,
            "%s: sectors %s; countries %s; internet exposure %s.",
            r.organisation(),
            String.join(", ", r.sectors()),
            String.join(", ", r.countries()),
            r.exposure()));
    out.add(String.format(Locale.ROOT, "%d actors were ranked.", r.actors().size()));
    for (IntelReport.RankedActor a : r.actors().subList(0, Math.min(TOP, r.actors().size()))) {
      StringBuilder why = new StringBuilder();
      for (IntelReport.Evidence e : a.evidence()) {
        if (!why.isEmpty()) {
          why.append("; ");
        }
        why.append(e.factor()).append(": ").append(e.detail());
      }
      out.add(
          String.format(
              Locale.ROOT,
              "Rank %d: %s%s, score %.2f, %d techniques. Evidence: %s.",
              a.rank(),
              a.name(),
              a.attackIds().isEmpty() ? "" : " (" + String.join(", ", a.attackIds()) + ")",
              a.score(),
              a.techniqueCount(),
              why));
    }
    IntelReport.Coverage c = r.coverage();
    out.add(
        String.format(
            Locale.ROOT,
            "The ranked actors use %d techniques: %d detected, %d partly detected, %d gaps;"
                + " weighted coverage %.1f %%; %d gaps have a rule that would cover them.",
            c.techniques(),
            c.detected(),
            c.partial(),
            c.gaps(),
            c.weightedCoverage() * 100,
            c.gapsWithCandidateRules()));
    int gaps = 0;
    for (IntelReport.TechniqueRow t : r.techniques()) {
      if (t.status() != IntelReport.Status.GAP || gaps++ >= TOP) {
        continue;
      }
      out.add(
          String.format(
              Locale.ROOT,
              "Gap: %s %s (weight %.3f), used by %s; no rule in force detects it.",
              t.id(),
              t.name(),
              t.weight(),
              String.join(", ", t.actors())));
    }
    out.add(
        String.format(
            Locale.ROOT,
            "%d known-exploited vulnerabilities (CISA KEV) are in the stack.",
            r.kevInStack().size()));
    for (IntelReport.KevExposure k : r.kevInStack()) {
      out.add(
          String.format(
              Locale.ROOT,
              "%s (%s %s) is in %s; CISA due date %s%s%s.",
              k.cve(),
              k.vendor(),
              k.product(),
              String.join(", ", k.components()),
              k.dueDate(),
              k.overdue() ? ", overdue" : "",
              k.actors().isEmpty() ? "" : "; exploited by " + String.join(", ", k.actors())));
    }
    Map<String, String> facts = new LinkedHashMap<>();
    for (int i = 0; i < out.size(); i++) {
      facts.put("F" + (i + 1), out.get(i));
    }
    return facts;
  }
}
