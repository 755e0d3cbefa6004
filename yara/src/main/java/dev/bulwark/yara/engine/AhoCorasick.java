package dev.bulwark.yara.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Aho–Corasick automaton over the atoms of every string of a rule set, on ASCII-lowercased bytes.
 * Built once per compiled rule set; a scan is one pass over the file.
 *
 * <p>The root and the states one byte deep have full 256-entry rows: nearly every byte of a scan
 * passes through them. Deeper states, the great majority, keep only their own sorted transitions
 * and a failure link, so a rule set of tens of thousands of atoms costs a few megabytes instead of
 * a kilobyte per state. States are numbered breadth first, so the dense ones are {@code
 * 0..dense-1}. Each state's outputs (the atom ids ending there, through failure links too) are one
 * slice of a flat array.
 */
final class AhoCorasick {
  private final int dense; // states below this id have full rows
  private final int[] delta; // state * 256 + byte -> state, for dense states
  private final int[] fail; // failure link of every state
  private final int[] sparseStart; // (state - dense) -> first transition; one extra at the end
  private final byte[] sparseLabel; // sorted per state
  private final int[] sparseTarget;
  private final int[] outStart; // state -> first output; one extra at the end
  private final int[] outAtoms;

  /** Hears every atom hit: atom id and the offset of the atom's last byte. */
  interface Hits {
    void hit(int atom, int end);
  }

  /** The automaton's tables, as stored in a compiled-rules cache. */
  record Tables(
      int dense,
      int[] delta,
      int[] fail,
      int[] sparseStart,
      byte[] sparseLabel,
      int[] sparseTarget,
      int[] outStart,
      int[] outAtoms) {}

  Tables tables() {
    return new Tables(
        dense, delta, fail, sparseStart, sparseLabel, sparseTarget, outStart, outAtoms);
  }

  /**
   * An automaton from stored tables over {@code atoms} atom ids. Every index the scan follows is
   * checked to be in range first, so damaged tables are refused here and never fail a scan.
   */
  AhoCorasick(Tables t, int atoms) {
    int n = t.fail().length;
    int d = t.dense();
    boolean ok =
        n >= 1
            && d >= 1
            && d <= n
            && t.delta().length == d * 256
            && t.sparseStart().length == n - d + 1
            && t.sparseLabel().length == t.sparseTarget().length
            && t.outStart().length == n + 1
            && inRange(t.delta(), n)
            && inRange(t.fail(), n)
            && inRange(t.sparseTarget(), n)
            && inRange(t.outAtoms(), atoms)
            && ascending(t.sparseStart(), t.sparseLabel().length)
            && ascending(t.outStart(), t.outAtoms().length);
    // a deep state must fail to a shallower id, or stepping could loop forever
    for (int i = 1; ok && i < n; i++) {
      ok = t.fail()[i] < i;
    }
    if (!ok) {
      throw new IllegalArgumentException("malformed automaton tables");
    }
    this.dense = d;
    this.delta = t.delta();
    this.fail = t.fail();
    this.sparseStart = t.sparseStart();
    this.sparseLabel = t.sparseLabel();
    this.sparseTarget = t.sparseTarget();
    this.outStart = t.outStart();
    this.outAtoms = t.outAtoms();
  }

  private static boolean inRange(int[] a, int bound) {
    for (int x : a) {
      if (x < 0 || x >= bound) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascending(int[] starts, int end) {
    if (starts[0] != 0 || starts[starts.length - 1] != end) {
      return false;
    }
    for (int i = 1; i < starts.length; i++) {
      if (starts[i] < starts[i - 1]) {
        return false;
      }
    }
    return true;
  }

  AhoCorasick(List<byte[]> atoms) {
    // The trie, with children as linked lists: no per-state arrays while building.
    Trie t = new Trie(atoms.size() * 2 + 16);
    for (int id = 0; id < atoms.size(); id++) {
      int s = 0;
      for (byte b : atoms.get(id)) {
        s = t.childOrAdd(s, b & 0xff);
      }
      t.addOutput(s, id);
    }
    int n = t.size;
    // Breadth-first order: a state's failure target is always numbered before it.
    int[] order = new int[n]; // new id -> old id
    int[] renum = new int[n]; // old id -> new id
    int head = 0;
    int tail = 1;
    order[0] = 0;
    while (head < tail) {
      int s = order[head++];
      for (int c = t.firstChild[s]; c >= 0; c = t.sibling[c]) {
        order[tail++] = c;
      }
    }
    for (int i = 0; i < n; i++) {
      renum[order[i]] = i;
    }
    int d = 1;
    while (d < n && t.depth[order[d]] == 1) {
      d++;
    }
    this.dense = d;
    // Failure links (on old ids), computed in breadth-first order.
    int[] failOld = new int[n];
    for (int i = 1; i < n; i++) {
      int s = order[i];
      if (t.depth[s] == 1) {
        failOld[s] = 0;
        continue;
      }
      int parent = t.parent[s];
      int c = t.label[s];
      int f = failOld[parent];
      int target;
      while (true) {
        target = t.child(f, c);
        if (target >= 0 || f == 0) {
          break;
        }
        f = failOld[f];
      }
      failOld[s] = target >= 0 ? target : 0;
    }
    this.fail = new int[n];
    for (int i = 0; i < n; i++) {
      fail[i] = renum[failOld[order[i]]];
    }
    // Outputs: a state's own atoms, then those of its failure target (already laid out).
    int[] starts = new int[n + 1];
    int[] buf = new int[Math.max(16, atoms.size())];
    int used = 0;
    for (int i = 0; i < n; i++) {
      starts[i] = used;
      int s = order[i];
      for (int o = t.outHead[s]; o >= 0; o = t.outNext[o]) {
        buf = grow(buf, used + 1);
        buf[used++] = t.outAtom[o];
      }
      if (i != 0) {
        int f = fail[i];
        int len = starts[f + 1] - starts[f];
        buf = grow(buf, used + len);
        System.arraycopy(buf, starts[f], buf, used, len);
        used += len;
      }
    }
    starts[n] = used;
    this.outStart = starts;
    this.outAtoms = Arrays.copyOf(buf, used);
    // Full rows for the root and the states one byte deep.
    this.delta = new int[d * 256];
    for (int i = 0; i < d; i++) {
      int s = order[i];
      for (int c = 0; c < 256; c++) {
        int child = t.child(s, c);
        delta[i * 256 + c] = child >= 0 ? renum[child] : i == 0 ? 0 : delta[fail[i] * 256 + c];
      }
    }
    // Sorted transitions for the deeper states.
    this.sparseStart = new int[n - d + 1];
    int edges = 0;
    for (int i = d; i < n; i++) {
      for (int c = t.firstChild[order[i]]; c >= 0; c = t.sibling[c]) {
        edges++;
      }
    }
    this.sparseLabel = new byte[edges];
    this.sparseTarget = new int[edges];
    int e = 0;
    long[] row = new long[256];
    for (int i = d; i < n; i++) {
      sparseStart[i - d] = e;
      int k = 0;
      for (int c = t.firstChild[order[i]]; c >= 0; c = t.sibling[c]) {
        row[k++] = ((long) t.label[c] << 32) | renum[c];
      }
      Arrays.sort(row, 0, k);
      for (int j = 0; j < k; j++) {
        sparseLabel[e] = (byte) (row[j] >>> 32);
        sparseTarget[e] = (int) row[j];
        e++;
      }
    }
    sparseStart[n - d] = e;
  }

  private static int[] grow(int[] a, int need) {
    return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, a.length * 2));
  }

