package dev.bulwark.core.analysis;

import java.util.concurrent.CancellationException;

/** A flag long-running work checks so that a scan can be stopped cleanly. */
public final class Cancellation {
  private volatile boolean cancelled;

  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled || Thread.currentThread().isInterrupted();
  }

  /**
   * Throws when the scan was cancelled or the thread interrupted, and {@link
   * FileTimeBudget.Exceeded} when the file this thread works on has used up its time budget.
   */
  public void checkpoint() {
    if (isCancelled()) {
      throw new CancellationException("scan cancelled");
    }
    FileTimeBudget.check();
  }
}
