package dev.bulwark.intel.render;

import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.analysis.IntelReport.Evidence;
import dev.bulwark.intel.analysis.IntelReport.KevExposure;
import dev.bulwark.intel.analysis.IntelReport.RankedActor;
import dev.bulwark.intel.analysis.IntelReport.Status;
import dev.bulwark.intel.analysis.IntelReport.TechniqueRow;
import java.util.List;
import java.util.Locale;

/** The report as Markdown: actors with evidence, the coverage gaps first, KEV in the stack. */
public final class Markdown {
  /** How many technique rows the document lists (the JSON and the layers hold them all). */
  static final int MAX_ROWS = 60;

  private Markdown() {}

  /**
   * The model's summary, each kept sentence followed by the facts it cites; dropped sentences are
   * counted with their reasons, so a reader sees what the check removed.
   */
  private static void summary(IntelReport.Summary s, StringBuilder b) {
    if (!s.present()) {
      return;
    }
    b.append("## Executive summary\n\n");
    b.append("Written by ")
        .append(s.model())
        .append(" (prompt ")
        .append(s.prompt())
        .append(
            ") from the report's facts; a sentence stating anything its cited facts do not"
                + " was dropped.\n\n");
    for (IntelReport.SummarySentence x : s.sentences()) {
      b.append(x.text())
          .append(" [")
          .append(
              String.join(
                  ", ", x.facts().stream().map(f -> f.substring(0, f.indexOf(':'))).toList()))
          .append("]\n");
    }
    if (s.sentences().isEmpty()) {
      b.append("No sentence passed the check.\n");
    }
    if (!s.dropped().isEmpty()) {
      b.append("\nDropped ").append(s.dropped().size()).append(":\n");
      for (IntelReport.DroppedSentence d : s.dropped()) {
        b.append("- ")
            .append(d.text().isEmpty() ? "(no sentence)" : d.text())
            .append(" — ")
            .append(d.reason())
            .append('\n');
      }
    }
    b.append("\nFacts cited:\n");
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    s.sentences().forEach(x -> seen.addAll(x.facts()));
    seen.forEach(f -> b.append("- ").append(f).append('\n'));
    b.append('\n');
  }

  public static String render(IntelReport r) {
    StringBuilder b = new StringBuilder();
    b.append("# Threat intelligence for ").append(r.organisation()).append("\n\n");
    b.append("Sectors: ")
        .append(join(r.sectors()))
        .append(" · countries: ")
        .append(join(r.countries()))
        .append(" · exposure: ")
        .append(r.exposure());
    if (!r.crownJewels().isEmpty()) {
      b.append(" · crown jewels: ").append(join(r.crownJewels()));
    }
    b.append("\n\nGenerated ").append(r.generatedAt()).append(".\n\n");
    summary(r.summary(), b);
    IntelReport.Inputs in = r.inputs();
    b.append(
        String.format(
            Locale.ROOT,
            "Inputs: %d ATT&CK groups, %d MISP actors, %d techniques, %d KEV entries; stack of %d"
                + " components with %d CVEs; %d Sigma rules in force (%d with ATT&CK tags), %d"
                + " candidate rules; %d techniques seen in hunts.%n%n",
            in.attackGroups(),
            in.mispActors(),
            in.techniques(),
            in.kevEntries(),
            in.stackComponents(),
            in.stackCves(),
            in.rulesInForce(),
            in.rulesInForceWithTechniques(),
            in.catalogRules(),
            in.techniquesSeenInHunts()));

    b.append("## Who is likely to come for us\n\n");
    if (r.actors().isEmpty()) {
      b.append("No actor in the store targets these sectors, countries or this stack.\n\n");
    }
    for (RankedActor a : r.actors()) {
      b.append(
          String.format(
              Locale.ROOT,
              "### %d. %s%s — score %.2f%n%n",
              a.rank(),
              a.name(),
              a.attackIds().isEmpty() ? "" : " (" + String.join(", ", a.attackIds()) + ")",
              a.score()));
      b.append(
          String.format(
              Locale.ROOT,
              "Relevance %.2f × recency %.1f%s; %d ATT&CK techniques known.%n%n",
              a.relevance(),
              a.recencyFactor(),
              a.lastActiveYear() == null ? "" : " (last dated activity " + a.lastActiveYear() + ")",
              a.techniqueCount()));
      for (Evidence e : a.evidence()) {
        b.append("- **")
            .append(e.factor())
            .append("** (")
            .append(num(e.points()))
            .append("): ")
            .append(e.detail());
        if (!e.source().isEmpty()) {
          b.append(" — ").append(e.source());
        }
        b.append('\n');
      }
      b.append('\n');
    }

    IntelReport.Coverage c = r.coverage();
    b.append("## What can we not see\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "%d techniques used by these actors: %d detected, %d partly, %d gaps (%d of them with"
                + " a candidate rule). Weighted coverage: %.1f %%.%n%n",
            c.techniques(),
            c.detected(),
            c.partial(),
            c.gaps(),
            c.gapsWithCandidateRules(),
            c.weightedCoverage() * 100));
    b.append(
        "| technique | weight | status | used by | rules in force | would cover it | data needed |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    List<TechniqueRow> rows = r.techniques();
    for (TechniqueRow t : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
      b.append("| ")
          .append(t.id())
          .append(' ')
          .append(cell(t.name()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.3f", t.weight()))
          .append(" | ")
          .append(t.status() == Status.GAP ? "**gap**" : t.status().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(cell(String.join(", ", t.actors())))
          .append(" | ")
          .append(cell(String.join("; ", t.rulesInForce())))
          .append(" | ")
          .append(
              cell(
                  String.join(
                      "; ",
                      t.candidates().stream()
                          .map(x -> x.title() + " (" + x.file() + ")")
                          .toList())))
          .append(" | ")
          .append(cell(String.join("; ", t.dataSources())))
          .append(" |\n");
    }
    if (rows.size() > MAX_ROWS) {
      b.append("\n")
          .append(rows.size() - MAX_ROWS)
          .append(" more techniques in the JSON report and the Navigator layers.\n");
    }
    b.append("\n## Known-exploited vulnerabilities in our stack\n\n");
    if (r.kevInStack().isEmpty()) {
      b.append("None found (CISA KEV ∩ the stack's CVEs is empty).\n");
    } else {
      b.append("| CVE | product | due | ransomware | components | actors citing it |\n");
      b.append("|---|---|---|---|---|---|\n");
      for (KevExposure k : r.kevInStack()) {
        b.append("| ")
            .append(k.cve())
            .append(" | ")
            .append(cell(k.vendor() + " " + k.product()))
            .append(" | ")
            .append(k.dueDate())
            .append(k.overdue() ? " (overdue)" : "")
            .append(" | ")
            .append(k.ransomwareUse())
            .append(" | ")
            .append(cell(String.join(", ", k.components())))
            .append(" | ")
            .append(cell(String.join(", ", k.actors())))
            .append(" |\n");
      }
    }
    if (!r.notes().isEmpty()) {
      b.append("\n## Notes\n\n");
      r.notes().forEach(n -> b.append("- ").append(n).append('\n'));
    }
    return b.toString();
  }

  private static String join(List<String> xs) {
    return xs.isEmpty() ? "—" : String.join(", ", xs);
  }

  private static String num(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
