package dev.bulwark.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.port.c.Hazard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The port's HTML page: one row per function, and names from the C source shown as text. */
class PortReportTest {
  static final String HOSTILE = "\"'><script>alert('x')</script><img src=x onerror=y>";

  @Test
  void html_markupInNamesAndReasons_comesOutAsText() {
    FunctionResult accepted =
        new FunctionResult(
            "parse_" + HOSTILE,
            "src/parse.c",
            10,
            Set.of(Hazard.POINTER_ARITHMETIC),
            FunctionResult.Status.ACCEPTED,
            "slices",
            List.of(),
            2,
            null,
            "fn parse()",
            new FunctionResult.Evidence(true, true, true, "100 of 100 inputs agree " + HOSTILE));
    FunctionResult unported =
        new FunctionResult(
            "free_all",
            "src/mem.c",
            20,
            Set.of(Hazard.MANUAL_ALLOCATION),
            FunctionResult.Status.UNPORTED,
            null,
            List.of(),
            0,
            "did not build " + HOSTILE,
            "fn free_all()",
            FunctionResult.Evidence.NONE);
    PortResult r =
        new PortResult(
            "crate " + HOSTILE,
            Path.of("out"),
            List.of(accepted, unported),
            List.of(),
            new PortResult.CrateGates(true, true, true, List.of(), 3, 0, true, ""),
            2,
            0,
            0,
            Duration.ofSeconds(1));

    String html = PortReport.html(r);

    assertThat(html).doesNotContain("<script", "<img", "alert('x')");
    String escaped =
        "&quot;&#39;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=y&gt;";
    assertThat(html)
        .contains("<title>Port of crate " + escaped + "</title>")
        .contains("<code>parse_" + escaped + "</code>")
        .contains("<td class=\"ok\">accepted</td><td>slices</td><td>2</td>")
        .contains("<td class=\"no\">unported</td><td></td><td></td><td>did not build " + escaped)
        .contains("Functions accepted: 1 of 2.");
  }
}
