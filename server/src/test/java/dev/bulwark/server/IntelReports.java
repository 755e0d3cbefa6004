package dev.bulwark.server;

import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.analysis.IntelReport.Status;
import java.util.List;
import java.util.function.UnaryOperator;

/** Threat-intelligence reports for the console's intel page, every text field from {@code h}. */
final class IntelReports {
  private IntelReports() {}

  static IntelReport report(UnaryOperator<String> h) {
    IntelReport r =
        new IntelReport(
            h.apply("organisation"),
            List.of("healthcare"),
            List.of("DE", "AT"),
            "internet-facing",
            List.of(h.apply("crown jewel")),
            "2026-12-06T00:00:00.000Z",
            new IntelReport.Inputs(180, 1041, 700, 1404, 120, 14, 60, 55, 3100, 2),
            List.of(
                new IntelReport.RankedActor(
                    1,
                    h.apply("actor"),
                    "intrusion-set--3b2d1a54-0a5f-4e49-9f7c-1a3d1c8e8f01",
                    List.of("G0096"),
                    List.of(h.apply("alias")),
                    12.0,
                    12.0,
                    1.0,
                    2024,
                    List.of(
                        new IntelReport.Evidence(
                            h.apply("factor"), h.apply("evidence"), h.apply("source"), 3)),
                    105,
                    List.of("CVE-2021-44228")),
                new IntelReport.RankedActor(
                    2,
                    "Sea Turtle",
                    "intrusion-set--3b2d1a54-0a5f-4e49-9f7c-1a3d1c8e8f02",
                    List.of("G1041"),
                    List.of(),
                    10.0,
                    10.0,
                    1.0,
                    2023,
                    List.of(new IntelReport.Evidence("country DE", "targets Germany", "MISP", 2)),
                    20,
                    List.of())),
            List.of(
                new IntelReport.TechniqueRow(
                    "T1190",
                    h.apply("technique"),
                    List.of("initial-access"),
                    0.9,
                    Status.GAP,
                    List.of(h.apply("user of technique")),
                    List.of(),
                    List.of(),
                    List.of(
                        new IntelReport.CandidateRule(
                            "r1", h.apply("candidate rule"), "a", "webserver", "rules/x.yml")),
                    List.of(h.apply("data source"))),
                new IntelReport.TechniqueRow(
                    "T1059.001",
                    "PowerShell",
                    List.of("execution"),
                    0.7,
                    Status.DETECTED,
                    List.of("Sea Turtle"),
                    List.of("PowerShell download cradle"),
                    List.of(),
                    List.of(),
                    List.of("Process Creation")),
                new IntelReport.TechniqueRow(
                    "T1003",
                    "OS Credential Dumping",
                    List.of("credential-access"),
                    0.5,
                    Status.PARTIAL,
                    List.of("Sea Turtle"),
                    List.of("LSASS access"),
                    List.of(),
                    List.of(),
                    List.of("Process Access"))),
            new IntelReport.Coverage(3, 1, 1, 1, 0.571, 1),
            List.of(
                new IntelReport.KevExposure(
                    "CVE-2021-44228",
                    "Apache",
                    h.apply("kev product"),
                    "Log4Shell",
                    "2021-12-10",
                    "2021-12-24",
                    true,
                    "Known",
                    List.of(h.apply("component")),
                    List.of("APT41"))),
            List.of());
    return r.withSummary(
        new IntelReport.Summary(
            "openai:fake",
            "intel-summary-1",
            List.of(
                new IntelReport.SummarySentence(
                    h.apply("summary sentence"), List.of("F3: " + h.apply("fact")))),
            List.of()));
  }
}
