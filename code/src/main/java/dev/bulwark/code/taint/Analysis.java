package dev.bulwark.code.taint;

import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.FileTimeBudget;
import dev.bulwark.core.analysis.Parallel;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.model.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the analysis over a parsed project: every class on a worker thread with its own {@link
 * Engine} (an engine keeps per-run state; the project model is shared and read-only), then the
 * structural checks.
 */
public final class Analysis {
  private Analysis() {}

  /** Passes over the entry points that read attributes stored by others (see Attributes). */
  private static final int MAX_ATTRIBUTE_PASSES = 2;

  public static Collection<Finding> run(
      ProjectModel project,
      RulePacks.Loaded rules,
      int threads,
      Cancellation cancellation,
      Consumer<ClassInfo> done,
      DiagnosticSink diagnostics)
      throws InterruptedException {
    return run(project, rules, threads, cancellation, done, diagnostics, c -> true);
  }

  /**
   * Analyses only the entry points of the selected classes (calls still follow into every class):
   * what re-checking one changed file needs.
   */
  public static Collection<Finding> run(
      ProjectModel project,
      RulePacks.Loaded rules,
      int threads,
      Cancellation cancellation,
      Consumer<ClassInfo> done,
      DiagnosticSink diagnostics,
      java.util.function.Predicate<ClassInfo> entries)
      throws InterruptedException {
    return run(
        project,
        rules,
        threads,
        cancellation,
        done,
        diagnostics,
        entries,
        FileTimeBudget.defaults());
  }

  /** As above, giving up on a class whose entry points take longer than {@code budget}. */
  public static Collection<Finding> run(
      ProjectModel project,
      RulePacks.Loaded rules,
      int threads,
      Cancellation cancellation,
      Consumer<ClassInfo> done,
      DiagnosticSink diagnostics,
      java.util.function.Predicate<ClassInfo> entries,
      FileTimeBudget budget)
      throws InterruptedException {
    Findings findings = new Findings(project.sourceLines());
    boolean library = LibraryMode.applies(project, rules);
    Attributes attributes = new Attributes(rules.library());
    ThreadLocal<Engine> engines =
        ThreadLocal.withInitial(() -> new Engine(project, rules, findings, library, attributes));
    List<ClassInfo> classes = new ArrayList<>(project.classes().stream().filter(entries).toList());
    Parallel.forEach(
        classes,
        threads,
        cancellation,
        c -> {
          budget.run("code", c.unit().path(), diagnostics, () -> engines.get().analyzeClass(c));
          done.accept(c);
        });
    // entry points that read an attribute before another stored untrusted data in it run again,
    // now that the store holds it; a value passed through two attributes needs one more pass
    for (int pass = 0; pass < MAX_ATTRIBUTE_PASSES && !attributes.isEmpty(); pass++) {
      List<ClassInfo> again = new ArrayList<>(attributes.revisit());
      if (again.isEmpty()) {
        break;
      }
      Parallel.forEach(
          again,
          threads,
          cancellation,
          c ->
              budget.run(
                  "code", c.unit().path(), diagnostics, () -> engines.get().analyzeClass(c)));
    }
    StructuralChecks.run(project, rules.rules(), findings);
    DenyLists.run(project, rules.rules(), findings);
    Findings.BudgetStops stops = findings.budgetStops();
    if (stops.count() > 0) {
      diagnostics.report(
          Diagnostic.note(
              "code",
              null,
              stops.count()
                  + " method(s) were analysed up to the step budget of "
                  + Budget.MAX_STEPS
                  + " steps (or "
                  + Budget.MAX_ENTRY_NANOS / 1_000_000_000L
                  + " s) and no further (first: "
                  + String.join(", ", stops.examples())
                  + "); findings on the way are reported, flows past the budget are not"));
    }
    Findings.Summarised summarised = findings.summarised();
    if (summarised.calls() > 0) {
      diagnostics.report(
          Diagnostic.note(
              "code",
              null,
              summarised.calls()
                  + " call(s) of "
                  + summarised.methods()
                  + " method(s) went past the per-call budget of "
                  + Budget.MAX_CALL_STEPS
                  + " steps and were summarised: untrusted arguments make the result untrusted,"
                  + " the callee's own sinks are not checked on those calls (first: "
                  + String.join(", ", summarised.examples())
                  + ")"));
    }
    for (Findings.Failure failure : findings.failures()) {
      diagnostics.report(Diagnostic.warning("code", failure.path(), failure.message()));
    }
    return findings.findings();
  }
}
