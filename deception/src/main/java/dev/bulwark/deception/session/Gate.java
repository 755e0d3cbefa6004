package dev.bulwark.deception.session;

import dev.bulwark.deception.config.Limits;
import java.util.HashMap;
import java.util.Map;

/** Counts open connections overall and per source address, and turns away what is over. */
public final class Gate {
  private final Limits limits;
  private final Map<String, Integer> bySource = new HashMap<>();
  private int total;
  private long refused;

  public Gate(Limits limits) {
    this.limits = limits;
  }

  /** Takes a place for a connection from {@code ip}; false when a limit is reached. */
  public synchronized boolean admit(String ip) {
    int n = bySource.getOrDefault(ip, 0);
    if (total >= limits.maxConnections() || n >= limits.maxPerSource()) {
      refused++;
      return false;
    }
    bySource.put(ip, n + 1);
    total++;
    return true;
  }

  public synchronized void release(String ip) {
    Integer n = bySource.get(ip);
    if (n == null) {
      return;
    }
    if (n <= 1) {
      bySource.remove(ip);
    } else {
      bySource.put(ip, n - 1);
    }
    total--;
  }

  public synchronized int open() {
    return total;
  }

  public synchronized long refused() {
    return refused;
  }
}
