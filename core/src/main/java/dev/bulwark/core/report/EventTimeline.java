package dev.bulwark.core.report;

import dev.bulwark.core.html.HtmlTemplates;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Severity;
import gg.jte.Content;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Events of a hunt or an incident on a real time axis, one lane per host, incidents as bars above
 * the lanes. Inline SVG and CSS, no script: the same drawing serves a self-contained HTML report
 * and the console under a strict content security policy. A mark's colour is its severity; hovering
 * it or focusing it (Tab walks the marks in time order) shows its rule, time, host, user and
 * command line; zoom is a row of radio buttons that widens the drawing inside a horizontal
 * scroller.
 */
public final class EventTimeline {
  private EventTimeline() {}

  /** One detection to place: when, on which host, how bad, which rule, who, what ran. */
  public record Event(
      Instant time,
      String host,
      Severity severity,
      String title,
      String ruleId,
      String user,
      String commandLine,
      String incident) {
    public Event {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(severity, "severity");
      host = host == null || host.isBlank() ? UNKNOWN_HOST : host;
    }
  }

  /** An incident's extent on the axis. */
  public record Span(String id, String title, Instant first, Instant last) {
    public Span {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(first, "first");
      last = last == null || last.isBefore(first) ? first : last;
    }
  }

  public static final String UNKNOWN_HOST = "(unknown host)";

  /** A hunt can yield tens of thousands of detections; past this the most severe are drawn. */
  static final int MAX_EVENTS = 2_000;

  private static final List<Integer> ZOOMS = List.of(1, 2, 4, 8);
  private static final int NAMES_WIDTH = 170;
  private static final int AXIS = 28;
  private static final int INCIDENT_ROW = 16;
  private static final int MAX_INCIDENT_ROWS = 4;
  private static final int LANE = 34;
  private static final int TIP_LINE = 15;
  private static final int TIP_LINES = 6;
  private static final int TIP_AREA = TIP_LINE * TIP_LINES + 20;
  private static final int TIP_CHARS = 90;

  /** The margin left free at each end of the axis, in percent, so no mark sits on the edge. */
  private static final double PAD = 2.0;

