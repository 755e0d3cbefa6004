package dev.bulwark.intel.render;

import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.analysis.IntelReport.Evidence;
import dev.bulwark.intel.analysis.IntelReport.KevExposure;
import dev.bulwark.intel.analysis.IntelReport.RankedActor;
import dev.bulwark.intel.analysis.IntelReport.TechniqueRow;
import java.util.Locale;

/** The report as one self-contained HTML page (no scripts, no remote resources). */
public final class Html {
  private Html() {}

  public static String render(IntelReport r) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Threat intelligence for ")
        .append(esc(r.organisation()))
        .append("</title><style>")
        .append("body{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:80em}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;")
        .append("vertical-align:top}.gap{background:#fdd}.partial{background:#ffd}")
        .append(".detected{background:#dfd}</style></head><body>\n");
    b.append("<h1>Threat intelligence for ").append(esc(r.organisation())).append("</h1>\n");
    b.append("<p>Sectors: ")
        .append(esc(String.join(", ", r.sectors())))
        .append(" · countries: ")
        .append(esc(String.join(", ", r.countries())))
        .append(" · exposure: ")
        .append(esc(r.exposure()))
        .append(" · generated ")
        .append(esc(r.generatedAt()))
        .append("</p>\n<h2>Who is likely to come for us</h2>\n");
    for (RankedActor a : r.actors()) {
      b.append("<h3>")
          .append(a.rank())
          .append(". ")
          .append(esc(a.name()))
          .append(a.attackIds().isEmpty() ? "" : " (" + esc(String.join(", ", a.attackIds())) + ")")
          .append(String.format(Locale.ROOT, " — score %.2f</h3>\n<ul>", a.score()));
      for (Evidence e : a.evidence()) {
        b.append("<li><b>")
            .append(esc(e.factor()))
            .append("</b> (")
            .append(e.points())
            .append("): ")
            .append(esc(e.detail()))
            .append(e.source().isEmpty() ? "" : " — " + esc(e.source()))
            .append("</li>");
      }
      b.append("</ul>\n");
    }
    IntelReport.Coverage c = r.coverage();
    b.append("<h2>What can we not see</h2>\n<p>")
        .append(
            String.format(
                Locale.ROOT,
                "%d techniques: %d detected, %d partly, %d gaps. Weighted coverage %.1f %%.",
                c.techniques(),
                c.detected(),
                c.partial(),
                c.gaps(),
                c.weightedCoverage() * 100))
        .append("</p>\n<table><tr><th>technique</th><th>weight</th><th>status</th><th>used by</th>")
        .append("<th>rules in force</th><th>would cover it</th><th>data needed</th></tr>\n");
    for (TechniqueRow t : r.techniques()) {
      String cls = t.status().name().toLowerCase(Locale.ROOT);
      b.append("<tr class=\"")
          .append(cls)
          .append("\"><td>")
          .append(esc(t.id() + " " + t.name()))
          .append(String.format(Locale.ROOT, "</td><td>%.3f</td><td>", t.weight()))
          .append(cls)
          .append("</td><td>")
          .append(esc(String.join(", ", t.actors())))
          .append("</td><td>")
          .append(esc(String.join("; ", t.rulesInForce())))
          .append("</td><td>")
          .append(
              esc(
                  String.join(
                      "; ",
                      t.candidates().stream()
                          .map(x -> x.title() + " (" + x.file() + ")")
                          .toList())))
          .append("</td><td>")
          .append(esc(String.join("; ", t.dataSources())))
          .append("</td></tr>\n");
    }
    b.append("</table>\n<h2>Known-exploited vulnerabilities in our stack</h2>\n");
    b.append("<table><tr><th>CVE</th><th>product</th><th>due</th><th>components</th>")
        .append("<th>actors citing it</th></tr>\n");
    for (KevExposure k : r.kevInStack()) {
      b.append("<tr><td>")
          .append(esc(k.cve()))
          .append("</td><td>")
          .append(esc(k.vendor() + " " + k.product()))
          .append("</td><td>")
          .append(esc(k.dueDate()))
          .append(k.overdue() ? " (overdue)" : "")
          .append("</td><td>")
          .append(esc(String.join(", ", k.components())))
          .append("</td><td>")
          .append(esc(String.join(", ", k.actors())))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    if (!r.notes().isEmpty()) {
      b.append("<h2>Notes</h2><ul>");
      r.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>"));
      b.append("</ul>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
