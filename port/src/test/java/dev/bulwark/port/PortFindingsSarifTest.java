package dev.bulwark.port;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.report.RenderOptions;
import dev.bulwark.core.report.ReportFormat;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.port.c.Hazard;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The unported functions through the core SARIF writer: one result per unported function under the
 * port rule, at file:line in the C source, naming its hazards and the last rejection reason; an
 * accepted function is not a work item.
 */
class PortFindingsSarifTest {

  private static FunctionResult fn(
      String name, String file, int line, Set<Hazard> hz, boolean accepted, String reason) {
    return new FunctionResult(
        name,
        file,
        line,
        hz,
        accepted ? FunctionResult.Status.ACCEPTED : FunctionResult.Status.UNPORTED,
        accepted ? "deterministic" : null,
        List.of(),
        0,
        reason,
        "fn " + name + "()",
        accepted
            ? new FunctionResult.Evidence(true, true, true, "200 of 200 inputs agree")
            : FunctionResult.Evidence.NONE);
  }

  @Test
  void everyUnportedFunction_isASarifResultAtItsCLine_withHazardsAndReason() throws Exception {
    PortResult r =
        new PortResult(
            "ring",
            Path.of("out"),
            List.of(
                fn("rb_len", "ring.c", 12, Set.of(), true, null),
                fn(
                    "rb_push",
                    "ring.c",
                    30,
                    Set.of(Hazard.POINTER_ARITHMETIC, Hazard.UNCHECKED_BUFFER),
                    false,
                    "differs on input (3, \"ab\"): C 2, Rust 1"),
                fn(
                    "log_fmt",
                    "util/log.c",
                    7,
                    Set.of(Hazard.VARARGS),
                    false,
                    "no deterministic rule applies")),
            List.of(),
            new PortResult.CrateGates(true, true, true, List.of(), 1, 0, true, ""),
            0,
            0,
            0,
            Duration.ofSeconds(1));
    List<Finding> findings = PortFindings.of(r);
    ScanReport report =
        ScanReport.ofSingleRun(
            "/src",
            List.of("/src"),
            Instant.now(),
            3,
            0,
            PortFindings.ANALYZER,
            "Port",
            PortFindings.rules(),
            findings,
            List.of());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ReportFormat.SARIF.writer(new RenderOptions(false, 100)).write(report, buf);
    JsonNode run = new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8)).at("/runs/0");

    assertThat(run.at("/tool/driver/rules/0/id").asText()).isEqualTo(PortFindings.RULE);
    JsonNode results = run.get("results");
    assertThat(results).hasSize(2);

    JsonNode push = results.get(0);
    JsonNode log = results.get(1);
    if (!push.at("/message/text").asText().contains("rb_push")) {
      JsonNode t = push;
      push = log;
      log = t;
    }
    assertThat(push.get("ruleId").asText()).isEqualTo(PortFindings.RULE);
    assertThat(push.at("/message/text").asText())
        .contains("rb_push", "pointer arithmetic", "unchecked buffer access")
        .contains("differs on input (3, \"ab\"): C 2, Rust 1");
    JsonNode loc = push.at("/locations/0/physicalLocation");
    assertThat(loc.at("/artifactLocation/uri").asText()).isEqualTo("ring.c");
    assertThat(loc.at("/region/startLine").asInt()).isEqualTo(30);

    assertThat(log.get("ruleId").asText()).isEqualTo(PortFindings.RULE);
    assertThat(log.at("/message/text").asText())
        .contains("log_fmt", "variadic arguments", "no deterministic rule applies");
    assertThat(log.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("util/log.c");
    assertThat(log.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(7);
    assertThat(buf.toString(StandardCharsets.UTF_8)).doesNotContain("rb_len");
  }
}
