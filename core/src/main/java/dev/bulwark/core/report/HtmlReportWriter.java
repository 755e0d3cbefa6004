package dev.bulwark.core.report;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fingerprint;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * One self-contained HTML file: no external assets, a content security policy that admits only its
 * own inline script by hash, severity and text filters, and every finding with its snippet, data
 * flow, fix diff and references.
 */
public final class HtmlReportWriter implements ReportWriter {

  private static final String CSS =
      """
      :root{--bg:#fff;--fg:#1d2125;--muted:#5e6c84;--card:#f6f8fa;--border:#d0d7de;--code:#f3f4f6;
      {{LIGHT}};--add:#e6ffec;--del:#ffebe9}
      @media (prefers-color-scheme: dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#8b949e;--card:#161b22;
      --border:#30363d;--code:#1f242c;--add:#12361f;--del:#3d1418;{{DARK}}}}
      *{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:var(--bg);color:var(--fg)}
      header,main{max-width:1100px;margin:0 auto;padding:16px 24px}header h1{margin:8px 0 4px;font-size:1.6em}
      .meta{color:var(--muted);font-size:.9em}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
      .card{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:10px 16px;min-width:110px}
      .card b{display:block;font-size:1.6em}.sev{display:inline-block;min-width:74px;text-align:center;border-radius:4px;padding:0 6px;
      color:#fff;font-size:.75em;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
      .sev.critical{background:var(--critical)}.sev.high{background:var(--high)}.sev.medium{background:var(--medium)}
      .sev.low{background:var(--low)}.sev.info{background:var(--info)}
      .controls{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:8px 0 16px}
      .controls button{border:1px solid var(--border);background:var(--card);color:var(--fg);border-radius:16px;padding:3px 12px;cursor:pointer}
      .controls button[aria-pressed=false]{opacity:.45}.controls input,.controls select{padding:4px 8px;border:1px solid var(--border);
      border-radius:6px;background:var(--bg);color:var(--fg)}.controls input{flex:1;min-width:200px}
      details.finding{border:1px solid var(--border);border-radius:8px;margin:8px 0;background:var(--card)}
      details.finding>summary{cursor:pointer;padding:8px 12px;list-style:none;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
      details.finding>summary::-webkit-details-marker{display:none}.title{font-weight:600}.rule{color:var(--muted);font-family:ui-monospace,monospace;font-size:.85em}
      .where{font-family:ui-monospace,monospace;font-size:.85em;color:var(--muted);margin-left:auto}
      .body{padding:0 16px 12px;border-top:1px solid var(--border)}pre{background:var(--code);padding:10px;border-radius:6px;overflow:auto;font-size:.85em}
      .diff .add{background:var(--add);display:block}.diff .del{background:var(--del);display:block}
      table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border-bottom:1px solid var(--border);padding:4px 8px;text-align:left;vertical-align:top}
      ol.flow li{margin:2px 0}.kind{font-size:.75em;text-transform:uppercase;color:var(--muted);margin-right:6px}
      code{font-family:ui-monospace,monospace}a{color:var(--low)}.hidden{display:none}h2{margin-top:32px}
      """
          .replace("{{LIGHT}}", SeverityPalette.cssVariables(false))
          .replace("{{DARK}}", SeverityPalette.cssVariables(true));

