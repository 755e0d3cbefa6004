package dev.bulwark.yara.regex;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A compiled pattern run by a Pike VM: every thread advances in lock-step over the input, so the
 * work for one start position is at most (bytes scanned × instructions) — never exponential. A
 * match is searched from one start offset and may not extend beyond {@link #SCAN_LIMIT} bytes (YARA
 * bounds regex and jump matches the same way).
 */
public final class Program {
  /** Longest match a pattern may produce, as in YARA. */
  public static final int SCAN_LIMIT = 4096;

  /** Patterns that would compile to more instructions are refused. */
  public static final int MAX_INSTRUCTIONS = 200_000;

  // opcodes, public for Parts: BYTE a = set number; SPLIT a, b = targets (a preferred);
  // JMP a = target; ASSERT a = Node.Assert.Kind ordinal; MATCH
  public static final byte BYTE = 0;
  public static final byte SPLIT = 1;
  public static final byte JMP = 2;
  public static final byte ASSERT = 3;
  public static final byte MATCH = 4;

  private final byte[] op;
  private final int[] a;
  private final int[] b;
  private final long[][] sets;
  private final long[] firstBytes;
  private final boolean emptyMatch;
  private final boolean hasAssert;
  private final boolean simple;

  private final boolean greedyOnly;

  /**
   * A program's instructions as plain arrays, so a compiled rule set can be stored and read back
   * without compiling its patterns again: per instruction an opcode and two operands, the byte sets
   * the BYTE instructions name, and whether every repetition is greedy.
   */
  public record Parts(byte[] op, int[] a, int[] b, long[][] sets, boolean greedyOnly) {}

  public Parts parts() {
    return new Parts(op, a, b, sets, greedyOnly);
  }

  /**
   * A program from stored parts; they are checked first (opcodes known, jump targets and set
   * numbers in range, a final MATCH), so damaged parts are refused here instead of failing a scan.
   */
  public static Program of(Parts p) {
    int n = p.op().length;
    if (n == 0 || p.a().length != n || p.b().length != n || p.op()[n - 1] != MATCH) {
      throw new IllegalArgumentException("malformed program");
    }
    for (long[] set : p.sets()) {
      if (set == null || set.length != 4) {
        throw new IllegalArgumentException("malformed byte set");
      }
    }
    for (int pc = 0; pc < n; pc++) {
      int x = p.a()[pc];
      int y = p.b()[pc];
      boolean ok =
          switch (p.op()[pc]) {
            case BYTE -> x >= 0 && x < p.sets().length;
            case SPLIT -> x >= 0 && x < n && y >= 0 && y < n;
            case JMP -> x >= 0 && x < n;
            case ASSERT -> x >= 0 && x < Node.Assert.Kind.values().length && pc + 1 < n;
            case MATCH -> true;
            default -> false;
          };
      if (!ok) {
        throw new IllegalArgumentException("malformed instruction " + pc);
      }
    }
    return new Program(p.op(), p.a(), p.b(), p.sets(), p.greedyOnly());
  }

  private Program(byte[] op, int[] a, int[] b, long[][] sets, boolean greedyOnly) {
    this.greedyOnly = greedyOnly;
    this.op = op;
    this.a = a;
    this.b = b;
    this.sets = sets;
    long[] first = new long[4];
    boolean[] seen = new boolean[op.length];
    boolean empty = firstSet(0, first, seen);
    this.firstBytes = first;
    this.emptyMatch = empty;
    boolean asserts = false;
    boolean splits = false;
    for (byte o : op) {
      asserts |= o == ASSERT;
      splits |= o == SPLIT;
    }
    this.hasAssert = asserts;
    // without splits there is one path, and with greedy repeats only the preferred match is
    // taken to be the longest one (they differ only for rare nested optional parts, which change
    // a reported length, never whether or where a string matched)
    this.simple = !splits || greedyOnly;
  }

  private boolean firstSet(int start, long[] into, boolean[] seen) {
    int[] stack = new int[op.length + 1];
    int sp = 0;
    stack[sp++] = start;
    boolean empty = false;
    while (sp > 0) {
      int pc = stack[--sp];
      if (seen[pc]) {
        continue;
      }
      seen[pc] = true;
      switch (op[pc]) {
        case BYTE -> {
          long[] s = sets[a[pc]];
          for (int i = 0; i < 4; i++) {
            into[i] |= s[i];
          }
        }
        case SPLIT -> {
          stack[sp++] = a[pc];
          stack[sp++] = b[pc];
        }
        case JMP -> stack[sp++] = a[pc];
        case ASSERT -> stack[sp++] = pc + 1;
        default -> empty = true;
      }
    }
    return empty;
  }

  /** Whether {@code b} can start a match (every byte, when the pattern matches empty). */
  public boolean canStartWith(int b) {
    return emptyMatch || (firstBytes[b >>> 6] & (1L << (b & 63))) != 0;
  }

