package dev.bulwark.compliance.assess;

import dev.bulwark.compliance.attack.AttackMapping;
import dev.bulwark.compliance.evidence.ScanEvidence;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Markdown gap report: figures per control family, then every control Bulwark can speak to,
 * grouped by status — satisfied (with the evidence), not satisfied (with the findings), no evidence
 * (with what to run).
 */
public final class GapReport {
  private GapReport() {}

  /** Counts by status over all controls. */
  public static Map<ControlStatus, Integer> totals(List<ControlAssessment> results) {
    Map<ControlStatus, Integer> t = new EnumMap<>(ControlStatus.class);
    for (ControlStatus s : ControlStatus.values()) {
      t.put(s, 0);
    }
    results.forEach(c -> t.merge(c.status(), 1, Integer::sum));
    return t;
  }

  public static String markdown(String profileTitle, List<ControlAssessment> results) {
    return markdown(profileTitle, results, AttackMapping.none());
  }

  /** The report, with the ATT&CK techniques each failing or unproven control leaves open. */
  public static String markdown(
      String profileTitle, List<ControlAssessment> results, AttackMapping attack) {
    StringBuilder md = new StringBuilder();
    md.append("# Compliance gap report: ").append(profileTitle).append("\n\n");
    Map<ControlStatus, Integer> t = totals(results);
    md.append(results.size())
        .append(" controls: ")
        .append(t.get(ControlStatus.SATISFIED))
        .append(" satisfied, ")
        .append(t.get(ControlStatus.NOT_SATISFIED))
        .append(" not satisfied, ")
        .append(t.get(ControlStatus.NO_EVIDENCE))
        .append(" without evidence, ")
        .append(t.get(ControlStatus.NOT_ASSESSED))
        .append(" not assessed by Bulwark.\n\n");
    md.append("| family | satisfied | not satisfied | no evidence | not assessed |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    Map<String, Map<ControlStatus, Integer>> fam = new TreeMap<>();
    for (ControlAssessment c : results) {
      fam.computeIfAbsent(c.control().family(), k -> new EnumMap<>(ControlStatus.class))
          .merge(c.status(), 1, Integer::sum);
    }
    fam.forEach((f, m) ->
        md.append("| ")
            .append(f.toUpperCase(Locale.ROOT))
            .append(" | ")
            .append(m.getOrDefault(ControlStatus.SATISFIED, 0))
            .append(" | ")
            .append(m.getOrDefault(ControlStatus.NOT_SATISFIED, 0))
            .append(" | ")
            .append(m.getOrDefault(ControlStatus.NO_EVIDENCE, 0))
            .append(" | ")
            .append(m.getOrDefault(ControlStatus.NOT_ASSESSED, 0))
            .append(" |\n"));
    section(md, "Not satisfied", results, ControlStatus.NOT_SATISFIED, attack);
    section(md, "Satisfied", results, ControlStatus.SATISFIED, attack);
    section(md, "No evidence", results, ControlStatus.NO_EVIDENCE, attack);
    return md.toString();
  }

  private static void section(
      StringBuilder md,
      String heading,
      List<ControlAssessment> results,
      ControlStatus status,
      AttackMapping attack) {
    List<ControlAssessment> these = results.stream().filter(c -> c.status() == status).toList();
    if (these.isEmpty()) {
      return;
    }
    md.append("\n## ").append(heading).append("\n\n");
    for (ControlAssessment c : these) {
      md.append("- **")
          .append(c.control().label())
          .append("** ")
          .append(c.control().title())
          .append(" — ");
      switch (status) {
        case NOT_SATISFIED -> {
          md.append(c.failing().size()).append(" failing finding(s):\n");
          c.failing().stream()
              .limit(10)
              .forEach(f ->
                  md.append("  - ")
                      .append(f.severity().label())
                      .append(" `")
                      .append(f.ruleId())
                      .append("` ")
                      .append(f.location())
                      .append('\n'));
          if (c.failing().size() > 10) {
            md.append("  - … ").append(c.failing().size() - 10).append(" more\n");
          }
        }
        case SATISFIED ->
            md.append("evidence: ")
                .append(String.join(", ", c.evidence().stream().map(ScanEvidence::source).toList()))
                .append('\n');
        default -> md.append("run `").append(c.mapping().orElseThrow().whatToRun()).append("`\n");
      }
      List<AttackMapping.Technique> open = attack.mitigatedBy(c.control().id());
      if (status != ControlStatus.SATISFIED && !open.isEmpty()) {
        md.append("  - leaves open ").append(open.size()).append(" ATT&CK technique(s): ");
        md.append(
            String.join(", ", open.stream().limit(8).map(t -> t.id() + " " + t.name()).toList()));
        md.append(open.size() > 8 ? ", …\n" : "\n");
      }
    }
  }
}