  private static final String SCRIPT =
      """
      (function(){const state={sev:new Set(['critical','high','medium','low','info']),q:'',an:''};
      const items=[...document.querySelectorAll('details.finding')];const count=document.getElementById('shown');
      function apply(){let n=0;for(const el of items){const ok=state.sev.has(el.dataset.sev)&&(!state.an||el.dataset.an===state.an)
      &&(!state.q||el.textContent.toLowerCase().includes(state.q));el.classList.toggle('hidden',!ok);if(ok)n++;}count.textContent=n;}
      for(const b of document.querySelectorAll('button[data-sev]')){b.addEventListener('click',()=>{const s=b.dataset.sev;
      if(state.sev.has(s)){state.sev.delete(s);b.setAttribute('aria-pressed','false');}else{state.sev.add(s);b.setAttribute('aria-pressed','true');}apply();});}
      const q=document.getElementById('q');q.addEventListener('input',()=>{state.q=q.value.toLowerCase();apply();});
      const an=document.getElementById('an');an.addEventListener('change',()=>{state.an=an.value;apply();});
      document.getElementById('expand').addEventListener('click',()=>{const open=!items.every(i=>i.open);items.forEach(i=>i.open=open);});
      document.addEventListener('keydown',e=>{if(e.key==='/'&&document.activeElement!==q){e.preventDefault();q.focus();}});apply();})();
      """;

  @Override
  public void write(ScanReport report, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(render(report));
    w.flush();
  }