  public int size() {
    return op.length;
  }

  public static Program compile(Node root) throws RegexSyntaxException {
    Builder bld = new Builder();
    bld.emit(root);
    bld.add(MATCH, 0, 0);
    return bld.build();
  }

  private static final class Builder {
    byte[] op = new byte[64];
    int[] a = new int[64];
    int[] b = new int[64];
    int n;
    List<long[]> sets = new ArrayList<>();
    boolean greedyOnly = true;
    java.util.Map<java.util.List<Long>, Integer> setIndex = new java.util.HashMap<>();

    int add(byte o, int x, int y) throws RegexSyntaxException {
      if (n >= MAX_INSTRUCTIONS) {
        throw new RegexSyntaxException(
            "pattern too large (more than "
                + MAX_INSTRUCTIONS
                + " instructions once repetitions are expanded)");
      }
      if (n == op.length) {
        op = java.util.Arrays.copyOf(op, n * 2);
        a = java.util.Arrays.copyOf(a, n * 2);
        b = java.util.Arrays.copyOf(b, n * 2);
      }
      op[n] = o;
      a[n] = x;
      b[n] = y;
      return n++;
    }

    int set(long[] s) {
      List<Long> key = List.of(s[0], s[1], s[2], s[3]);
      return setIndex.computeIfAbsent(
          key,
          k -> {
            sets.add(s.clone());
            return sets.size() - 1;
          });
    }

    void emit(Node node) throws RegexSyntaxException {
      switch (node) {
        case Node.Bytes bytes -> add(BYTE, set(bytes.set()), 0);
        case Node.Empty e -> {}
        case Node.Assert as -> add(ASSERT, as.kind().ordinal(), 0);
        case Node.Concat c -> {
          for (Node x : c.items()) {
            emit(x);
          }
        }
        case Node.Alt alt -> {
          List<Integer> jumps = new ArrayList<>();
          List<Node> items = alt.items();
          for (int i = 0; i < items.size(); i++) {
            if (i < items.size() - 1) {
              int split = add(SPLIT, 0, 0);
              a[split] = n;
              emit(items.get(i));
              jumps.add(add(JMP, 0, 0));
              b[split] = n;
            } else {
              emit(items.get(i));
            }
          }
          for (int j : jumps) {
            a[j] = n;
          }
        }
        case Node.Repeat r -> repeat(r);
      }
    }

    private void repeat(Node.Repeat r) throws RegexSyntaxException {
      greedyOnly &= r.greedy() || r.body() instanceof Node.Bytes b && b.size() == 256;
      for (int i = 0; i < r.min(); i++) {
        emit(r.body());
      }
      if (r.max() < 0) {
        // L: split body, out ; body ; jmp L
        int split = add(SPLIT, 0, 0);
        int bodyStart = n;
        emit(r.body());
        add(JMP, split, 0);
        setSplit(split, bodyStart, n, r.greedy());
        return;
      }
      List<Integer> splits = new ArrayList<>();
      for (int i = r.min(); i < r.max(); i++) {
        int split = add(SPLIT, 0, 0);
        splits.add(split);
        a[split] = n;
        emit(r.body());
      }
      for (int s : splits) {
        setSplit(s, s + 1, n, r.greedy());
      }
    }

    private void setSplit(int split, int body, int out, boolean greedy) {
      if (greedy) {
        a[split] = body;
        b[split] = out;
      } else {
        a[split] = out;
        b[split] = body;
      }
    }

    Program build() {
      return new Program(
          java.util.Arrays.copyOf(op, n),
          java.util.Arrays.copyOf(a, n),
          java.util.Arrays.copyOf(b, n),
          sets.toArray(long[][]::new),
          greedyOnly);
    }
  }

  /** Reusable thread lists of one scanning thread, and its lazily built DFAs. */
  public static final class Matcher {
    private final java.util.IdentityHashMap<Program, Dfa> dfas = new java.util.IdentityHashMap<>();
    private int[] clist = new int[16];
    private int[] nlist = new int[16];
    private int[] mark = new int[16];
    private int[] stack = new int[16];
    private int gen;

    private void ensure(int size) {
      if (mark.length < size) {
        clist = new int[size];
        nlist = new int[size];
        mark = new int[size];
        stack = new int[size * 2 + 2];
        gen = 0;
      }
    }
  }

