package dev.bulwark.deps.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.deps.match.VulnMatch;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The patch plan as Markdown (for people), JSON (for tools) and iCalendar (for calendars). */
public final class PlanWriters {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);
  private static final DateTimeFormatter ICS =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  private PlanWriters() {}

  public static String markdown(PatchPlan.Plan plan) {
    StringBuilder md = new StringBuilder("# Patch plan\n\n");
    md.append("Made by Bulwark on ")
        .append(DAY.format(plan.made()))
        .append(". ")
        .append(plan.upgrades().size())
        .append(" upgrade")
        .append(plan.upgrades().size() == 1 ? "" : "s")
        .append(" in ")
        .append(plan.windows().size())
        .append(" window")
        .append(plan.windows().size() == 1 ? "" : "s")
        .append(".\n\n");
    md.append("## Schedule\n\n");
    for (PatchPlan.Window w : plan.windows()) {
      md.append("### ")
          .append(w.outOfBand() ? "Now, out of band: " : "")
          .append(DAY.format(w.start()))
          .append(" – ")
          .append(DAY.format(w.end()))
          .append("\n\n");
      md.append(
          "| package | from | to | vulnerabilities | decision | due | risk | reachable |\n|---|---|---|---|---|---|---|---|\n");
      for (PatchPlan.Upgrade u : w.upgrades()) {
        md.append("| ")
            .append(u.component().name())
            .append(" | ")
            .append(u.component().version())
            .append(" | ")
            .append(u.target().orElse("(no fix)"));
        u.sameMajorTarget().ifPresent(t -> md.append(" (same major: ").append(t).append(')'));
        md.append(" | ")
            .append(ids(u.vulnerabilities()))
            .append(" | ")
            .append(decision(u.decision()))
            .append(" | ")
            .append(DAY.format(u.due()))
            .append(u.lateForSla() ? " **late**" : "")
            .append(" | ")
            .append(u.risk())
            .append(" | ")
            .append(u.reachability())
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append("## By manifest\n\n");
    for (Map.Entry<String, List<PatchPlan.Upgrade>> e : plan.byManifest().entrySet()) {
      md.append("- `")
          .append(e.getKey())
          .append("`: ")
          .append(
              e.getValue().stream()
                  .map(u ->
                      u.component().name()
                          + " "
                          + u.component().version()
                          + " → "
                          + u.target().orElse("no fix"))
                  .collect(Collectors.joining("; ")))
          .append('\n');
    }
    return md.toString();
  }

  private static String ids(List<VulnMatch> vs) {
    return vs.stream()
        .map(v -> v.id() + (v.kev().isPresent() ? " (KEV)" : ""))
        .collect(Collectors.joining(", "));
  }

  private static String decision(Ssvc.Decision d) {
    return d.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static String json(PatchPlan.Plan plan) {
    try {
      return JSON.writeValueAsString(tree(plan)) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a plan always serialises", e);
    }
  }

  /** The plan as the JSON object {@link #json} writes, for callers that add to it. */
  public static ObjectNode tree(PatchPlan.Plan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("generator", "Bulwark");
    root.put("made", plan.made().toOffsetDateTime().toString());
    ArrayNode windows = root.putArray("windows");
    for (PatchPlan.Window w : plan.windows()) {
      ObjectNode wn = windows.addObject();
      wn.put("start", w.start().toOffsetDateTime().toString());
      wn.put("end", w.end().toOffsetDateTime().toString());
      wn.put("outOfBand", w.outOfBand());
      ArrayNode ups = wn.putArray("upgrades");
      for (PatchPlan.Upgrade u : w.upgrades()) {
        ObjectNode un = ups.addObject();
        un.put("purl", u.component().purl());
        un.put("manifest", u.component().manifest());
        un.put("from", u.component().version());
        u.target().ifPresent(t -> un.put("to", t));
        u.sameMajorTarget().ifPresent(t -> un.put("sameMajorTo", t));
        un.put("decision", decision(u.decision()));
        un.put("due", u.due().toOffsetDateTime().toString());
        un.put("late", u.lateForSla());
        un.put("risk", u.risk());
        un.put("reachability", u.reachability());
        un.put("priority", Math.round(u.priority() * 10) / 10.0);
        ArrayNode vs = un.putArray("vulnerabilities");
        for (VulnMatch v : u.vulnerabilities()) {
          ObjectNode vn = vs.addObject();
          vn.put("id", v.id());
          v.cvss().ifPresent(c -> vn.put("cvss", c.vector()).put("cvssScore", c.score()));
          v.kev().ifPresent(k -> vn.put("kevDueDate", k.dueDate()));
          v.epss().ifPresent(e -> vn.put("epss", e.score()));
          v.fixedIn().ifPresent(f -> vn.put("fixedIn", f));
        }
        u.unfixed().forEach(x -> un.withArray("unfixed").add(x));
      }
    }
    return root;
  }

  /** RFC 5545 calendar: one event per window, the upgrades in its description. */
  public static String ics(PatchPlan.Plan plan, String productId) {
    StringBuilder b = new StringBuilder();
    line(b, "BEGIN:VCALENDAR");
    line(b, "VERSION:2.0");
    line(b, "PRODID:-//Bulwark//" + productId + "//EN");
    line(b, "CALSCALE:GREGORIAN");
    int n = 0;
    for (PatchPlan.Window w : plan.windows()) {
      n++;
      line(b, "BEGIN:VEVENT");
      line(
          b,
          "UID:bulwark-patch-"
              + ICS.format(w.start().withZoneSameInstant(ZoneOffset.UTC))
              + "-"
              + n
              + "@bulwark");
      line(b, "DTSTAMP:" + ICS.format(plan.made().withZoneSameInstant(ZoneOffset.UTC)));
      line(b, "DTSTART:" + ICS.format(w.start().withZoneSameInstant(ZoneOffset.UTC)));
      line(b, "DTEND:" + ICS.format(w.end().withZoneSameInstant(ZoneOffset.UTC)));
      line(
          b,
          "SUMMARY:"
              + escape(
                  (w.outOfBand() ? "Emergency patching: " : "Patch window: ")
                      + w.upgrades().size()
                      + " upgrade"
                      + (w.upgrades().size() == 1 ? "" : "s")));
      StringBuilder d = new StringBuilder();
      for (PatchPlan.Upgrade u : w.upgrades()) {
        d.append(u.component().name())
            .append(' ')
            .append(u.component().version())
            .append(" -> ")
            .append(u.target().orElse("no fix"))
            .append(" (")
            .append(ids(u.vulnerabilities()))
            .append(")\n");
      }
      line(b, "DESCRIPTION:" + escape(d.toString().strip()));
      line(b, "END:VEVENT");
    }
    line(b, "END:VCALENDAR");
    return b.toString();
  }

  /** Content lines end in CRLF and fold at 75 octets. */
  private static void line(StringBuilder b, String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (bytes.length <= 75) {
      b.append(text).append("\r\n");
      return;
    }
    int count = 0;
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int len = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (count + len > (cur.length() == 0 && b.length() > 0 && count == 0 ? 75 : 74)
          && cur.length() > 0) {
        b.append(cur).append("\r\n ");
        cur.setLength(0);
        count = 0;
      }
      cur.append(c);
      count += len;
    }
    b.append(cur).append("\r\n");
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
  }

  static ZonedDateTime utc(ZonedDateTime t) {
    return t.withZoneSameInstant(ZoneOffset.UTC);
  }
}
