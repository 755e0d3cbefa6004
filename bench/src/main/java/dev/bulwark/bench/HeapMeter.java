package dev.bulwark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The peak heap of one timed run: the sum of the heap pools' peaks since {@link #reset}, an upper
 * bound on what the run needed at once.
 */
final class HeapMeter {
  private final List<MemoryPoolMXBean> pools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();

  /** Collects garbage left by earlier runs and starts a new measurement. */
  void reset() {
    System.gc();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  long peakBytes() {
    return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }
}