  private static boolean isWord(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private boolean assertion(int kind, ByteBuffer data, int pos, int limit) {
    return switch (kind) {
      case 0 -> pos == 0; // BEGIN
      case 1 -> pos == limit; // END
      default -> {
        boolean before = pos > 0 && isWord(data.get(pos - 1) & 0xff);
        boolean after = pos < limit && isWord(data.get(pos) & 0xff);
        yield (kind == 2) == (before != after);
      }
    };
  }

  /** Adds pc's closure at {@code pos} to {@code list}; returns the new size. */
  private int addThread(
      Matcher m, int[] list, int size, int pc0, ByteBuffer data, int pos, int limit) {
    int[] stack = m.stack;
    int sp = 0;
    stack[sp++] = pc0;
    while (sp > 0) {
      int pc = stack[--sp];
      if (m.mark[pc] == m.gen) {
        continue;
      }
      m.mark[pc] = m.gen;
      switch (op[pc]) {
        case SPLIT -> {
          stack[sp++] = b[pc];
          stack[sp++] = a[pc];
        }
        case JMP -> stack[sp++] = a[pc];
        case ASSERT -> {
          if (assertion(a[pc], data, pos, limit)) {
            stack[sp++] = pc + 1;
          }
        }
        default -> list[size++] = pc;
      }
    }
    return size;
  }

  /**
   * Matches anchored at {@code start}, with Perl-like preference (greedy or lazy as written);
   * returns the match length, or -1. A lazily built DFA first decides whether any match starts here
   * (one table lookup per byte); the Pike VM then finds the preferred length.
   */
  public int match(Matcher m, ByteBuffer data, int start, int limit) {
    if (!hasAssert) {
      Dfa dfa = m.dfas.get(this);
      if (dfa == null) {
        if (m.dfas.size() > 4096) {
          m.dfas.clear();
        }
        dfa = new Dfa();
        m.dfas.put(this, dfa);
      }
      int end = dfa.run(data, start, (int) Math.min(limit, (long) start + SCAN_LIMIT));
      if (end == Dfa.GAVE_UP) {
        return pike(m, data, start, limit);
      }
      if (end < 0) {
        return -1;
      }
      if (simple) {
        return end - start;
      }
    }
    return pike(m, data, start, limit);
  }

  /**
   * A DFA over sets of instructions, built as the input asks for states. It ignores preference (so
   * it only answers whether a match exists, and where the last one ends); states are capped so a
   * pattern with a huge DFA falls back to the Pike VM.
   */
  private final class Dfa {
    static final int GAVE_UP = -2;
    static final int MAX_STATES = 2048;
    private final java.util.HashMap<java.util.List<Integer>, Integer> ids =
        new java.util.HashMap<>();
    private final java.util.ArrayList<int[]> sets = new java.util.ArrayList<>();
    private final java.util.ArrayList<Boolean> accepting = new java.util.ArrayList<>();
    private int[] next = new int[256 * 64];
    private final int startState;
    private final boolean[] seen = new boolean[op.length];
    private final int[] stack = new int[op.length * 2 + 2];

    Dfa() {
      java.util.Arrays.fill(next, -1);
      startState = state(closure(new int[] {0}, 1));
    }

    private int[] closure(int[] pcs, int n) {
      java.util.Arrays.fill(seen, false);
      int sp = 0;
      for (int i = n - 1; i >= 0; i--) {
        stack[sp++] = pcs[i];
      }
      int[] out = new int[op.length];
      int k = 0;
      while (sp > 0) {
        int pc = stack[--sp];
        if (seen[pc]) {
          continue;
        }
        seen[pc] = true;
        switch (op[pc]) {
          case SPLIT -> {
            stack[sp++] = b[pc];
            stack[sp++] = a[pc];
          }
          case JMP -> stack[sp++] = a[pc];
          default -> out[k++] = pc;
        }
      }
      int[] r = java.util.Arrays.copyOf(out, k);
      java.util.Arrays.sort(r);
      return r;
    }

    private int state(int[] set) {
      java.util.List<Integer> key = new java.util.ArrayList<>(set.length);
      for (int x : set) {
        key.add(x);
      }
      Integer id = ids.get(key);
      if (id != null) {
        return id;
      }
      if (sets.size() >= MAX_STATES) {
        return -1;
      }
      int nid = sets.size();
      ids.put(key, nid);
      sets.add(set);
      boolean acc = false;
      for (int pc : set) {
        acc |= op[pc] == MATCH;
      }
      accepting.add(acc);
      if ((nid + 1) * 256 > next.length) {
        int old = next.length;
        next = java.util.Arrays.copyOf(next, old * 2);
        java.util.Arrays.fill(next, old, next.length, -1);
      }
      return nid;
    }

    private int step(int s, int c) {
      int t = next[s * 256 + c];
      if (t != -1) {
        return t;
      }
      int[] set = sets.get(s);
      int[] moved = new int[set.length];
      int k = 0;
      for (int pc : set) {
        if (op[pc] == BYTE) {
          long[] bs = sets(a[pc]);
          if ((bs[c >>> 6] & (1L << (c & 63))) != 0) {
            moved[k++] = pc + 1;
          }
        }
      }
      int ns = state(closure(moved, k));
      if (ns < 0) {
        return -1;
      }
      next[s * 256 + c] = ns;
      return ns;
    }

    /**
     * Reports every position in [from, to) where a match of this (unanchored) program ends; false
     * when the DFA grew too large to finish.
     */
    boolean ends(ByteBuffer data, int from, int to, java.util.function.IntConsumer out) {
      int s = startState;
      if (accepting.get(s)) {
        out.accept(from);
      }
      for (int pos = from; pos < to; pos++) {
        s = step(s, data.get(pos) & 0xff);
        if (s < 0) {
          return false;
        }
        if (accepting.get(s)) {
          out.accept(pos + 1);
        }
      }
      return true;
    }

    /**
     * Walks back from {@code end} with this (reversed) program and reports every position where a
     * match ending at {@code end} starts; false when the DFA grew too large.
     */
    boolean starts(ByteBuffer data, int end, int floor, java.util.function.IntConsumer out) {
      int s = startState;
      if (accepting.get(s)) {
        out.accept(end);
      }
      for (int pos = end - 1; pos >= floor; pos--) {
        s = step(s, data.get(pos) & 0xff);
        if (s < 0) {
          return false;
        }
        if (sets.get(s).length == 0) {
          return true;
        }
        if (accepting.get(s)) {
          out.accept(pos);
        }
      }
      return true;
    }

    /** Reads from {@code limit - 1} down to 0, reporting each position that is accepted. */
    boolean backward(ByteBuffer data, int limit, IntConsumer out) {
      int s = startState;
      if (accepting.get(s)) {
        out.accept(limit);
      }
      for (int pos = limit - 1; pos >= 0; pos--) {
        s = step(s, data.get(pos) & 0xff);
        if (s < 0) {
          return false;
        }
        if (accepting.get(s)) {
          out.accept(pos);
        }
      }
      return true;
    }

    /** End of the last match from {@code start} before {@code end}, -1 for none. */
    int run(ByteBuffer data, int start, int end) {
      int s = startState;
      int last = accepting.get(s) ? start : -1;
      for (int pos = start; pos < end; pos++) {
        s = step(s, data.get(pos) & 0xff);
        if (s < 0) {
          return GAVE_UP;
        }
        if (sets.get(s).length == 0) {
          return last;
        }
        if (accepting.get(s)) {
          last = pos + 1;
        }
      }
      return last;
    }
  }

  private Dfa dfa(Matcher m) {
    Dfa dfa = m.dfas.get(this);
    if (dfa == null) {
      if (m.dfas.size() > 4096) {
        m.dfas.clear();
      }
      dfa = new Dfa();
      m.dfas.put(this, dfa);
    }
    return dfa;
  }

  public boolean hasAssertions() {
    return hasAssert;
  }

  /**
   * Finds every start offset of a pattern that has no atom, in one backward pass: the DFA of the
   * reversed pattern behind a lazy {@code .*}, read from the end of the data to its start, is in an
   * accepting state exactly where some match begins. Returns false when the DFA grew too large; the
   * caller then tries each offset.
   */
  public static boolean findStarts(
      Matcher m, Program reversedAnywhere, ByteBuffer data, int limit, IntConsumer starts) {
    return reversedAnywhere.dfa(m).backward(data, limit, starts);
  }

  private long[] sets(int i) {
    return sets[i];
  }

  private int pike(Matcher m, ByteBuffer data, int start, int limit) {
    m.ensure(op.length);
    int end = (int) Math.min(limit, (long) start + SCAN_LIMIT);
    int matched = -1;
    if (++m.gen == Integer.MAX_VALUE) {
      java.util.Arrays.fill(m.mark, 0);
      m.gen = 1;
    }
    int csize = addThread(m, m.clist, 0, 0, data, start, limit);
    int pos = start;
    while (csize > 0) {
      if (++m.gen == Integer.MAX_VALUE) {
        java.util.Arrays.fill(m.mark, 0);
        m.gen = 1;
      }
      int nsize = 0;
      int c = pos < end ? data.get(pos) & 0xff : -1;
      int[] clist = m.clist;
      for (int i = 0; i < csize; i++) {
        int pc = clist[i];
        if (op[pc] == MATCH) {
          matched = pos - start;
          break; // lower-priority threads lose
        }
        if (c >= 0) {
          long[] s = sets[a[pc]];
          if ((s[c >>> 6] & (1L << (c & 63))) != 0) {
            nsize = addThread(m, m.nlist, nsize, pc + 1, data, pos + 1, limit);
          }
        }
      }
      if (c < 0) {
        break;
      }
      int[] t = m.clist;
      m.clist = m.nlist;
      m.nlist = t;
      csize = nsize;
      pos++;
    }
    return matched;
  }
}
