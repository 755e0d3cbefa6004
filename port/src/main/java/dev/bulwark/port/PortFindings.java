package dev.bulwark.port;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.port.c.Hazard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Functions left unported become findings, so the console, SARIF and the other reports show them as
 * work items: a function that still carries memory-safety hazards is a medium-severity item filed
 * under the hazards' CWEs, one without hazards a low one.
 */
public final class PortFindings {
  public static final String ANALYZER = "port";
  public static final String RULE = "port.unported-function";

  private PortFindings() {}

  /** The one rule the findings are filed under, for the SARIF driver and the other reports. */
  public static List<RuleDescriptor> rules() {
    List<TaxonomyRef> taxa = new ArrayList<>();
    for (Hazard h : Hazard.values()) {
      TaxonomyRef t = TaxonomyRef.cwe(h.cwe());
      if (!taxa.contains(t)) {
        taxa.add(t);
      }
    }
    return List.of(
        new RuleDescriptor(
            RULE,
            "UnportedCFunction",
            "A C function not yet ported to safe Rust",
            "The function did not pass every gate (build, no unsafe, Clippy, differential tests);"
                + " the finding names its memory-safety hazards and the last rejection reason.",
            Severity.MEDIUM,
            taxa,
            List.of("memory-safety", "port")));
  }

  public static List<Finding> of(PortResult result) {
    List<Finding> out = new ArrayList<>();
    for (FunctionResult f : result.functions()) {
      if (f.accepted()) {
        continue;
      }
      List<TaxonomyRef> taxa = new ArrayList<>();
      f.hazards().stream().sorted().forEach(h -> taxa.add(TaxonomyRef.cwe(h.cwe())));
      String hz =
          f.hazards().isEmpty()
              ? "no memory-safety hazard found"
              : "hazards: "
                  + String.join(", ", f.hazards().stream().sorted().map(Hazard::label).toList());
      Map<String, String> props = new TreeMap<>();
      props.put("port.function", f.name());
      props.put("port.reason", f.reason());
      props.put(
          "port.hazards",
          String.join(",", f.hazards().stream().sorted().map(Hazard::label).toList()));
      out.add(
          new Finding(
              "port:" + f.file() + ":" + f.name(),
              ANALYZER,
              RULE,
              "C function not ported to safe Rust: " + f.name(),
              f.name()
                  + " is not in the safe crate yet ("
                  + hz
                  + "). Last rejection reason: "
                  + f.reason(),
              f.hazards().isEmpty() ? Severity.LOW : Severity.MEDIUM,
              Confidence.HIGH,
              List.of(
                  new Location.File(
                      f.file(), new Region(Math.max(1, f.line()), 0, Math.max(1, f.line()), 0))),
              taxa,
              "Port it by hand or with --llm; the harness accepts it once it builds, has no unsafe, passes Clippy and the differential tests.",
              Optional.empty(),
              List.of(),
              props));
    }
    return out;
  }
}