  private static final long[] STEPS = {
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    172800, 604800, 1209600, 2592000, 7776000, 31536000
  };

  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * The stylesheet the drawing needs. Colours come from the page's custom properties (the severity
   * palette and the console's or report's own), with fallbacks so it also reads on a bare page.
   */
  public static final String CSS =
      """
      .tl{margin:1em 0}.tl figcaption{color:var(--muted,#5e6c84);font-size:.9em;margin-bottom:.4em}
      .tl-zl{font-size:.85em;color:var(--muted,#5e6c84);margin-right:.2em}.tl-z{margin:0 .15em 0 .6em}
      .tl-zoom-label{font-size:.85em}
      .tl-body{display:flex;margin-top:.4em;border:1px solid var(--line,var(--border,#d0d7de));border-radius:6px;overflow:hidden}
      .tl-names{flex:none;border-right:1px solid var(--line,var(--border,#d0d7de))}
      .tl-names text{fill:var(--fg,#1d2125);font-size:12px}.tl-names .tl-head{fill:var(--muted,#5e6c84);font-size:11px}
      .tl-scroll{flex:1;overflow-x:auto;min-width:0}.tl-plot{display:block;min-width:100%}
      .tl-z[value="2"]:checked~.tl-body .tl-plot{width:200%}.tl-z[value="4"]:checked~.tl-body .tl-plot{width:400%}
      .tl-z[value="8"]:checked~.tl-body .tl-plot{width:800%}
      .tl-axis text{fill:var(--muted,#5e6c84);font-size:11px}.tl-axis line{stroke:var(--line,var(--border,#d0d7de))}
      .tl-fine{display:none}.tl-z[value="4"]:checked~.tl-body .tl-fine,.tl-z[value="8"]:checked~.tl-body .tl-fine{display:inline}
      .tl-lane{fill:transparent}.tl-lane.tl-odd{fill:var(--code,#f3f4f6);fill-opacity:.6}
      .tl-inc{outline:none}.tl-inc .tl-band{fill:var(--accent,#1f5fbf);fill-opacity:.08;pointer-events:none}
      .tl-inc .tl-bar{fill:var(--accent,#1f5fbf);fill-opacity:.75}
      .tl-inc text{fill:var(--fg,#1d2125);font-size:10px}.tl-inc:hover .tl-bar,.tl-inc:focus .tl-bar{stroke:var(--fg,#1d2125);stroke-width:2}
      .tl-ev{cursor:pointer;outline:none}.tl-ev circle{stroke:var(--bg,#fff);stroke-width:1.5}
      .tl-critical circle{fill:var(--critical,#7b2cbf)}.tl-high circle{fill:var(--high,#c62828)}
      .tl-medium circle{fill:var(--medium,#b26a00)}.tl-low circle{fill:var(--low,#1565c0)}.tl-info circle{fill:var(--info,#546e7a)}
      .tl-ev:hover circle,.tl-ev:focus circle{stroke:var(--fg,#1d2125);stroke-width:3}
      .tl-tip,.tl-guide{display:none}.tl-ev:hover .tl-tip,.tl-ev:focus .tl-tip,.tl-ev:hover .tl-guide,.tl-ev:focus .tl-guide{display:inline}
      .tl-tip{overflow:visible}.tl-guide{stroke:var(--muted,#5e6c84);stroke-dasharray:3 3}
      .tl-tip rect{fill:var(--panel,var(--card,#fff));stroke:var(--line,var(--border,#d0d7de))}
      .tl-tip text{font:12px ui-monospace,"DejaVu Sans Mono",monospace;fill:var(--fg,#1d2125)}.tl-tip .tl-t0{font-weight:700}
      .tl-tip .tl-id{fill:var(--muted,#5e6c84)}
      """;

  /**
   * The detections of a report's findings that happened at a known time (log events), with the
   * incidents their {@code incident} property names; empty when there are none.
   */
  public static List<Event> eventsOf(List<Finding> findings) {
    List<Event> out = new ArrayList<>();
    for (Finding f : findings) {
      if (f.primaryLocation() instanceof Location.LogEvent e && e.timestamp() != null) {
        Map<String, String> p = f.properties();
        out.add(
            new Event(
                e.timestamp(),
                e.host(),
                f.severity(),
                f.title(),
                f.ruleId(),
                p.get("user"),
                p.get("commandLine"),
                p.get("incident")));
      }
    }
    return out;
  }

  /** Incidents as the events name them, each from its first to its last event. */
  public static List<Span> spansOf(List<Event> events) {
    Map<String, Instant[]> range = new LinkedHashMap<>();
    Map<String, Integer> count = new HashMap<>();
    for (Event e : events) {
      if (e.incident() == null || e.incident().isBlank()) {
        continue;
      }
      Instant[] r = range.computeIfAbsent(e.incident(), k -> new Instant[] {e.time(), e.time()});
      r[0] = e.time().isBefore(r[0]) ? e.time() : r[0];
      r[1] = e.time().isAfter(r[1]) ? e.time() : r[1];
      count.merge(e.incident(), 1, Integer::sum);
    }
    List<Span> out = new ArrayList<>();
    range.forEach(
        (id, r) -> out.add(new Span(id, Text.plural(count.get(id), "detection"), r[0], r[1])));
    return out;
  }

  private static final HtmlTemplates TEMPLATES =
      HtmlTemplates.of(EventTimeline.class, "dev.bulwark.core.report");

  /** What {@code timeline.jte} draws; every place and size worked out here. */
  record Drawing(
      String id,
      String caption,
      List<Integer> zooms,
      int namesWidth,
      int height,
      Integer incidentsHeadY,
      List<Lane> lanes,
      String plotLabel,
      List<Tick> ticks,
      List<Bar> bars,
      List<Mark> marks) {}

  /** A host's lane: its name (clipped for the name column) and where it sits. */
  record Lane(String host, String shown, String cls, int y, int height, int nameY) {}

  /** A line and a label on the time axis. */
  record Tick(String cls, String x, int bottom, String label) {}

  /** An incident: a band over the lanes and a labelled bar above them. */
  record Bar(
      String id,
      String label,
      String x,
      String width,
      int bandY,
      int bandHeight,
      int barY,
      String dx,
      int textY,
      String anchor) {}

  /** A detection: its mark, the guide down to its tip, and the tip's lines. */
  record Mark(
      Event event,
      String label,
      String title,
      String x,
      int cy,
      int tipTop,
      int tipLeft,
      int tipWidth,
      int tipHeight,
      List<TipLine> lines) {}

  /** One line of a tip. */
  record TipLine(String cls, int x, int y, String text) {}

  /**
   * The figure: a caption, zoom buttons, lane names and the plot. {@code id} must be unique on the
   * page (it names the zoom radio group). Empty when no event has a time.
   */
  public static String render(String id, List<Event> all, List<Span> incidents) {
    Objects.requireNonNull(id, "id");
    return all.isEmpty() ? "" : TEMPLATES.render("timeline.jte", drawing(id, all, incidents));
  }

  /**
   * The same figure as markup for another template to place ({@code ${timeline}}), so it is not
   * escaped twice. At least one event.
   */
  public static Content content(String id, List<Event> all, List<Span> incidents) {
    Objects.requireNonNull(id, "id");
    if (all.isEmpty()) {
      throw new IllegalArgumentException("a timeline needs at least one event");
    }
    return TEMPLATES.content("timeline.jte", drawing(id, all, incidents));
  }

  private static Drawing drawing(String id, List<Event> all, List<Span> incidents) {
    List<Event> events = new ArrayList<>(all);
    int dropped = 0;
    if (events.size() > MAX_EVENTS) {
      events.sort(
          Comparator.comparing(Event::severity).thenComparing(Event::time)); // CRITICAL sorts first
      dropped = events.size() - MAX_EVENTS;
      events = new ArrayList<>(events.subList(0, MAX_EVENTS));
    }
    events.sort(Comparator.comparing(Event::time));
    Instant first = events.get(0).time();
    Instant last = events.get(events.size() - 1).time();
    for (Span s : incidents) {
      first = s.first().isBefore(first) ? s.first() : first;
      last = s.last().isAfter(last) ? s.last() : last;
    }
    Instant from = first;
    Instant to = last;
    if (!to.isAfter(from)) {
      from = from.minusSeconds(30);
      to = to.plusSeconds(30);
    }
    Axis axis = new Axis(from, to);

    List<String> hosts = new ArrayList<>();
    for (Event e : events) {
      if (!hosts.contains(e.host())) {
        hosts.add(e.host());
      }
    }
    List<List<Span>> rows = pack(incidents, Duration.between(from, to).dividedBy(9));
    int incidentTop = AXIS;
    int lanesTop = incidentTop + rows.size() * INCIDENT_ROW + (rows.isEmpty() ? 0 : 4);
    int lanesBottom = lanesTop + hosts.size() * LANE;
    int height = lanesBottom + TIP_AREA;

    StringBuilder caption = new StringBuilder();
    caption
        .append(Text.plural(events.size(), "detection"))
        .append(" on ")
        .append(Text.plural(hosts.size(), "host"))
        .append(", ")
        .append(SECOND.format(first))
        .append(" to ")
        .append(SECOND.format(last));
    if (!incidents.isEmpty()) {
      caption.append(", ").append(Text.plural(incidents.size(), "incident"));
    }
    caption.append(". Hover a mark or move to it with Tab for its rule, user and command line.");
    if (dropped > 0) {
      caption
          .append(" The ")
          .append(String.format(Locale.ROOT, "%,d", MAX_EVENTS))
          .append(" most severe are drawn; ")
          .append(String.format(Locale.ROOT, "%,d", dropped))
          .append(" more are in the table.");
    }
    List<Lane> lanes = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i);
      lanes.add(
          new Lane(
              host,
              clip(host, 22),
              i % 2 == 1 ? "tl-lane tl-odd" : "tl-lane",
              lanesTop + i * LANE,
              LANE,
              lanesTop + i * LANE + LANE / 2 + 4));
    }
    List<Mark> marks = new ArrayList<>();
    Map<String, double[]> lastInLane = new HashMap<>();
    for (Event e : events) {
      int lane = hosts.indexOf(e.host());
      double x = axis.percent(e.time());
      // marks closer than half a percent in one lane step up and down so each stays visible
      double[] prev = lastInLane.computeIfAbsent(e.host(), k -> new double[] {-10, 0});
      int nudge = x - prev[0] < 0.5 ? (int) (prev[1] + 1) % 3 : 0;
      prev[0] = x;
      prev[1] = nudge;
      int cy = lanesTop + lane * LANE + LANE / 2 + (nudge == 1 ? -8 : nudge == 2 ? 8 : 0);
      marks.add(mark(e, x, cy, lanesBottom + 8));
    }
    return new Drawing(
        id,
        caption.toString(),
        ZOOMS,
        NAMES_WIDTH,
        height,
        rows.isEmpty() ? null : incidentTop + 11,
        lanes,
        "Timeline of " + Text.plural(events.size(), "detection") + " by host",
        ticks(axis, lanesBottom),
        bars(axis, rows, incidentTop, lanesTop, lanesBottom),
        marks);
  }

  private static List<Tick> ticks(Axis axis, int lanesBottom) {
    List<Tick> out = new ArrayList<>();
    long span = axis.to.getEpochSecond() - axis.from.getEpochSecond();
    long major = step(span, 7);
    long fine = step(span, 28);
    boolean sameDay =
        axis.from
            .atOffset(ZoneOffset.UTC)
            .toLocalDate()
            .equals(axis.to.atOffset(ZoneOffset.UTC).toLocalDate());
    DateTimeFormatter label =
        DateTimeFormatter.ofPattern(
                major >= 86400 ? "yyyy-MM-dd" : sameDay ? "HH:mm:ss" : "MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    if (fine < major) {
      for (long t = ceil(axis.from.getEpochSecond(), fine);
          t <= axis.to.getEpochSecond();
          t += fine) {
        if (t % major != 0) {
          out.add(tick(axis, t, "tl-fine", label, lanesBottom));
        }
      }
    }
    for (long t = ceil(axis.from.getEpochSecond(), major);
        t <= axis.to.getEpochSecond();
        t += major) {
      out.add(tick(axis, t, "tl-major", label, lanesBottom));
    }
    return out;
  }

  private static Tick tick(Axis axis, long t, String cls, DateTimeFormatter label, int bottom) {
    return new Tick(
        cls,
        pct(axis.percent(Instant.ofEpochSecond(t))),
        bottom,
        label.format(Instant.ofEpochSecond(t)));
  }

  private static List<Bar> bars(
      Axis axis, List<List<Span>> rows, int top, int lanesTop, int lanesBottom) {
    List<Bar> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      for (Span s : rows.get(r)) {
        double x = axis.percent(s.first());
        double w = Math.max(0.4, axis.percent(s.last()) - x);
        String label =
            s.id()
                + (s.title() == null || s.title().isBlank() ? "" : ": " + s.title())
                + ", "
                + SECOND.format(s.first())
                + " to "
                + SECOND.format(s.last());
        out.add(
            new Bar(
                s.id(),
                label,
                pct(x),
                pct(w),
                lanesTop,
                lanesBottom - lanesTop,
                top + r * INCIDENT_ROW + 3,
                x > 80 ? "-4" : "4",
                top + r * INCIDENT_ROW + 11,
                x > 80 ? "end" : null));
      }
    }
    return out;
  }

  private static Mark mark(Event e, double x, int cy, int tipTop) {
    List<String> lines = new ArrayList<>();
    lines.add(e.title() == null ? "(untitled rule)" : e.title());
    if (e.ruleId() != null) {
      lines.add("rule " + e.ruleId());
    }
    lines.add(SECOND.format(e.time()) + " · " + e.severity().label());
    lines.add(
        "host " + e.host() + (e.user() == null || e.user().isBlank() ? "" : " · user " + e.user()));
    if (e.commandLine() != null && !e.commandLine().isBlank()) {
      lines.add("$ " + e.commandLine().strip().replaceAll("\\s+", " "));
    }
    if (e.incident() != null && !e.incident().isBlank()) {
      lines.add("incident " + e.incident());
    }
    List<String> shown = new ArrayList<>();
    for (String l : lines.subList(0, Math.min(TIP_LINES, lines.size()))) {
      shown.add(clip(l, TIP_CHARS));
    }
    int longest = shown.stream().mapToInt(String::length).max().orElse(10);
    // a monospace face at 12px is close to 7.3px a character, so the box fits its text
    int w = (int) Math.ceil(longest * 7.3) + 16;
    int left = x > 50 ? -w : 0;
    List<TipLine> tip = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      tip.add(
          new TipLine(
              i == 0 ? "tl-t0" : shown.get(i).startsWith("rule ") ? "tl-id" : "tl-t",
              left + 8,
              17 + i * TIP_LINE,
              shown.get(i)));
    }
    return new Mark(
        e,
        String.join("; ", lines),
        String.join("\n", lines),
        pct(x),
        cy,
        tipTop,
        left,
        w,
        shown.size() * TIP_LINE + 10,
        tip);
  }

  /**
   * Incident bars in rows, each row's bars and their labels ({@code label} long on the axis) apart;
   * past the last row they share it.
   */
  private static List<List<Span>> pack(List<Span> incidents, Duration label) {
    List<Span> sorted = new ArrayList<>(incidents);
    sorted.sort(Comparator.comparing(Span::first).thenComparing(Span::id));
    List<List<Span>> rows = new ArrayList<>();
    List<Instant> ends = new ArrayList<>();
    for (Span s : sorted) {
      int row = -1;
      for (int r = 0; r < rows.size(); r++) {
        if (s.first().isAfter(ends.get(r))) {
          row = r;
          break;
        }
      }
      if (row < 0 && rows.size() < MAX_INCIDENT_ROWS) {
        rows.add(new ArrayList<>());
        ends.add(s.first());
        row = rows.size() - 1;
      } else if (row < 0) {
        row = rows.size() - 1;
      }
      rows.get(row).add(s);
      Instant end = s.last().isAfter(s.first().plus(label)) ? s.last() : s.first().plus(label);
      ends.set(row, end.isAfter(ends.get(row)) ? end : ends.get(row));
    }
    return rows;
  }

  /** The smallest step from the list that puts at most {@code ticks} ticks on the axis. */
  static long step(long spanSeconds, int ticks) {
    for (long s : STEPS) {
      if (spanSeconds / s <= ticks) {
        return s;
      }
    }
    return STEPS[STEPS.length - 1] * Math.max(1, spanSeconds / STEPS[STEPS.length - 1] / ticks);
  }

  private static long ceil(long t, long step) {
    return Math.floorDiv(t + step - 1, step) * step;
  }

  /** The axis: an instant's place in percent of the plot's width. */
  private record Axis(Instant from, Instant to) {
    double percent(Instant t) {
      double span = Duration.between(from, to).toMillis();
      double at = Duration.between(from, t).toMillis();
      return PAD + (100 - 2 * PAD) * at / span;
    }
  }

  private static String pct(double p) {
    return String.format(Locale.ROOT, "%.3f%%", p);
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
