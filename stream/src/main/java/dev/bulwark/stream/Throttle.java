package dev.bulwark.stream;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Holds each source task to a number of events per second. It paces rather than counts per second:
 * every event is due a fixed interval after the one before, and the task sleeps only once it is a
 * millisecond or more ahead, so the cap holds over short spans as well as long ones. Sleeping here
 * blocks the task, which is the point: Flink's back-pressure then slows the Kafka reader itself.
 */
final class Throttle implements MapFunction<Raw, Raw> {
  private static final long serialVersionUID = 1L;

  private final long intervalNanos;
  private transient long due;

  Throttle(long perSecond) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("a rate cap must be positive: " + perSecond);
    }
    this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
  }

  @Override
  public Raw map(Raw raw) throws InterruptedException {
    long now = System.nanoTime();
    // idle time earns no credit: after a quiet spell the next event goes at once, not a burst
    due = Math.max(due, now) + intervalNanos;
    long ahead = due - now - intervalNanos;
    if (ahead >= TimeUnit.MILLISECONDS.toNanos(1)) {
      TimeUnit.NANOSECONDS.sleep(ahead);
    }
    return raw;
  }
}
