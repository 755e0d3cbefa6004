package dev.bulwark.logs.hunt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.EventTimeline;
import dev.bulwark.core.report.SeverityPalette;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The hunt's timeline (one row per detection) and summary, as CSV, JSON or HTML. */
public final class Timeline {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> COLUMNS =
      List.of(
          "time",
          "level",
          "rule",
          "host",
          "user",
          "channel",
          "event_id",
          "record",
          "source",
          "tactics",
          "techniques",
          "author",
          "incident",
          "details");

  /** Counts by level, host, tactic and technique, and the rules that fired most. */
  public record Summary(
      Map<String, Long> byLevel,
      Map<String, Long> byHost,
      Map<String, Long> byTactic,
      Map<String, Long> byTechnique,
      Map<String, Long> byRule) {}

  private Timeline() {}

  public static Summary summary(List<Detection> detections) {
    Map<String, Long> level = new LinkedHashMap<>();
    for (Severity l : Severity.values()) {
      level.put(l.label(), 0L);
    }
    Map<String, Long> host = new TreeMap<>();
    Map<String, Long> tactic = new TreeMap<>();
    Map<String, Long> technique = new TreeMap<>();
    Map<String, Long> rule = new HashMap<>();
    for (Detection d : detections) {
      level.merge(d.severity().label(), 1L, Long::sum);
      host.merge(d.host() == null ? "(unknown)" : d.host(), 1L, Long::sum);
      d.tactics().forEach(t -> tactic.merge(t, 1L, Long::sum));
      d.techniques().forEach(t -> technique.merge(t, 1L, Long::sum));
      rule.merge(d.ruleTitle(), 1L, Long::sum);
    }
    Map<String, Long> topRules = new LinkedHashMap<>();
    rule.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(20)
        .forEach(e -> topRules.put(e.getKey(), e.getValue()));
    return new Summary(level, host, tactic, technique, topRules);
  }

  private static Map<Detection, String> incidentOf(List<Incident> incidents) {
    Map<Detection, String> out = new java.util.IdentityHashMap<>();
    for (Incident i : incidents) {
      i.detections().forEach(d -> out.put(d, i.id()));
    }
    return out;
  }

  private static List<String> row(Detection d, String incident) {
    String details = d.summary() != null ? d.summary() : detail(d);
    return List.of(
        d.time() == null ? "" : d.time().toString(),
        d.severity().label(),
        d.ruleTitle(),
        nz(d.host()),
        nz(d.user()),
        nz(d.channel()),
        nz(d.eventId()),
        nz(d.recordId()),
        d.source(),
        String.join(" ", d.tactics()),
        String.join(" ", d.techniques()),
        nz(d.rule().author()),
        nz(incident),
        details);
  }

