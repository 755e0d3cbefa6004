package dev.bulwark.intel.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.Golden;
import dev.bulwark.intel.analysis.IntelReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intelligence report's HTML page: a golden file, and markup from the data shown as text. */
class HtmlTest {
  static final String HOSTILE = "\"'><script>alert('x')</script><img src=x onerror=y>";

  static IntelReport report() {
    return new IntelReport(
        "Example Hospital " + HOSTILE,
        List.of("healthcare", "public-health"),
        List.of("DE", "FR"),
        "internet-facing " + HOSTILE,
        List.of("patient records"),
        "2026-12-01T00:00:00Z",
        new IntelReport.Inputs(10, 20, 30, 40, 5, 6, 7, 8, 9, 1),
        List.of(
            new IntelReport.RankedActor(
                1,
                "APT Example " + HOSTILE,
                "intrusion-set--1",
                List.of("G0001"),
                List.of("Example Panda"),
                0.875,
                0.9,
                1.0,
                2025,
                List.of(
                    new IntelReport.Evidence(
                        "sector", "targets healthcare " + HOSTILE, "MISP", 0.5),
                    new IntelReport.Evidence("recency", "active in 2025", "", 0.25)),
                12,
                List.of("CVE-2021-44228")),
            new IntelReport.RankedActor(
                2,
                "Quiet Group",
                "intrusion-set--2",
                List.of(),
                List.of(),
                0.25,
                0.3,
                0.5,
                null,
                List.of(),
                3,
                List.of())),
        List.of(
            new IntelReport.TechniqueRow(
                "T1190",
                "Exploit Public-Facing Application " + HOSTILE,
                List.of("initial-access"),
                0.75,
                IntelReport.Status.GAP,
                List.of("APT Example"),
                List.of(),
                List.of(),
                List.of(
                    new IntelReport.CandidateRule(
                        "r1", "Web shell " + HOSTILE, "someone", "webserver", "rules/web.yml")),
                List.of("Application Log")),
            new IntelReport.TechniqueRow(
                "T1059.001",
                "PowerShell",
                List.of("execution"),
                0.5,
                IntelReport.Status.DETECTED,
                List.of("APT Example", "Quiet Group"),
                List.of("PowerShell download cradle"),
                List.of("hunt 1"),
                List.of(),
                List.of("Process Creation"))),
        new IntelReport.Coverage(2, 1, 0, 1, 0.4, 1),
        List.of(
            new IntelReport.KevExposure(
                "CVE-2021-44228",
                "Apache",
                "Log4j2 " + HOSTILE,
                "Log4Shell",
                "2021-12-10",
                "2021-12-24",
                true,
                "Known",
                List.of("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"),
                List.of("APT Example"))),
        List.of("a note " + HOSTILE));
  }

  @Test
  void render_sampleReport_matchesGoldenFile() throws Exception {
    Golden.assertMatches("intel/report.html", Html.render(report()));
  }

  @Test
  void render_markupInTheData_comesOutAsText() {
    String html = Html.render(report());
    assertThat(html).doesNotContain("<script", "<img", "alert('x')");
    assertThat(html)
        .contains(
            "Example Hospital &quot;&#39;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
                + "&lt;img src=x onerror=y&gt;");
  }
}
