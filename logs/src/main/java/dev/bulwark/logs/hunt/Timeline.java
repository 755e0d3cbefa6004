package dev.bulwark.logs.hunt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.html.HtmlTemplates;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.EventTimeline;
import dev.bulwark.core.report.SeverityPalette;
import gg.jte.Content;
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

  /** The page's stylesheet: the severity palette, the table, and the timeline drawing's own. */
  static final String STYLE =
      ":root{"
          + SeverityPalette.cssVariables(false)
          + ";--fg:#1d2125;--bg:#fff;--muted:#5e6c84;--line:#d0d7de;--code:#f3f4f6}"
          + "body{font:14px system-ui,sans-serif;margin:2em;color:var(--fg);background:var(--bg)}table{border-collapse:collapse;width:100%}"
          + "td,th{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}"
          + "td.critical,td.high,td.medium,td.low,td.info{font-weight:600;text-transform:uppercase;font-size:.85em}"
          + "td.critical{color:var(--critical)}td.high{color:var(--high)}td.medium{color:var(--medium)}"
          + "td.low{color:var(--low)}td.info{color:var(--info)}pre{white-space:pre-wrap;margin:0}"
          + EventTimeline.CSS;

  private static final HtmlTemplates TEMPLATES =
      HtmlTemplates.of(Timeline.class, "dev.bulwark.logs.hunt");

  /** What {@code hunt.jte} draws. */
  record Page(
      int detections,
      Map<String, Long> byLevel,
      Content timeline,
      List<Incident> incidents,
      List<String> columns,
      List<List<Cell>> rows) {}

  /** A table cell: its text, with a class (the level column) and a hover title (the rule's id). */
  record Cell(String cls, String title, String text) {}

  public static void writeHtml(
      List<Detection> detections, List<Incident> incidents, OutputStream out) throws IOException {
    Map<Detection, String> inc = incidentOf(incidents);
    List<EventTimeline.Event> events = chartEvents(detections, inc);
    int ruleColumn = COLUMNS.indexOf("rule");
    List<List<Cell>> rows = new ArrayList<>();
    for (Detection d : detections) {
      List<String> r = row(d, inc.get(d));
      List<Cell> cells = new ArrayList<>();
      for (int k = 0; k < r.size(); k++) {
        // the rule's title is shown; its id stays on hover for a search in the rule repository
        cells.add(
            new Cell(
                k == 1 ? nz(r.get(k)) : null,
                k == ruleColumn && d.rule().id() != null ? Findings.ruleId(d) : null,
                r.get(k)));
      }
      rows.add(cells);
    }
    String html =
        TEMPLATES.render(
            "hunt.jte",
            new Page(
                detections.size(),
                summary(detections).byLevel(),
                events.isEmpty()
                    ? null
                    : EventTimeline.content("timeline", events, spans(incidents)),
                incidents,
                COLUMNS,
                rows));
    out.write(html.getBytes(StandardCharsets.UTF_8));
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
