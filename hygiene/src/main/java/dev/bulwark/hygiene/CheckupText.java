package dev.bulwark.hygiene;

import dev.bulwark.hygiene.check.Check;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Platform;
import dev.bulwark.hygiene.check.Status;
import dev.bulwark.hygiene.plan.NextAction;
import dev.bulwark.hygiene.state.RunRecord;
import java.io.PrintWriter;
import java.util.Locale;

/** The check-up for a terminal: progress over time, every check, and the next action. */
public final class CheckupText {
  private CheckupText() {}

  public static void write(CheckupRun run, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "Security check-up (%s profile) of %s (%s)%n",
        run.profile().id(),
        run.root(),
        run.platform().title());
    out.println();
    out.println("Progress: " + bar(run.progress()) + " " + run.progress() + "%");
    if (!run.earlier().isEmpty()) {
      StringBuilder sb = new StringBuilder("  before: ");
      int from = Math.max(0, run.earlier().size() - 5);
      for (int i = from; i < run.earlier().size(); i++) {
        RunRecord r = run.earlier().get(i);
        sb.append(r.time().toString(), 0, 10).append(' ').append(r.progress()).append("% · ");
      }
      sb.append("now ").append(run.progress()).append('%');
      out.println(sb);
    }
    out.println();
    for (Check c : run.checks()) {
      CheckResult r = run.results().get(c.id());
      out.printf(Locale.ROOT, "  %-7s %s%n", mark(r.status()), c.title());
      if (r.status() == Status.FAIL || r.status() == Status.UNKNOWN) {
        r.evidence().stream().limit(5).forEach(e -> out.println("          " + e));
        if (r.evidence().size() > 5) {
          out.println("          … " + (r.evidence().size() - 5) + " more");
        }
      }
    }
    out.println();
    long fail = run.results().values().stream().filter(r -> r.status() == Status.FAIL).count();
    long pass = run.results().values().stream().filter(r -> r.status() == Status.PASS).count();
    out.printf(Locale.ROOT, "%d in place, %d to do, %d checks%n", pass, fail, run.checks().size());
    out.println();
    run.next()
        .ifPresentOrElse(
            n -> writeNext(n, run.platform(), out),
            () -> out.println("Nothing left to do. Well done."));
    out.flush();
  }

  /** Only the next action: what, why, how, how long. */
  public static void writeNext(NextAction n, Platform platform, PrintWriter out) {
    Check c = n.check();
    out.println("Next: " + c.title() + (n.confirmed() ? "" : " (please check)"));
    out.println("  " + c.question());
    out.println("  Why: " + c.why());
    out.println("  How: " + c.fixFor(platform.id()));
    out.printf(
        Locale.ROOT,
        "  About %d minutes; removes %d risk points (%.1f per minute).%n",
        c.effortMinutes(),
        c.riskReduction(),
        c.value());
    out.flush();
  }

  private static String mark(Status s) {
    return switch (s) {
      case PASS -> "ok";
      case FAIL -> "TO DO";
      case UNKNOWN -> "?";
      case NOT_APPLICABLE -> "n/a";
    };
  }

  static String bar(int percent) {
    int filled = Math.round(percent / 5f);
    return "[" + "#".repeat(filled) + "-".repeat(20 - filled) + "]";
  }
}