  private static String detail(Detection d) {
    for (String f :
        List.of(
            "CommandLine",
            "Image",
            "TargetFilename",
            "TargetObject",
            "ScriptBlockText",
            "message")) {
      String v = EventFacts.field(d.fields(), f);
      if (v != null && !v.isEmpty()) {
        return f + "=" + Incidents.Text.clip(v, 300);
      }
    }
    return "";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  public static void writeCsv(
      List<Detection> detections, List<Incident> incidents, OutputStream out) throws IOException {
    Map<Detection, String> inc = incidentOf(incidents);
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(String.join(",", COLUMNS));
    w.write("\r\n");
    for (Detection d : detections) {
      List<String> cells = new ArrayList<>();
      for (String c : row(d, inc.get(d))) {
        cells.add(csv(c));
      }
      w.write(String.join(",", cells));
      w.write("\r\n");
    }
    w.flush();
  }

  /** Quotes a cell, and defuses spreadsheet formulas (a log line may start with '='). */
  static String csv(String c) {
    String v = c;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  public static void writeJson(
      List<Detection> detections, List<Incident> incidents, OutputStream out) throws IOException {
    JSON.writeValue(out, json(detections, incidents));
  }

  /**
   * The incidents as a team server keeps them: the hunt's own score, narrative, hosts, users and
   * ATT&CK tactic ids, and each detection with its event (time, host, user, record, what ran), so
   * the console shows what the terminal shows.
   */
  public static ArrayNode incidentsJson(List<Incident> incidents) {
    ArrayNode out = JSON.createArrayNode();
    for (Incident i : incidents) {
      ObjectNode n = out.addObject();
      n.put("id", i.id());
      n.put("title", i.title());
      n.put("score", i.score());
      n.put("first", i.first() == null ? null : i.first().toString());
      n.put("last", i.last() == null ? null : i.last().toString());
      n.set("hosts", JSON.valueToTree(i.hosts()));
      n.set("users", JSON.valueToTree(i.users()));
      n.set("tactics", JSON.valueToTree(i.tactics()));
      n.set("techniques", JSON.valueToTree(i.techniques()));
      n.set("score_reasons", JSON.valueToTree(i.scoreReasons()));
      n.put("narrative", i.narrative());
      ArrayNode ds = n.putArray("detections");
      for (Detection d : i.detections()) {
        ObjectNode e = ds.addObject();
        e.put("time", d.time() == null ? null : d.time().toString());
        e.put("severity", d.severity().label());
        e.put("rule", d.ruleTitle());
        e.put("ruleId", d.rule().id());
        e.put("host", nz(d.host()));
        e.put("user", nz(d.user()));
        e.put("recordId", nz(d.recordId()));
        e.put("source", d.source());
        e.set("tactics", JSON.valueToTree(d.tactics()));
        e.set("techniques", JSON.valueToTree(d.techniques()));
        e.put("details", d.summary() != null ? d.summary() : detail(d));
        e.put("commandLine", commandLine(d));
      }
    }
    return out;
  }

  static ObjectNode json(List<Detection> detections, List<Incident> incidents) {
    Map<Detection, String> inc = incidentOf(incidents);
    ObjectNode root = JSON.createObjectNode();
    root.set("summary", JSON.valueToTree(summary(detections)));
    ArrayNode incs = root.putArray("incidents");
    for (Incident i : incidents) {
      ObjectNode n = incs.addObject();
      n.put("id", i.id());
      n.put("title", i.title());
      n.put("score", i.score());
      n.put("first", String.valueOf(i.first()));
      n.put("last", String.valueOf(i.last()));
      n.set("hosts", JSON.valueToTree(i.hosts()));
      n.set("users", JSON.valueToTree(i.users()));
      n.set("tactics", JSON.valueToTree(i.tactics()));
      n.set("techniques", JSON.valueToTree(i.techniques()));
      n.set("score_reasons", JSON.valueToTree(i.scoreReasons()));
      n.put("detections", i.detections().size());
      n.put("narrative", i.narrative());
    }
    ArrayNode rows = root.putArray("timeline");
    for (Detection d : detections) {
      ObjectNode n = rows.addObject();
      List<String> r = row(d, inc.get(d));
      for (int k = 0; k < COLUMNS.size(); k++) {
        n.put(COLUMNS.get(k), r.get(k));
      }
      n.put("rule_id", d.rule().id());
      n.set("event", JSON.valueToTree(d.fields()));
    }
    return root;
  }

  public static void writeHtml(
      List<Detection> detections, List<Incident> incidents, OutputStream out) throws IOException {
    Map<Detection, String> inc = incidentOf(incidents);
    Summary s = summary(detections);
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<title>Bulwark log hunt timeline</title><style>:root{")
        .append(SeverityPalette.cssVariables(false))
        .append(";--fg:#1d2125;--bg:#fff;--muted:#5e6c84;--line:#d0d7de;--code:#f3f4f6}")
        .append(
            "body{font:14px system-ui,sans-serif;margin:2em;color:var(--fg);background:var(--bg)}table{border-collapse:collapse;width:100%}")
        .append(
            "td,th{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}")
        .append(
            "td.critical,td.high,td.medium,td.low,td.info{font-weight:600;text-transform:uppercase;font-size:.85em}")
        .append(
            "td.critical{color:var(--critical)}td.high{color:var(--high)}td.medium{color:var(--medium)}")
        .append(
            "td.low{color:var(--low)}td.info{color:var(--info)}pre{white-space:pre-wrap;margin:0}")
        .append(EventTimeline.CSS)
        .append("</style></head><body><h1>Log hunt</h1>");
    b.append("<p>")
        .append(detections.size())
        .append(" detections, ")
        .append(incidents.size())
        .append(" incidents. By level: ");
    s.byLevel().forEach((k, v) -> b.append(esc(k)).append(' ').append(v).append("; "));
    b.append("</p>");
    List<EventTimeline.Event> events = chartEvents(detections, inc);
    if (!events.isEmpty()) {
      b.append("<h2>Timeline</h2>")
          .append(EventTimeline.render("timeline", events, spans(incidents)));
    }
    b.append("<h2>Incidents</h2>");
    for (Incident i : incidents) {
      b.append("<h3 id=\"")
          .append(esc(i.id()))
          .append("\">")
          .append(esc(i.id()))
          .append(" — score ")
          .append(i.score())
          .append(": ")
          .append(esc(i.title()))
          .append("</h3><pre>")
          .append(esc(i.narrative()))
          .append("</pre><p>Score: ")
          .append(esc(String.join("; ", i.scoreReasons())))
          .append("</p>");
    }
    b.append("<h2>Detections</h2><table><thead><tr>");
    for (String c : COLUMNS) {
      b.append("<th>").append(esc(c)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    int ruleColumn = COLUMNS.indexOf("rule");
    for (Detection d : detections) {
      b.append("<tr>");
      List<String> r = row(d, inc.get(d));
      for (int k = 0; k < r.size(); k++) {
        String cls = k == 1 ? " class=\"" + esc(r.get(k)) + "\"" : "";
        // the rule's title is shown; its id stays on hover for a search in the rule repository
        String hover =
            k == ruleColumn && d.rule().id() != null
                ? " title=\"" + esc(Findings.ruleId(d)) + "\""
                : "";
        b.append("<td").append(cls).append(hover).append(">").append(esc(r.get(k))).append("</td>");
      }
      b.append("</tr>");
    }
    b.append(
        "</tbody></table><p>Alerts built on Sigma rules name each rule's author, as the Detection Rule License asks.</p></body></html>\n");
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The detections that have a time, as the timeline drawing places them. */
  static List<EventTimeline.Event> chartEvents(
      List<Detection> detections, Map<Detection, String> incident) {
    List<EventTimeline.Event> out = new ArrayList<>();
    for (Detection d : detections) {
      if (d.time() != null) {
        out.add(
            new EventTimeline.Event(
                d.time(),
                d.host(),
                d.severity(),
                d.ruleTitle(),
                Findings.ruleId(d),
                d.user(),
                commandLine(d),
                incident.get(d)));
      }
    }
    return out;
  }

  private static String commandLine(Detection d) {
    String cmd = EventFacts.field(d.fields(), "CommandLine");
    return cmd == null || cmd.isEmpty() ? null : cmd;
  }

  static List<EventTimeline.Span> spans(List<Incident> incidents) {
    List<EventTimeline.Span> out = new ArrayList<>();
    for (Incident i : incidents) {
      if (i.first() != null) {
        out.add(new EventTimeline.Span(i.id(), i.title(), i.first(), i.last()));
      }
    }
    return out;
  }

  static String esc(String s) {
    return dev.bulwark.core.text.HtmlText.escape(s);
  }

  /** The format for a file name: .csv, .json or .html. */
  public static String formatFor(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv")) {
      return "csv";
    }
    if (n.endsWith(".json")) {
      return "json";
    }
    if (n.endsWith(".html") || n.endsWith(".htm")) {
      return "html";
    }
    throw new IllegalArgumentException(
        "timeline file " + fileName + " must end in .csv, .json or .html");
  }
}
