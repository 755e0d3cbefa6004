package dev.bulwark.core.analysis;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The time one analyzer may spend on one file, counted in CPU time of the thread doing the work.
 * Work on a file runs under {@link #run}; when the budget is spent, the next checkpoint in that
 * work — {@link Cancellation#checkpoint()}, any read through {@link #guard(InputStream)}, or {@link
 * #check()} — throws {@link Exceeded}, and {@link #run} turns that into a diagnostic naming the
 * file and the analyzer. The file is abandoned; the rest of the scan goes on. Checkpoints sit where
 * parsers read input and where analyzers loop over records, so a file that makes any of them run
 * long is stopped within one read or one record.
 */
public final class FileTimeBudget {
  /** Default: generous for any real file (the largest real inputs take seconds). */
  public static final Duration DEFAULT = Duration.ofSeconds(120);

  private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

  private final Duration limit;

  private FileTimeBudget(Duration limit) {
    this.limit = limit;
  }

  /** A budget of {@code limit} per file and analyzer; it must be positive. */
  public static FileTimeBudget of(Duration limit) {
    Objects.requireNonNull(limit, "limit");
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("per-file time budget must be positive, got " + limit);
    }
    return new FileTimeBudget(limit);
  }

  /**
   * Reads a budget as written on a command line: a number with a unit ({@code 500ms}, {@code 30s},
   * {@code 2m}) or a plain number of seconds.
   */
  public static FileTimeBudget parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?").matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "per-file time budget '" + text + "' is not a duration such as 500ms, 30s, 2m or 1h");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofSeconds(n);
        };
    return of(d);
  }

  public static FileTimeBudget defaults() {
    return new FileTimeBudget(DEFAULT);
  }

  public Duration limit() {
    return limit;
  }

  /** Work on one file. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  /** Thrown at a checkpoint of work whose file has used up its time budget. */
  public static final class Exceeded extends CancellationException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }
  }

  /**
   * Runs {@code work} on {@code path} for {@code analyzer} under this budget. Returns whether it
   * finished; when it was stopped, a warning naming the file, the analyzer and the budget has been
   * reported. Other exceptions from the work pass through unchanged.
   */
  public boolean run(String analyzer, String path, DiagnosticSink diagnostics, Work work)
      throws Exception {
    Deadline outer = CURRENT.get();
    // work nested under another file's budget (an archive inside a file) keeps that one too
    Deadline mine = new Deadline(limit.toNanos(), path, outer);
    CURRENT.set(mine);
    try {
      work.run();
      return true;
    } catch (Exceeded e) {
      if (outer != null && outer.expired()) {
        throw e; // the enclosing file's budget, reported by its own run()
      }
      diagnostics.report(
          Diagnostic.warning(
              analyzer,
              path,
              "analyzer "
                  + analyzer
                  + " stopped on this file after its time budget of "
                  + describe(limit)
                  + " per file; the file was abandoned, the rest of the scan went on"
                  + " (raise it with --file-time-budget)"));
      return false;
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** Throws {@link Exceeded} when the file the current thread works on is over its budget. */
  public static void check() {
    Deadline d = CURRENT.get();
    if (d != null && d.expired()) {
      throw new Exceeded(d.path + ": per-file time budget used up");
    }
  }

  /** An input stream whose every read is a checkpoint of the current file's budget. */
  public static InputStream guard(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        check();
        return super.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        check();
        return super.read(b, off, len);
      }

      @Override
      public long skip(long n) throws IOException {
        check();
        return super.skip(n);
      }
    };
  }

  static String describe(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + " ms";
    }
    return (ms / 1000) + " s";
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

  /** CPU time of the current thread, or the wall clock where the platform cannot tell. */
  private static long cpuNow() {
    return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  /**
   * The budget counts the CPU time the working thread spends on the file, so a loaded machine does
   * not make Bulwark abandon files it would read in time. The wall clock is consulted first: the
   * CPU time cannot exceed it, so the costlier CPU clock is read only after the wall clock has
   * passed the limit, and then at most every few milliseconds.
   */
  private static final class Deadline {
    private static final long RECHECK_NANOS = 5_000_000;

    final String path;
    private final long limit;
    private final long wallStart = System.nanoTime();
    private final long cpuStart = cpuNow();
    private final Deadline outer;
    private long nextCheck;
    private boolean expired;

    Deadline(long limit, String path, Deadline outer) {
      this.limit = limit;
      this.path = path;
      this.outer = outer;
      this.nextCheck = wallStart + limit;
    }

    boolean expired() {
      if (outer != null && outer.expired()) {
        return true;
      }
      if (expired) {
        return true;
      }
      long now = System.nanoTime();
      if (now - nextCheck < 0) {
        return false;
      }
      long used = cpuNow() - cpuStart;
      if (used >= limit) {
        expired = true;
        return true;
      }
      // the earliest the CPU time could reach the limit, but not sooner than a few ms from now
      nextCheck = now + Math.max(RECHECK_NANOS, limit - used);
      return false;
    }
  }
}
