package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import dev.bulwark.code.project.SourceUnit;
import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.TaxonomyRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects findings from all analyses, one per rule and sink location: the same sink reached
 * through several callers is one issue, reported with its shortest and most certain path.
 */
public final class Findings {
  static final String ANALYZER = "code";

  private record Key(String rule, String path, int line, int column) {
    static Key of(JavaRule rule, Location.File loc) {
      return new Key(
          rule.id(),
          loc.path(),
          loc.region() == null ? 0 : loc.region().startLine(),
          loc.region() == null ? 0 : loc.region().startColumn());
    }
  }

  private record Hit(
      JavaRule rule,
      Location.File sink,
      Taint taint,
      String detail,
      Location.File origin,
      dev.bulwark.core.model.Severity severity,
      String note,
      Confidence sinkCap,
      List<CodeFlow.Step> steps) {}

  private static int lineOf(Location.File l) {
    return l.region() == null ? 0 : l.region().startLine();
  }

  private final Map<Key, Hit> hits = new ConcurrentHashMap<>();
  private final java.util.Queue<Failure> failures =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Map<String, List<String>> lines;

  Findings(Map<String, List<String>> sourceLines) {
    this.lines = sourceLines;
  }

  /** The location of a node as a finding location with the source line as its snippet. */
  Location.File location(SourceUnit unit, Node node) {
    var range = node.getRange().orElse(null);
    if (range == null) {
      return new Location.File(unit.path(), null);
    }
    Region r =
        new Region(range.begin.line, range.begin.column, range.end.line, range.end.column + 1);
    List<String> src = lines.get(unit.path());
    String snippet =
        src != null && range.begin.line <= src.size()
            ? src.get(range.begin.line - 1).strip()
            : null;
    return new Location.File(unit.path(), r, snippet);
  }

  void report(JavaRule rule, SourceUnit unit, Node site, Taint taint, String detail) {
    report(rule, unit, site, taint, detail, (Location.File) null);
  }

  /** A taint finding at a sink whose own confidence (from a rule pack) caps the finding's. */
  void report(
      JavaRule rule, SourceUnit unit, Node site, Taint taint, String detail, Confidence sinkCap) {
    add(rule, unit, site, taint, detail, null, sinkCap);
  }

  /**
   * A finding; {@code origin}, for findings about an object's configuration, is where the object
   * was made — where the fix goes — and becomes the first step of its flow.
   */
  void report(
      JavaRule rule, SourceUnit unit, Node site, Taint taint, String detail, Location.File origin) {
    add(rule, unit, site, taint, detail, origin, null);
  }

  private void add(
      JavaRule rule,
      SourceUnit unit,
      Node site,
      Taint taint,
      String detail,
      Location.File origin,
      Confidence sinkCap) {
    Location.File loc = location(unit, site);
    Key key = Key.of(rule, loc);
    hits.merge(
        key,
        new Hit(rule, loc, taint, detail, origin, null, null, sinkCap, null),
        Findings::better);
  }

  /**
   * A finding about a declaration whose reason lies in several places (a deny-list defined in one,
   * installed in another, consulted at {@code site}): {@code steps} lead to it, in order.
   */
  void report(JavaRule rule, SourceUnit unit, Node site, String detail, List<CodeFlow.Step> steps) {
    Location.File loc = location(unit, site);
    hits.merge(
        Key.of(rule, loc),
        new Hit(rule, loc, null, detail, null, null, null, null, List.copyOf(steps)),
        Findings::better);
  }

  /**
   * A finding of a weak primitive whose surroundings show no security use: kept, at the rule's
   * lower severity, with the reason in its message so a reviewer can still judge it.
   */
  void reportOutsideSecurityContext(JavaRule rule, SourceUnit unit, Node site, String detail) {
    Location.File loc = location(unit, site);
    Key key = Key.of(rule, loc);
    hits.merge(
        key,
        new Hit(
            rule,
            loc,
            null,
            detail,
            null,
            rule.outsideSecurityContext(),
            "no security use is visible around it (no password, token, key, session or crypto"
                + " API), so it is reported at lower severity",
            null,
            null),
        Findings::better);
  }

  private static Hit better(Hit a, Hit b) {
    if (a.taint == null || b.taint == null) {
      return a;
    }
    if (a.taint.approximate() != b.taint.approximate()) {
      return a.taint.approximate() ? b : a;
    }
    return a.taint.trace().length() <= b.taint.trace().length() ? a : b;
  }

  /** Records that the analysis of one entry point failed; reported as a diagnostic. */
  void failed(SourceUnit unit, Node where, RuntimeException e) {
    int line = where.getRange().map(r -> r.begin.line).orElse(0);
    failures.add(
        new Failure(
            unit.path(), "line " + line + ": analysis of this method stopped early (" + e + ")"));
  }

