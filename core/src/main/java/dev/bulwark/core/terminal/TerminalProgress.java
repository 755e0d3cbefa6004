package dev.bulwark.core.terminal;

import dev.bulwark.core.analysis.Progress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress display on stderr, redrawn a few times a second by a daemon thread. Use only
 * when stderr is a terminal; {@link #close()} clears the line.
 */
public final class TerminalProgress implements Progress, AutoCloseable {
  private static final char[] SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏".toCharArray();

  private final PrintStream err;
  private final int width;
  private final CopyOnWriteArrayList<TaskImpl> tasks = new CopyOnWriteArrayList<>();
  private final Thread painter;
  private volatile boolean running = true;
  private int frame;

  public TerminalProgress(PrintStream err, int width) {
    this.err = err;
    this.width = width;
    this.painter = new Thread(this::loop, "bulwark-progress");
    this.painter.setDaemon(true);
    this.painter.start();
  }

  @Override
  public Task start(String name, long total, Unit unit) {
    TaskImpl t = new TaskImpl(name, total, unit);
    tasks.add(t);
    return t;
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        return;
      }
      paint();
    }
  }

  private synchronized void paint() {
    if (!running) {
      return;
    }
    if (tasks.isEmpty()) {
      err.print("\r\u001b[2K");
      err.flush();
      return;
    }
    TaskImpl t = tasks.get(tasks.size() - 1);
    frame = (frame + 1) % SPINNER.length;
    StringBuilder line = new StringBuilder();
    line.append(SPINNER[frame]).append(' ').append(TerminalText.line(t.name));
    long done = t.done.get();
    double seconds = Math.max(1e-3, (System.nanoTime() - t.started) / 1e9);
    if (t.total > 0) {
      double ratio = Math.min(1.0, done / (double) t.total);
      int barWidth = Math.max(10, Math.min(30, width - 60));
      int filled = (int) Math.round(ratio * barWidth);
      line.append(" ▕")
          .append("█".repeat(filled))
          .append("░".repeat(barWidth - filled))
          .append("▏ ");
      line.append(String.format(Locale.ROOT, "%3d%% ", (int) (ratio * 100)));
      line.append(amount(done, t.unit)).append(" / ").append(amount(t.total, t.unit));
    } else {
      line.append("  ").append(amount(done, t.unit));
    }
    if (t.unit == Unit.BYTES && done > 0) {
      line.append(String.format(Locale.ROOT, "  %.0f MB/s", done / seconds / (1 << 20)));
    }
    if (tasks.size() > 1) {
      line.append("  (+").append(tasks.size() - 1).append(" more)");
    }
    String text = line.length() > width - 1 ? line.substring(0, width - 1) : line.toString();
    err.print("\r\u001b[2K" + text);
    err.flush();
  }

  private static String amount(long n, Unit unit) {
    return switch (unit) {
      case BYTES -> String.format(Locale.ROOT, "%.1f MB", n / (double) (1 << 20));
      case FILES -> n + " files";
      case ITEMS -> Long.toString(n);
    };
  }

  @Override
  public synchronized void close() {
    running = false;
    painter.interrupt();
    err.print("\r\u001b[2K");
    err.flush();
  }

  private final class TaskImpl implements Task {
    final String name;
    final long total;
    final Unit unit;
    final long started = System.nanoTime();
    final AtomicLong done = new AtomicLong();

    TaskImpl(String name, long total, Unit unit) {
      this.name = name;
      this.total = total;
      this.unit = unit;
    }

    @Override
    public void advance(long units) {
      done.addAndGet(units);
    }

    @Override
    public void close() {
      tasks.remove(this);
    }
  }
}
