package dev.bulwark.code.taint;

import dev.bulwark.code.project.MethodInfo;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.Category;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The taint analysis run on one method of the project to check a proposed specification: with one
 * parameter untrusted, which sinks does the body reach (through its callees too), and what does it
 * return — still untrusted, cleansed for some categories, or a known source's data.
 */
public final class Probe {
  /** How a probed parameter is named in traces. */
  static final String PARAMETER = "probed parameter";

  private Probe() {}

  /** A sink of {@code rule} reached at {@code line}. */
  public record Reached(String rule, int cwe, int line) {}

  /**
   * What the method did: {@code completed} is false when it could not be analysed to the end (then
   * nothing it did not do is proved). {@code returnedSource} names the known source whose data the
   * method returns (a probe with no untrusted parameter), {@code returnsParameter} whether the
   * untrusted parameter reaches the result, {@code cleansed} what it is cleansed for there.
   */
  public record Result(
      boolean completed,
      List<Reached> sinks,
      String returnedSource,
      boolean returnsParameter,
      Set<Category> cleansed) {}

  /** Runs {@code m} with parameter {@code param} untrusted (-1: none). */
  public static Result run(ProjectModel project, RulePacks.Loaded rules, MethodInfo m, int param) {
    Findings findings = new Findings(Map.of());
    Engine in = new Engine(project, rules, findings, false);
    if (m.body() == null) {
      return new Result(false, List.of(), null, false, Set.of());
    }
    Value r = in.probe(m, param);
    List<Reached> reached = new ArrayList<>();
    for (Finding f : findings.findings()) {
      int line =
          f.primaryLocation() instanceof Location.File lf && lf.region() != null
              ? lf.region().startLine()
              : 0;
      String cwe = f.properties().getOrDefault("cwe", "0");
      // a sink reached by a known source inside the method is the method's own finding, not a
      // flow from its parameter
      if (f.message().contains(PARAMETER)) {
        reached.add(new Reached(f.ruleId(), Integer.parseInt(cwe), line));
      }
    }
    if (r == null) {
      return new Result(false, reached, null, false, Set.of());
    }
    Taint t = r.taint();
    String source = null;
    boolean fromParam = false;
    Set<Category> cleansed = Set.of();
    if (t != null) {
      String d = t.trace().sourceDescription();
      if (d.startsWith(PARAMETER)) {
        fromParam = true;
        cleansed = t.cleansed();
      } else {
        source = d;
      }
    }
    return new Result(true, reached, source, fromParam, cleansed);
  }
}
