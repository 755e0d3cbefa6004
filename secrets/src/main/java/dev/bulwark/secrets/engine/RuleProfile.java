package dev.bulwark.secrets.engine;

import dev.bulwark.secrets.rules.SecretRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Optional per-rule counters: how often a rule's regex ran and for how long. Off unless enabled
 * ({@code bulwark bench secrets --profile-rules}), since timing every window costs a little.
 */
public final class RuleProfile {
  private final List<SecretRule> rules;
  private final LongAdder[] runs;
  private final LongAdder[] nanos;
  private volatile boolean enabled;

  RuleProfile(List<SecretRule> rules) {
    this.rules = rules;
    this.runs = new LongAdder[rules.size()];
    this.nanos = new LongAdder[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      runs[i] = new LongAdder();
      nanos[i] = new LongAdder();
    }
  }

  public void enable() {
    enabled = true;
  }

  boolean enabled() {
    return enabled;
  }

  void record(int rule, long ns) {
    runs[rule].increment();
    nanos[rule].add(ns);
  }

  /** The {@code limit} most expensive rules, one per line. */
  public String top(int limit) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingLong((Integer i) -> nanos[i].sum()).reversed());
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < Math.min(limit, order.size()); k++) {
      int i = order.get(k);
      long n = runs[i].sum();
      if (n == 0) {
        break;
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-34s %9d windows %9.1f ms %7.2f us/window%n",
              rules.get(i).id(),
              n,
              nanos[i].sum() / 1e6,
              nanos[i].sum() / 1e3 / n));
    }
    return sb.toString();
  }
}
