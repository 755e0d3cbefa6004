package dev.bulwark.code.taint;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The abstract objects of a state, by id, as a persistent 32-way trie over the (dense, increasing)
 * object ids. A branch copies a state in constant time and a write copies one path; joining two
 * states and checking that a loop is stable skip every subtree the two still share, so the cost of
 * a branch grows with what it changed, not with the size of the heap.
 */
final class Heap {
  private static final int BITS = 5;
  private static final int WIDTH = 1 << BITS;
  private static final int MASK = WIDTH - 1;

  static final Heap EMPTY = new Heap(null, 0);

  /** Inner nodes hold {@code Object[]} children; the lowest level holds {@link Obj}s. */
  private final Object[] root;

  private final int shift;

  private Heap(Object[] root, int shift) {
    this.root = root;
    this.shift = shift;
  }

  Obj get(int id) {
    if (root == null || id < 0 || (id >>> shift >>> BITS) != 0) {
      return null;
    }
    Object[] node = root;
    for (int s = shift; s > 0; s -= BITS) {
      node = (Object[]) node[(id >>> s) & MASK];
      if (node == null) {
        return null;
      }
    }
    return (Obj) node[id & MASK];
  }

  Heap put(int id, Obj o) {
    if (id < 0) {
      throw new IllegalArgumentException("object ids are not negative: " + id);
    }
    Object[] r = root == null ? new Object[WIDTH] : root;
    int s = root == null ? 0 : shift;
    while ((id >>> s >>> BITS) != 0) {
      Object[] up = new Object[WIDTH];
      up[0] = r;
      r = up;
      s += BITS;
    }
    return new Heap(putIn(r, s, id, o), s);
  }

  private static Object[] putIn(Object[] node, int s, int id, Obj o) {
    Object[] copy = node == null ? new Object[WIDTH] : node.clone();
    int i = (id >>> s) & MASK;
    copy[i] = s == 0 ? o : putIn((Object[]) copy[i], s - BITS, id, o);
    return copy;
  }

  /** Every object, in id order. */
  List<Obj> values() {
    List<Obj> out = new ArrayList<>();
    collect(root, shift, out);
    return out;
  }

  private static void collect(Object[] node, int s, List<Obj> out) {
    if (node == null) {
      return;
    }
    for (Object child : node) {
      if (child == null) {
        continue;
      }
      if (s == 0) {
        out.add((Obj) child);
      } else {
        collect((Object[]) child, s - BITS, out);
      }
    }
  }

  /**
   * The pointwise join: an object present on one side only is kept, shared subtrees are kept as
   * they are, and {@code join} combines two different objects with the same id.
   */
  static Heap join(Heap a, Heap b, BinaryOperator<Obj> join) {
    if (a == b || b.root == null) {
      return a;
    }
    if (a.root == null) {
      return b;
    }
    int s = Math.max(a.shift, b.shift);
    return new Heap(joinNodes(lift(a, s), lift(b, s), s, join), s);
  }

  private static Object[] lift(Heap h, int to) {
    Object[] r = h.root;
    for (int s = h.shift; s < to; s += BITS) {
      Object[] up = new Object[WIDTH];
      up[0] = r;
      r = up;
    }
    return r;
  }

  private static Object[] joinNodes(Object[] x, Object[] y, int s, BinaryOperator<Obj> join) {
    if (x == y || y == null) {
      return x;
    }
    if (x == null) {
      return y;
    }
    Object[] out = new Object[WIDTH];
    for (int i = 0; i < WIDTH; i++) {
      if (s == 0) {
        Obj p = (Obj) x[i];
        Obj q = (Obj) y[i];
        out[i] = p == null ? q : q == null || p == q ? p : join.apply(p, q);
      } else {
        out[i] = joinNodes((Object[]) x[i], (Object[]) y[i], s - BITS, join);
      }
    }
    return out;
  }

  /** A test that one object already accounts for another. */
  interface Covers {
    boolean test(Obj mine, Obj other);
  }

  /** Whether every object of {@code other} is covered by this heap's object with its id. */
  boolean covers(Heap other, Covers covers) {
    if (other == this || other.root == null) {
      return true;
    }
    if (root == null) {
      return other.values().isEmpty();
    }
    int s = Math.max(shift, other.shift);
    return coversNodes(lift(this, s), lift(other, s), s, covers);
  }

  private static boolean coversNodes(Object[] mine, Object[] other, int s, Covers covers) {
    if (mine == other || other == null) {
      return true;
    }
    for (int i = 0; i < WIDTH; i++) {
      Object o = other[i];
      if (o == null) {
        continue;
      }
      Object m = mine == null ? null : mine[i];
      if (s == 0) {
        if (m == null || (m != o && !covers.test((Obj) m, (Obj) o))) {
          return false;
        }
      } else if (!coversNodes((Object[]) m, (Object[]) o, s - BITS, covers)) {
        return false;
      }
    }
    return true;
  }
}
