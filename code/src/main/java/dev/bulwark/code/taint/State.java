package dev.bulwark.code.taint;

import java.util.HashMap;
import java.util.Map;

/**
 * The abstract state at a program point: local variables and the heap of abstract objects. States
 * are copied at branches and joined where control flow meets; objects are copied on first write
 * after a copy, so branches do not see each other's changes.
 */
final class State {
  Map<String, Value> vars;
  Heap heap;
  private final java.util.Set<Integer> owned;
  boolean alive = true;

  State() {
    this.vars = new HashMap<>();
    this.heap = Heap.EMPTY;
    this.owned = new java.util.HashSet<>();
  }

  private State(Map<String, Value> vars, Heap heap) {
    this.vars = new HashMap<>(vars);
    this.heap = heap;
    this.owned = new java.util.HashSet<>();
  }

  State copy() {
    State s = new State(vars, heap);
    s.alive = alive;
    owned.clear(); // objects are now shared with the copy: write through a fresh copy
    return s;
  }

  Obj read(int id) {
    return heap.get(id);
  }

  /** The object for writing: a private copy if it is shared with another state. */
  Obj write(int id) {
    Obj o = heap.get(id);
    if (o == null) {
      return null;
    }
    if (!owned.contains(id)) {
      o = o.copy();
      heap = heap.put(id, o);
      owned.add(id);
    }
    return o;
  }

  void add(Obj o) {
    heap = heap.put(o.id, o);
    owned.add(o.id);
  }

  /** Joins {@code other} into a new state; dead states contribute nothing. */
  static State join(State a, State b) {
    if (a == null || !a.alive) {
      return b == null ? a : b.copy();
    }
    if (b == null || !b.alive) {
      return a.copy();
    }
    State s = new State();
    for (Map.Entry<String, Value> e : a.vars.entrySet()) {
      Value o = b.vars.get(e.getKey());
      s.vars.put(e.getKey(), o == null ? e.getValue() : Value.join(e.getValue(), o));
    }
    for (Map.Entry<String, Value> e : b.vars.entrySet()) {
      s.vars.putIfAbsent(e.getKey(), e.getValue());
    }
    s.heap = Heap.join(a.heap, b.heap, Obj::join);
    a.owned.clear();
    b.owned.clear();
    return s;
  }

  /** Whether joining {@code other} into this state would change nothing (a loop is stable). */
  boolean covers(State other) {
    if (other == null || !other.alive) {
      return true;
    }
    for (Map.Entry<String, Value> e : other.vars.entrySet()) {
      Value mine = vars.get(e.getKey());
      if (mine == null || !Value.join(mine, e.getValue()).equals(mine)) {
        return false;
      }
    }
    return heap.covers(other.heap, (mine, theirs) -> Obj.join(mine, theirs).sameAs(mine));
  }
}
