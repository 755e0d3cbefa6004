package dev.bulwark.code.taint;

import dev.bulwark.core.analysis.FileTimeBudget;

/**
 * The work one entry point may do: steps for the entry point as a whole, steps for each call of a
 * project method within it, and wall-clock time as a safety net. Exceeding the entry point's budget
 * ends its analysis; exceeding a call's budget degrades that call to a summary.
 */
final class Budget {
  /**
   * Project calls nested deeper than this are not followed: their arguments' taint is the result.
   */
  static final int MAX_DEPTH = 6;

  static final long MAX_STEPS = 400_000;

  /**
   * Steps one call of a project method may take before it is cut short and replaced by a summary
   * (its arguments' taint flows to its result): one expensive callee must not use up the budget of
   * every entry point that reaches it.
   */
  static final long MAX_CALL_STEPS = 50_000;

  /**
   * Wall-clock budget of one entry point, a safety net behind the step budget: a step's cost grows
   * with the number of live variables, so steps alone do not bound time on a pathological method.
   */
  static final long MAX_ENTRY_NANOS = 20_000_000_000L;

  /** Thrown when an entry point exceeds its step budget; the analysis moves on. */
  static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded() {
      super("step budget exceeded", null, false, false);
    }
  }

  /** Thrown when one call exceeds its step budget; the call site falls back to a summary. */
  static final class CallExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long deadline;

    CallExceeded(long deadline) {
      super("call step budget exceeded", null, false, false);
      this.deadline = deadline;
    }
  }

  private long steps;
  private long callDeadline = Long.MAX_VALUE;
  private long entryDeadlineNanos = Long.MAX_VALUE;

  /** A fresh budget for the next entry point. */
  void start() {
    start(MAX_ENTRY_NANOS);
  }

  /** A fresh budget for work with its own time limit (one probe of one method, say). */
  void start(long maxNanos) {
    steps = 0;
    callDeadline = Long.MAX_VALUE;
    entryDeadlineNanos = System.nanoTime() + maxNanos;
  }

  void tick() {
    charge(1);
  }

  /** Counts work against the entry point's and the current call's budgets. */
  void charge(long n) {
    long before = steps;
    steps += n;
    if (steps > MAX_STEPS) {
      throw new Exceeded();
    }
    if (steps > callDeadline) {
      throw new CallExceeded(callDeadline);
    }
    if ((before >>> 10) != (steps >>> 10)) {
      if (System.nanoTime() > entryDeadlineNanos) {
        throw new Exceeded();
      }
      FileTimeBudget.check();
    }
  }

  /**
   * Opens the budget of one call (never past the enclosing call's); returns the enclosing call's
   * deadline, for {@link #exitCall}.
   */
  long enterCall() {
    long outer = callDeadline;
    callDeadline = Math.min(outer, steps + MAX_CALL_STEPS);
    return outer;
  }

  /** The step count at which the current call is cut short. */
  long callDeadline() {
    return callDeadline;
  }

  void exitCall(long outer) {
    callDeadline = outer;
  }
}
