package dev.bulwark.port.gate;

import dev.bulwark.port.rust.RustLexer;
import dev.bulwark.port.rust.UnsafeCheck;
import dev.bulwark.port.translate.PortSignature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acceptance gates, in order: no {@code unsafe} (by the token check), {@code cargo build},
 * Clippy with its deny list, then the differential tests. Each failure is charged to the unit it is
 * about; the caller removes those units and asks again until nothing is rejected.
 */
public final class Gatekeeper {
  private final Cargo cargo;
  private final DiffTester diff;
  private final RecordedCalls recorded;

  /** The units rejected (key → reason) and the differential reports of this round. */
  public record Verdict(
      Map<String, String> rejected, Map<String, DiffTester.Report> diff, String stage, String log) {
    public boolean clean() {
      return rejected.isEmpty();
    }
  }

  public Gatekeeper(Cargo cargo, DiffTester diff) {
    this(cargo, diff, RecordedCalls.none());
  }

  /** Gates whose differential tests also replay the calls recorded from the project's tests. */
  public Gatekeeper(Cargo cargo, DiffTester diff, RecordedCalls recorded) {
    this.cargo = cargo;
    this.diff = diff;
    this.recorded = recorded;
  }

  public Verdict check(
      Path dir, String crateName, List<RustCrate.Unit> units, List<PortSignature> toDiff)
      throws IOException, InterruptedException {
    Map<String, String> rejected = new LinkedHashMap<>();
    for (RustCrate.Unit u : units) {
      try {
        List<String> v = UnsafeCheck.violations(u.code());
        if (!v.isEmpty()) {
          rejected.put(u.key(), "not safe Rust: " + String.join("; ", v));
        }
      } catch (RustLexer.LexException e) {
        rejected.put(u.key(), "not lexically Rust: " + e.getMessage());
      }
    }
    if (!rejected.isEmpty()) {
      return new Verdict(rejected, Map.of(), "unsafe", "");
    }
    RustCrate.Written w = RustCrate.write(dir, crateName, units);
    Cargo.Outcome b = cargo.build(dir);
    if (!b.ok()) {
      charge(w, b, rejected, "build", units);
      return new Verdict(rejected, Map.of(), "build", b.log());
    }
    Cargo.Outcome c = cargo.clippy(dir);
    if (!c.ok()) {
      charge(w, c, rejected, "clippy", units);
      return new Verdict(rejected, Map.of(), "clippy", c.log());
    }
    Map<String, DiffTester.Report> reports =
        toDiff.isEmpty()
            ? Map.of()
            : diff.run(dir, crateName, toDiff, recorded.inputsFor(toDiff), traced(toDiff));
    for (var e : reports.entrySet()) {
      if (!e.getValue().passed()) {
        rejected.put(e.getKey(), "differential test: " + e.getValue().summary());
      }
    }
    return new Verdict(rejected, reports, rejected.isEmpty() ? "passed" : "differential", "");
  }

  private Map<String, Map<String, String>> traced(List<PortSignature> sigs) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (PortSignature s : sigs) {
      Map<String, String> t = recorded.traced(s.cName());
      if (!t.isEmpty()) {
        out.put(s.cName(), t);
      }
    }
    return out;
  }

  private static void charge(
      RustCrate.Written w,
      Cargo.Outcome o,
      Map<String, String> rejected,
      String stage,
      List<RustCrate.Unit> units) {
    for (Cargo.Diagnostic d : o.diagnostics()) {
      if (!d.level().equals("error") && !stage.equals("clippy")) {
        continue;
      }
      String owner = d.file().endsWith("lib.rs") ? w.owner(d.line()) : null;
      if (owner == null) {
        continue;
      }
      rejected.putIfAbsent(owner, stage + ": " + d.message());
    }
    if (rejected.isEmpty()) {
      // a failure no line explains (a linker or manifest problem) rejects everything
      String why = stage + " failed: " + Cargo.tail(o.log(), 400);
      for (RustCrate.Unit u : units) {
        rejected.put(u.key(), why);
      }
    }
  }
}
