package dev.bulwark.core.report;

import dev.bulwark.core.html.HtmlTemplates;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fingerprint;
import dev.bulwark.core.model.RuleDescriptor;
import gg.jte.Content;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * One self-contained HTML file: no external assets, a content security policy that admits only its
 * own inline script by hash, severity and text filters, and every finding with its snippet, data
 * flow, fix diff and references.
 */
public final class HtmlReportWriter implements ReportWriter {

  static final String CSS =
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

  static final String SCRIPT =
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

  private static final HtmlTemplates TEMPLATES =
      HtmlTemplates.of(HtmlReportWriter.class, "dev.bulwark.core.report");

  /**
   * What {@code report.jte} draws: the report, the hash the content security policy admits its
   * script by, the analyzers for the filter, the rules that fired, and the timeline when any
   * finding is a log event at a known time (null otherwise).
   */
  record Page(
      ScanReport report,
      String scriptHash,
      List<String> analyzers,
      List<RuleDescriptor> firedRules,
      Content timeline) {}

  @Override
  public void write(ScanReport report, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(render(report));
    w.flush();
  }

  public static String render(ScanReport report) {
    String scriptHash =
        Base64.getEncoder().encodeToString(HexFormat.of().parseHex(Fingerprint.sha256Hex(SCRIPT)));
    TreeSet<String> analyzers = new TreeSet<>();
    TreeSet<String> used = new TreeSet<>();
    for (Finding f : report.findings()) {
      analyzers.add(f.analyzer());
      used.add(f.ruleId());
    }
    List<RuleDescriptor> fired =
        report.rules().stream().filter(r -> used.contains(r.id())).toList();
    // log events on a time axis by host; the report of a code scan has none and stays as it was
    List<EventTimeline.Event> events = EventTimeline.eventsOf(report.findings());
    Content timeline =
        events.isEmpty()
            ? null
            : EventTimeline.content("timeline", events, EventTimeline.spansOf(events));
    return TEMPLATES.render(
        "report.jte", new Page(report, scriptHash, List.copyOf(analyzers), fired, timeline));
  }

  /**
   * The rule beside a finding's title when its id is opaque (a Sigma rule's UUID): the rule's name,
   * with the id kept on hover; the short id when the title is the rule's name already.
   */
  static String shownRule(Finding f, ScanReport report) {
    String name = report.rule(f.ruleId()).map(RuleDescriptor::name).orElse(null);
    return name == null || name.equals(f.title())
        ? RuleNames.shortId(f.ruleId())
        : RuleNames.display(f.ruleId(), name);
  }

  /** A line of a unified diff: "add", "del", or null for context and file headers. */
  static String diffClass(String line) {
    if (line.startsWith("+") && !line.startsWith("+++")) {
      return "add";
    }
    return line.startsWith("-") && !line.startsWith("---") ? "del" : null;
  }
}
