package dev.bulwark.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fix;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Markup in every text a report shows — title, message, path, snippet, rule, analyzer, properties,
 * data flow, fix, suppression, diagnostic, log host, user and command line — comes out as text: the
 * templates escape by default, with no call to remember.
 */
class HtmlEscapingTest {
  private static final String HOSTILE = "\"'><script>alert('x')</script><img src=x onerror=y>";
  private static final String ESCAPED =
      "&quot;&#39;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=y&gt;";

  private static String h(String what) {
    return what + " " + HOSTILE;
  }

  static ScanReport hostileReport() {
    Location.File file = new Location.File(h("src/A.java"), new Region(3, 1, 3, 9), h("snippet"));
    Finding code =
        Finding.builder(h("code"), h("rule"))
            .title(h("title"))
            .message(h("message"))
            .severity(Severity.HIGH)
            .confidence(Confidence.HIGH)
            .location(file)
            .remediation(h("remediation"))
            .property(h("key"), h("value"))
            .codeFlow(
                new CodeFlow(
                    h("flow"), List.of(new CodeFlow.Step(file, h("step"), CodeFlow.Kind.SOURCE))))
            .fix(
                new Fix(
                    h("fix"),
                    List.of(),
                    "--- a\n+++ b\n-" + HOSTILE + "\n+" + HOSTILE + "\n " + HOSTILE + "\n",
                    Fix.Status.VERIFIED,
                    h("provenance")))
            .build();
    Finding event =
        Finding.builder("logs", "0b5f5b0c-4a1e-4c3a-9a57-000000000001")
            .title(h("detection"))
            .message(h("event"))
            .severity(Severity.CRITICAL)
            .location(
                new Location.LogEvent(
                    h("Security.evtx"),
                    h("1"),
                    Instant.parse("2026-01-02T03:04:05Z"),
                    h("channel"),
                    h("host")))
            .property("user", h("user"))
            .property("commandLine", h("cmd"))
            .property("incident", h("incident"))
            .build();
    Finding suppressed =
        Finding.builder("secrets", h("suppressed-rule"))
            .title(h("suppressed"))
            .message(h("suppressed message"))
            .severity(Severity.LOW)
            .location(new Location.File(h("db.env"), Region.line(1), null))
            .build();
    List<RuleDescriptor> rules =
        List.of(
            new RuleDescriptor(
                h("rule"), h("name"), h("short"), h("help"), Severity.HIGH, List.of(), List.of()),
            new RuleDescriptor(
                "0b5f5b0c-4a1e-4c3a-9a57-000000000001",
                h("sigma name"),
                h("sigma short"),
                h("sigma help"),
                Severity.CRITICAL,
                List.of(),
                List.of()));
    ScanSummary summary =
        new ScanSummary(
            h("/base"),
            List.of(h("/base")),
            Instant.parse("2026-11-25T10:00:00Z"),
            Duration.ofMillis(10),
            1,
            1,
            List.of(),
            true,
            1);
    return new ScanReport(
        new ToolInfo(h("tool"), h("version"), "https://example.org"),
        summary,
        rules,
        List.of(code, event),
        List.of(new SuppressedFinding(suppressed, SuppressedFinding.Kind.IN_SOURCE, h("reason"))),
        List.of(Diagnostic.error(h("source"), h("path"), h("diagnostic"))));
  }

  @Test
  void htmlReport_hostileTextEverywhere_comesOutEscaped() {
    String html = HtmlReportWriter.render(hostileReport());

    assertThat(count(html, "<script")).as("only the report's own script").isEqualTo(1);
    assertThat(html).doesNotContain("<img", "alert('x')", "\"'>");
    for (String part :
        List.of(
            "title",
            "message",
            "src/A.java",
            "snippet",
            "rule",
            "code",
            "key",
            "value",
            "flow",
            "step",
            "remediation",
            "fix",
            "reason",
            "source",
            "path",
            "diagnostic",
            "detection",
            "host",
            "user",
            "cmd",
            "incident",
            "/base",
            "tool",
            "short",
            "sigma name")) {
      assertThat(html).as(part).contains(part + " " + ESCAPED);
    }
    // the diff keeps its lines, each escaped
    assertThat(html)
        .contains("<span class=\"del\">-" + ESCAPED + "</span>")
        .contains("<span class=\"add\">+" + ESCAPED + "</span>")
        .contains("</span> " + ESCAPED + "\n");
  }

  @Test
  void timeline_hostileHostUserAndCommand_comeOutEscaped() {
    List<EventTimeline.Event> events = EventTimeline.eventsOf(hostileReport().findings());
    String html =
        EventTimeline.render(h("id").replace(' ', '-'), events, EventTimeline.spansOf(events));

    assertThat(html).doesNotContain("<script", "<img", "alert('x')");
    assertThat(html).contains("host " + ESCAPED, "user " + ESCAPED, "incident " + ESCAPED);
    // an attribute's value cannot end early: every quote inside one is an entity
    Matcher attribute = Pattern.compile(" [a-z-]+=\"([^\"]*)\"").matcher(html);
    while (attribute.find()) {
      assertThat(attribute.group(1)).doesNotContain("<", ">");
    }
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
