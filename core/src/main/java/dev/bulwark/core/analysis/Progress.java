package dev.bulwark.core.analysis;

/**
 * Reports how far long work has come. A terminal shows it as a bar on stderr; piped runs and tests
 * use {@link #none()}.
 */
public interface Progress {

  /** Units a task counts in; bytes are shown as MB/s. */
  enum Unit {
    BYTES,
    FILES,
    ITEMS
  }

  /** Starts a task with a known total, or {@code -1} when the total is unknown. */
  Task start(String name, long total, Unit unit);

  /** A running piece of work; closing it removes it from the display. */
  interface Task extends AutoCloseable {
    void advance(long units);

    @Override
    void close();
  }

  static Progress none() {
    return (name, total, unit) ->
        new Task() {
          @Override
          public void advance(long units) {}

          @Override
          public void close() {}
        };
  }
}