  /**
   * Records that an entry point used up its step budget: what it reached stands, flows past the
   * budget are not followed. Counted, with the first few places, for one diagnostic.
   */
  void budgetStopped(SourceUnit unit, Node where) {
    int n = budgetStops.incrementAndGet();
    if (n <= 5) {
      int line = where.getRange().map(r -> r.begin.line).orElse(0);
      budgetExamples.add(unit.path() + ":" + line);
    }
  }

  /**
   * Records that one call of a project method used up its step budget and was replaced by a summary
   * (arguments' taint to the result). Counted per method, with the first few methods.
   */
  void callBudgetStopped(SourceUnit unit, Node where) {
    int line = where.getRange().map(r -> r.begin.line).orElse(0);
    String at = unit.path() + ":" + line;
    if (summarisedMethods.add(at) && summarisedMethods.size() <= 5) {
      summarisedExamples.add(at);
    }
    summarisedCalls.incrementAndGet();
  }

  /** How many calls were summarised at their budget, of how many methods, first few methods. */
  public record Summarised(int calls, int methods, List<String> examples) {}

  public Summarised summarised() {
    return new Summarised(
        summarisedCalls.get(), summarisedMethods.size(), List.copyOf(summarisedExamples));
  }

  private final java.util.concurrent.atomic.AtomicInteger summarisedCalls =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.Set<String> summarisedMethods = ConcurrentHashMap.newKeySet();
  private final java.util.Queue<String> summarisedExamples =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** How many entry points stopped at their step budget, and where the first few were. */
  public record BudgetStops(int count, List<String> examples) {}

  public BudgetStops budgetStops() {
    return new BudgetStops(budgetStops.get(), List.copyOf(budgetExamples));
  }

  private final java.util.concurrent.atomic.AtomicInteger budgetStops =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.Queue<String> budgetExamples =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** A method whose analysis failed. */
  public record Failure(String path, String message) {}

  public List<Failure> failures() {
    return List.copyOf(failures);
  }

  public Collection<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (Hit h : hits.values()) {
      out.add(toFinding(h));
    }
    return out;
  }

  private static Finding toFinding(Hit h) {
    JavaRule rule = h.rule;
    Finding.Builder b =
        Finding.builder(ANALYZER, rule.id())
            .title(rule.name())
            .severity(h.severity == null ? rule.severity() : h.severity)
            .location(h.sink)
            .taxon(TaxonomyRef.cwe(rule.cwe()))
            .remediation(rule.remediation())
            .property("cwe", Integer.toString(rule.cwe()))
            .identity(h.sink.snippet() == null ? "" : h.sink.snippet());
    String message = rule.message();
    if (h.taint != null) {
      List<CodeFlow.Step> steps = new ArrayList<>(h.taint.trace().steps());
      steps.add(new CodeFlow.Step(h.sink, h.detail, CodeFlow.Kind.SINK));
      b.codeFlow(new CodeFlow(h.taint.trace().sourceDescription() + " → " + h.detail, steps));
      message =
          message
              + " Source: "
              + h.taint.trace().sourceDescription()
              + " at line "
              + h.taint.trace().sourceLocation().region().startLine()
              + "; sink: "
              + h.detail
              + ".";
      Confidence base =
          h.taint.trace().sourceDescription().startsWith(LibraryMode.SOURCE)
              ? Confidence.LOW
              : h.taint.approximate() ? Confidence.MEDIUM : Confidence.HIGH;
      // a source, sanitizer or sink from a rule pack of inferred specifications caps it
      b.confidence(Trace.lowest(base, Trace.lowest(h.taint.trace().cap(), h.sinkCap)));
    } else {
      message = message + " (" + h.detail + ")";
      if (h.note != null) {
        message = message + "; " + h.note + ".";
        b.property("context", "outside-security");
      }
      b.confidence(Confidence.HIGH);
      if (h.steps != null && !h.steps.isEmpty()) {
        List<CodeFlow.Step> steps = new ArrayList<>(h.steps);
        steps.add(new CodeFlow.Step(h.sink, h.detail, CodeFlow.Kind.SINK));
        b.codeFlow(new CodeFlow(h.steps.get(0).message() + " → " + h.detail, steps));
      } else if (h.origin != null && !h.origin.equals(h.sink)) {
        b.codeFlow(
            new CodeFlow(
                "made at line " + lineOf(h.origin) + " → " + h.detail,
                List.of(
                    new CodeFlow.Step(h.origin, "made here", CodeFlow.Kind.SOURCE),
                    new CodeFlow.Step(h.sink, h.detail, CodeFlow.Kind.SINK))));
      }
    }
    return b.message(message).build();
  }
}
