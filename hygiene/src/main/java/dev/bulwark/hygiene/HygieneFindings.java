package dev.bulwark.hygiene;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.hygiene.check.Check;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.util.ArrayList;
import java.util.List;

/** Failing checks as core findings, so every report format and the console can show them. */
public final class HygieneFindings {
  public static final String ANALYZER = "hygiene";

  private HygieneFindings() {}

  public static List<Finding> of(CheckupRun run, String host) {
    List<Finding> out = new ArrayList<>();
    for (Check c : run.checks()) {
      CheckResult r = run.results().get(c.id());
      if (r.status() != Status.FAIL) {
        continue;
      }
      out.add(
          Finding.builder(ANALYZER, c.id())
              .title(c.title())
              .message(c.question() + " " + String.join("; ", r.evidence()))
              .severity(severity(c))
              .confidence(c.kind() == Check.Kind.PROBE ? Confidence.HIGH : Confidence.MEDIUM)
              .location(new Location.Host(host, null))
              .remediation(c.fixFor(run.platform().id()))
              .property("effortMinutes", Integer.toString(c.effortMinutes()))
              .property("riskReduction", Integer.toString(c.riskReduction()))
              .identity(host)
              .build());
    }
    return out;
  }

  static Severity severity(Check c) {
    if (c.riskReduction() >= 70) {
      return Severity.HIGH;
    }
    if (c.riskReduction() >= 35) {
      return Severity.MEDIUM;
    }
    return Severity.LOW;
  }

  public static List<RuleDescriptor> rules(List<Check> checks) {
    return checks.stream()
        .map(c ->
            new RuleDescriptor(
                c.id(),
                c.title(),
                c.question(),
                c.why(),
                severity(c),
                List.of(),
                List.of("hygiene")))
        .toList();
  }
}
