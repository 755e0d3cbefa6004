package dev.bulwark.code.taint;

import dev.bulwark.code.project.MethodInfo;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Results of project methods called with inputs that reach nothing in the caller's heap: no
 * receiver object and no argument objects, only types, constants and taints. Such a call does the
 * same every time it is made with equal values at the same depth — its findings are already
 * recorded and its result is the same — so it is run once and its result reused, instead of being
 * re-analysed at every call site. Results that are objects are not kept (they live in the heap of
 * the run that made them).
 */
final class Summaries {
  /** Bound on the summaries one interpreter keeps; past it the table starts again. */
  private static final int MAX = 200_000;

  /** What a call is made with. Values compare taints by their trace, so a hit is exact. */
  record Key(Value self, List<Value> args, int depth) {}

  private final Map<MethodInfo, Map<Key, Value>> byMethod = new IdentityHashMap<>();
  private int size;

  /** The key of a call whose result can be reused, or null when the call reaches heap objects. */
  Key keyFor(MethodInfo m, Value self, List<Value> args, int depth) {
    if (self.obj() != 0) {
      return null;
    }
    for (Value a : args) {
      if (a == null || a.obj() != 0) {
        return null;
      }
    }
    return new Key(self, List.copyOf(args), depth);
  }

  Value get(MethodInfo m, Key key) {
    Map<Key, Value> known = byMethod.get(m);
    return known == null ? null : known.get(key);
  }

  void put(MethodInfo m, Key key, Value result) {
    if (result.obj() != 0) {
      return;
    }
    if (size >= MAX) {
      byMethod.clear();
      size = 0;
    }
    if (byMethod.computeIfAbsent(m, k -> new HashMap<>()).put(key, result) == null) {
      size++;
    }
  }
}
