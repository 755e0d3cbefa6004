package dev.bulwark.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Severity;
import dev.bulwark.core.testing.Golden;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The timeline drawing: lanes by host, marks placed by time, details escaped, a golden file. */
class EventTimelineTest {
  private static final Pattern MARK =
      Pattern.compile(
          "<g class=\"tl-ev tl-(\\w+)\"[^>]*data-time=\"([^\"]+)\" data-host=\"([^\"]+)\".*?"
              + "<circle cx=\"([0-9.]+)%\" cy=\"(\\d+)\"",
          Pattern.DOTALL);

  static List<EventTimeline.Event> hunt() {
    return List.of(
        new EventTimeline.Event(
            Instant.parse("2024-06-01T11:40:30Z"),
            "FS02",
            Severity.HIGH,
            "Shadow Copies Deleted",
            "sigma-c947b146-0abc-4c87-9c64-b17e9d7274a2",
            "CORP\\mallory",
            "vssadmin.exe Delete Shadows /All /Quiet </text><script>alert(1)</script>",
            "INC-2"),
        new EventTimeline.Event(
            Instant.parse("2024-06-01T10:58:00Z"),
            "WS07",
            Severity.LOW,
            "Account Discovery With whoami",
            "sigma-502b42de-4306-40b4-9596-6f590c81f073",
            "CORP\\mallory",
            "whoami /priv",
            "INC-1"),
        new EventTimeline.Event(
            Instant.parse("2024-06-01T11:05:00Z"),
            "WS07",
            Severity.CRITICAL,
            "Process Opened LSASS Memory",
            "sigma-32d0d3e2-e58d-4d41-926b-18b520b2b32d",
            null,
            null,
            "INC-1"),
        new EventTimeline.Event(
            Instant.parse("2024-06-01T11:20:00Z"),
            null,
            Severity.MEDIUM,
            "Remote Service Created",
            "builtin-remote-service",
            "svc",
            "sc.exe \\\\FS02 create upd",
            null));
  }

  @Test
  void render_matchesTheGoldenFile() throws Exception {
    List<EventTimeline.Event> events = hunt();
    Golden.assertMatches(
        "core/timeline/hunt.html",
        EventTimeline.render("t", events, EventTimeline.spansOf(events)) + "\n");
  }

  @Test
  void render_placesMarksLeftToRightByTime_inTheirHostsLane() {
    String html = EventTimeline.render("t", hunt(), List.of());
    Matcher m = MARK.matcher(html);
    List<String[]> marks = new ArrayList<>();
    while (m.find()) {
      marks.add(new String[] {m.group(2), m.group(3), m.group(4), m.group(5), m.group(1)});
    }
    assertThat(marks).hasSize(4);
    // written in time order, so Tab walks them in time order
    assertThat(marks).extracting(a -> a[0]).isSorted();
    assertThat(marks).extracting(a -> Double.parseDouble(a[2])).isSorted().first().isEqualTo(2.0);
    assertThat(Double.parseDouble(marks.get(3)[2])).isEqualTo(98.0);
    // 7 minutes of the 42.5 drawn: the axis is linear in time
    assertThat(Double.parseDouble(marks.get(1)[2])).isCloseTo(2 + 96 * 7 / 42.5, within(0.01));
    // one lane per host, a host-less event in a lane of its own
    assertThat(html).contains("data-host=\"" + EventTimeline.UNKNOWN_HOST + "\" x=\"0\"");
    assertThat(count(html, "<rect class=\"tl-lane")).isEqualTo(3);
    assertThat(marks.get(0)[3]).isEqualTo(marks.get(1)[3]); // both on WS07
    assertThat(marks.get(0)[3]).isNotEqualTo(marks.get(3)[3]);
    assertThat(marks).extracting(a -> a[4]).containsExactly("low", "critical", "medium", "high");
  }

  @Test
  void render_escapesWhatCameFromTheLogs() {
    String html = EventTimeline.render("t", hunt(), List.of());
    assertThat(html).doesNotContain("<script>").contains("&lt;/text&gt;&lt;script&gt;");
  }

  @Test
  void render_showsRuleTitleUserCommandAndIdInEachMarksDetails() {
    String html = EventTimeline.render("t", hunt(), List.of());
    assertThat(html)
        .contains("aria-label=\"Account Discovery With whoami; rule sigma-502b42de")
        .contains("host WS07 · user CORP\\mallory")
        .contains("$ whoami /priv")
        .contains("tabindex=\"0\"");
  }

  @Test
  void spansOf_coversEachIncidentFromItsFirstToItsLastEvent() {
    List<EventTimeline.Span> spans = EventTimeline.spansOf(hunt());
    assertThat(spans)
        .containsExactly(
            new EventTimeline.Span(
                "INC-2",
                "1 detection",
                Instant.parse("2024-06-01T11:40:30Z"),
                Instant.parse("2024-06-01T11:40:30Z")),
            new EventTimeline.Span(
                "INC-1",
                "2 detections",
                Instant.parse("2024-06-01T10:58:00Z"),
                Instant.parse("2024-06-01T11:05:00Z")));
  }

  @Test
  void render_manyEvents_drawsTheMostSevereAndSaysSo() {
    List<EventTimeline.Event> many = new ArrayList<>();
    Instant t0 = Instant.parse("2024-06-01T00:00:00Z");
    for (int i = 0; i < EventTimeline.MAX_EVENTS + 10; i++) {
      many.add(
          new EventTimeline.Event(
              t0.plusSeconds(i),
              "h",
              i < 10 ? Severity.CRITICAL : Severity.INFO,
              "r",
              null,
              null,
              null,
              null));
    }
    String html = EventTimeline.render("t", many, List.of());
    assertThat(count(html, "<g class=\"tl-ev ")).isEqualTo(EventTimeline.MAX_EVENTS);
    assertThat(count(html, "<g class=\"tl-ev tl-critical")).isEqualTo(10);
    assertThat(html).contains("10 more are in the table");
  }

  @Test
  void render_noEvents_isEmpty_oneEvent_hasAnAxisAroundIt() {
    assertThat(EventTimeline.render("t", List.of(), List.of())).isEmpty();
    String one = EventTimeline.render("t", hunt().subList(0, 1), List.of());
    assertThat(one).contains("cx=\"50.000%\"").contains(">11:40:30</text>");
  }

  @Test
  void step_keepsTheTickCountReadable() {
    assertThat(EventTimeline.step(42 * 60, 7)).isEqualTo(600);
    assertThat(EventTimeline.step(3 * 86400, 7)).isEqualTo(43200);
    assertThat(EventTimeline.step(10, 7)).isEqualTo(2);
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