  /** The trie while it is built: parallel arrays, children as linked lists. */
  private static final class Trie {
    int size = 1;
    int[] firstChild;
    int[] sibling;
    int[] label;
    int[] parent;
    int[] depth;
    int[] outHead;
    int[] outNext = new int[16];
    int[] outAtom = new int[16];
    int outs;

    Trie(int capacity) {
      firstChild = filled(capacity);
      sibling = filled(capacity);
      label = new int[capacity];
      parent = new int[capacity];
      depth = new int[capacity];
      outHead = filled(capacity);
    }

    private static int[] filled(int n) {
      int[] a = new int[n];
      Arrays.fill(a, -1);
      return a;
    }

    int child(int s, int c) {
      for (int x = firstChild[s]; x >= 0; x = sibling[x]) {
        if (label[x] == c) {
          return x;
        }
      }
      return -1;
    }

    int childOrAdd(int s, int c) {
      int x = child(s, c);
      if (x >= 0) {
        return x;
      }
      if (size == firstChild.length) {
        int cap = size * 2;
        int old = firstChild.length;
        firstChild = Arrays.copyOf(firstChild, cap);
        sibling = Arrays.copyOf(sibling, cap);
        outHead = Arrays.copyOf(outHead, cap);
        Arrays.fill(firstChild, old, cap, -1);
        Arrays.fill(sibling, old, cap, -1);
        Arrays.fill(outHead, old, cap, -1);
        label = Arrays.copyOf(label, cap);
        parent = Arrays.copyOf(parent, cap);
        depth = Arrays.copyOf(depth, cap);
      }
      x = size++;
      label[x] = c;
      parent[x] = s;
      depth[x] = depth[s] + 1;
      sibling[x] = firstChild[s];
      firstChild[s] = x;
      return x;
    }

    void addOutput(int s, int atom) {
      if (outs == outAtom.length) {
        outAtom = Arrays.copyOf(outAtom, outs * 2);
        outNext = Arrays.copyOf(outNext, outs * 2);
      }
      outAtom[outs] = atom;
      outNext[outs] = outHead[s];
      outHead[s] = outs++;
    }
  }

  int states() {
    return fail.length;
  }

  /** Bytes held by the automaton's tables (for the compile report). */
  long footprintBytes() {
    return 4L * (delta.length + fail.length + sparseStart.length + sparseTarget.length)
        + sparseLabel.length
        + 4L * (outStart.length + outAtoms.length);
  }

  private static final byte[] FOLD = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      FOLD[i] = (byte) (i >= 'A' && i <= 'Z' ? i + 32 : i);
    }
  }

  /** The state after reading byte {@code c} in state {@code s}. */
  private int step(int s, int c) {
    while (s >= dense) {
      int lo = sparseStart[s - dense];
      int hi = sparseStart[s - dense + 1] - 1;
      byte b = (byte) c;
      // few transitions per deep state: a linear look is as fast as a binary search here
      for (int j = lo; j <= hi; j++) {
        if (sparseLabel[j] == b) {
          return sparseTarget[j];
        }
      }
      s = fail[s];
    }
    return delta[(s << 8) | c];
  }

  void scan(ByteBuffer data, int limit, Hits hits) {
    int s = 0;
    int[] os = outStart;
    int[] oa = outAtoms;
    for (int i = 0; i < limit; i++) {
      s = step(s, FOLD[data.get(i) & 0xff] & 0xff);
      int from = os[s];
      int to = os[s + 1];
      for (int j = from; j < to; j++) {
        hits.hit(oa[j], i);
      }
    }
  }
}