  public static String render(ScanReport report) {
    StringBuilder h = new StringBuilder(16_384);
    String scriptHash =
        Base64.getEncoder().encodeToString(HexFormat.of().parseHex(Fingerprint.sha256Hex(SCRIPT)));
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; img-src data:; script-src 'sha256-")
        .append(scriptHash)
        .append("'\">")
        .append("<title>Bulwark report — ")
        .append(esc(report.scan().baseDir()))
        .append("</title><style>")
        .append(CSS);
    // log events on a time axis by host; the report of a code scan has none and stays as it was
    List<EventTimeline.Event> events = EventTimeline.eventsOf(report.findings());
    String timeline = EventTimeline.render("timeline", events, EventTimeline.spansOf(events));
    if (!timeline.isEmpty()) {
      h.append(EventTimeline.CSS);
    }
    h.append("</style></head><body>\n");
    ScanSummary s = report.scan();
    h.append("<header><div class=\"meta\">")
        .append(esc(report.tool().name() + " " + report.tool().version()))
        .append("</div><h1>Scan report</h1><div class=\"meta\"><code>")
        .append(esc(s.baseDir()))
        .append("</code> · ")
        .append(esc(s.startedAt().toString()))
        .append(" · ")
        .append(Text.plural(s.filesScanned(), "file"))
        .append(" (")
        .append(Text.bytes(s.bytesScanned()))
        .append(") in ")
        .append(Text.duration(s.duration()))
        .append("</div>");
    h.append("<div class=\"cards\">");
    h.append("<div class=\"card\"><b>")
        .append(report.findings().size())
        .append("</b>findings</div>");
    for (Map.Entry<Severity, Integer> e : report.countsBySeverity().entrySet()) {
      h.append("<div class=\"card\"><b>")
          .append(e.getValue())
          .append("</b><span class=\"sev ")
          .append(e.getKey().label())
          .append("\">")
          .append(e.getKey().label())
          .append("</span></div>");
    }
    h.append("<div class=\"card\"><b>")
        .append(report.suppressed().size())
        .append("</b>suppressed</div><div class=\"card\"><b>")
        .append(report.diagnostics().size())
        .append("</b>diagnostics</div></div></header>\n<main>");

    h.append("<div class=\"controls\">");
    for (Severity sev : Severity.values()) {
      h.append("<button type=\"button\" aria-pressed=\"true\" data-sev=\"")
          .append(sev.label())
          .append("\">")
          .append(sev.label())
          .append("</button>");
    }
    h.append("<select id=\"an\" aria-label=\"analyzer\"><option value=\"\">all analyzers</option>");
    TreeSet<String> analyzers = new TreeSet<>();
    report.findings().forEach(f -> analyzers.add(f.analyzer()));
    for (String a : analyzers) {
      h.append("<option>").append(esc(a)).append("</option>");
    }
    h.append(
            "</select><input id=\"q\" type=\"search\" placeholder=\"Filter (press /)\" aria-label=\"filter\">")
        .append("<button type=\"button\" id=\"expand\">expand all</button>")
        .append("<span class=\"meta\"><span id=\"shown\">")
        .append(report.findings().size())
        .append("</span> shown</span></div>\n");

    if (!timeline.isEmpty()) {
      h.append("<h2>Timeline</h2>").append(timeline).append('\n');
    }
    h.append("<h2>Findings</h2>");
    if (report.findings().isEmpty()) {
      h.append("<p>No findings.</p>");
    }
    for (Finding f : report.findings()) {
      finding(h, f, report);
    }

    if (!report.suppressed().isEmpty()) {
      h.append("<h2>Suppressed (").append(report.suppressed().size()).append(")</h2>");
      h.append("<table><tr><th>Rule</th><th>Where</th><th>Kind</th><th>Reason</th></tr>");
      for (SuppressedFinding sf : report.suppressed()) {
        h.append("<tr><td><code>")
            .append(esc(sf.finding().ruleId()))
            .append("</code></td><td><code>")
            .append(esc(sf.finding().primaryLocation().display()))
            .append("</code></td><td>")
            .append(esc(sf.kind().name().toLowerCase(Locale.ROOT)))
            .append("</td><td>")
            .append(esc(sf.justification()))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    if (!report.diagnostics().isEmpty()) {
      h.append("<h2>Diagnostics (").append(report.diagnostics().size()).append(")</h2>");
      h.append("<table><tr><th>Level</th><th>Where</th><th>Message</th><th>Source</th></tr>");
      for (Diagnostic d : report.diagnostics()) {
        h.append("<tr><td>")
            .append(d.level().name().toLowerCase(Locale.ROOT))
            .append("</td><td><code>")
            .append(esc(d.path() == null ? "" : d.path()))
            .append("</code></td><td>")
            .append(esc(d.message()))
            .append("</td><td>")
            .append(esc(d.source()))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    if (!report.rules().isEmpty()) {
      TreeSet<String> used = new TreeSet<>();
      report.findings().forEach(f -> used.add(f.ruleId()));
      h.append(
          "<h2>Rules that fired</h2><table><tr><th>Rule</th><th>Severity</th><th>Description</th></tr>");
      for (RuleDescriptor r : report.rules()) {
        if (!used.contains(r.id())) {
          continue;
        }
        h.append("<tr><td>")
            .append(
                RuleNames.opaque(r.id())
                    ? esc(r.name()) + " <code class=\"rule\">" + esc(r.id()) + "</code>"
                    : "<code>" + esc(r.id()) + "</code>")
            .append("</td><td><span class=\"sev ")
            .append(r.defaultSeverity().label())
            .append("\">")
            .append(r.defaultSeverity().label())
            .append("</span></td><td>")
            .append(esc(r.shortDescription()))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("</main><script>").append(SCRIPT).append("</script></body></html>\n");
    return h.toString();
  }

  private static void finding(StringBuilder h, Finding f, ScanReport report) {
    h.append("<details class=\"finding\" data-sev=\"")
        .append(f.severity().label())
        .append("\" data-an=\"")
        .append(esc(f.analyzer()))
        .append("\" id=\"f-")
        .append(f.fingerprint())
        .append("\"><summary><span class=\"sev ")
        .append(f.severity().label())
        .append("\">")
        .append(f.severity().label())
        .append("</span><span class=\"title\">")
        .append(esc(f.title()))
        .append("</span>")
        .append(ruleLabel(f, report))
        .append("<span class=\"where\">")
        .append(esc(f.primaryLocation().display()))
        .append("</span></summary><div class=\"body\">");
    h.append("<p>").append(esc(f.message())).append("</p>");
    String snippet = Text.snippet(f.primaryLocation());
    if (snippet != null && !snippet.isBlank()) {
      h.append("<pre>").append(esc(snippet)).append("</pre>");
    }
    for (CodeFlow cf : f.codeFlows()) {
      h.append("<p><b>Data flow</b>")
          .append(cf.message() == null ? "" : ": " + esc(cf.message()))
          .append("</p><ol class=\"flow\">");
      for (CodeFlow.Step step : cf.steps()) {
        h.append("<li><span class=\"kind\">")
            .append(Text.stepLabel(step.kind()))
            .append("</span><code>")
            .append(esc(step.location().display()))
            .append("</code>");
        if (step.message() != null) {
          h.append(" — ").append(esc(step.message()));
        }
        if (step.location().snippet() != null) {
          h.append("<pre>").append(esc(step.location().snippet().strip())).append("</pre>");
        }
        h.append("</li>");
      }
      h.append("</ol>");
    }
    if (f.remediation() != null) {
      h.append("<p><b>Remediation.</b> ").append(esc(f.remediation())).append("</p>");
    }
    f.fix()
        .ifPresent(fix -> {
          h.append("<p><b>Fix</b> (")
              .append(fix.status().name().toLowerCase(Locale.ROOT))
              .append("): ")
              .append(esc(fix.description()))
              .append("</p>");
          if (fix.unifiedDiff() != null) {
            h.append("<pre class=\"diff\">");
            for (String line : fix.unifiedDiff().split("\n", -1)) {
              String cls =
                  line.startsWith("+") && !line.startsWith("+++")
                      ? "add"
                      : line.startsWith("-") && !line.startsWith("---") ? "del" : null;
              if (cls == null) {
                h.append(esc(line)).append('\n');
              } else {
                h.append("<span class=\"")
                    .append(cls)
                    .append("\">")
                    .append(esc(line))
                    .append("</span>");
              }
            }
            h.append("</pre>");
          }
        });
    h.append("<table>");
    row(h, "Confidence", esc(f.confidence().label()));
    row(h, "Analyzer", esc(f.analyzer()));
    if (!f.taxa().isEmpty()) {
      StringBuilder refs = new StringBuilder();
      for (TaxonomyRef t : f.taxa()) {
        if (!refs.isEmpty()) {
          refs.append(", ");
        }
        String url = t.url();
        if (url == null) {
          refs.append(esc(t.display()));
        } else {
          refs.append("<a href=\"")
              .append(esc(url))
              .append("\" rel=\"noreferrer\">")
              .append(esc(t.display()))
              .append("</a>");
        }
      }
      row(h, "References", refs.toString());
    }
    row(h, "Fingerprint", "<code>" + f.fingerprint() + "</code>");
    for (Map.Entry<String, String> p : f.properties().entrySet()) {
      row(h, esc(p.getKey()), esc(p.getValue()));
    }
    report.rule(f.ruleId()).ifPresent(r -> row(h, "Rule", esc(r.shortDescription())));
    h.append("</table></div></details>\n");
  }

  /**
   * The rule beside a finding's title: its id, or for an opaque id (a Sigma rule's UUID) the rule's
   * name, with the id kept on hover.
   */
  private static String ruleLabel(Finding f, ScanReport report) {
    String ruleId = f.ruleId();
    if (!RuleNames.opaque(ruleId)) {
      return "<span class=\"rule\">" + esc(ruleId) + "</span>";
    }
    String name = report.rule(ruleId).map(RuleDescriptor::name).orElse(null);
    // a detection's title is its rule's title already: then the short id is enough beside it
    String shown =
        name == null || name.equals(f.title())
            ? RuleNames.shortId(ruleId)
            : RuleNames.display(ruleId, name);
    return "<span class=\"rule\" title=\"" + esc(ruleId) + "\">" + esc(shown) + "</span>";
  }

  private static void row(StringBuilder h, String key, String valueHtml) {
    h.append("<tr><th>").append(key).append("</th><td>").append(valueHtml).append("</td></tr>");
  }

  static String esc(String s) {
    return dev.bulwark.core.text.HtmlText.escape(s);
  }
}
