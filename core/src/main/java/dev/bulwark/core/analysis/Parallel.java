package dev.bulwark.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work over a list on a fixed number of threads, each pulling the next item, so that one big
 * file does not hold up a whole batch. Stops early on cancellation.
 */
public final class Parallel {

  /** Work on one item; it handles its own recoverable errors. */
  @FunctionalInterface
  public interface Work<T> {
    void run(T item) throws Exception;
  }

  private Parallel() {}

  public static <T> void forEach(
      List<T> items, int threads, Cancellation cancellation, Work<? super T> work)
      throws InterruptedException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          int i;
          while (failure.get() == null
              && !cancellation.isCancelled()
              && (i = next.getAndIncrement()) < items.size()) {
            try {
              work.run(items.get(i));
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            }
          }
        };
    int n = Math.min(threads, Math.max(1, items.size()));
    List<Thread> pool = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      Thread th = Thread.ofPlatform().name("bulwark-worker-" + t).start(worker);
      pool.add(th);
    }
    try {
      for (Thread th : pool) {
        th.join();
      }
    } catch (InterruptedException e) {
      cancellation.cancel();
      for (Thread th : pool) {
        th.interrupt();
      }
      throw e;
    }
    Throwable t = failure.get();
    if (t instanceof CancellationException ce) {
      throw ce;
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t != null) {
      throw new IllegalStateException("parallel work failed: " + t.getMessage(), t);
    }
    if (cancellation.isCancelled()) {
      throw new CancellationException("scan cancelled");
    }
  }
}
