package dev.bulwark.yara.regex;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

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

  private static final byte BYTE = 0;
  private static final byte SPLIT = 1;
  private static final byte JMP = 2;
  private static final byte ASSERT = 3;
  private static final byte MATCH = 4;

  private final byte[] op;
  private final int[] a;
  private final int[] b;
  private final long[][] sets;
  private final long[] firstBytes;
  private final boolean emptyMatch;

  private Program(byte[] op, int[] a, int[] b, long[][] sets) {
    this.op = op;
    this.a = a;
    this.b = b;
    this.sets = sets;
    long[] first = new long[4];
    boolean[] seen = new boolean[op.length];
    boolean empty = firstSet(0, first, seen);
    this.firstBytes = first;
    this.emptyMatch = empty;
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
          sets.toArray(long[][]::new));
    }
  }

  /** Reusable thread lists of one scanning thread. */
  public static final class Matcher {
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
   * returns the match length, or -1.
   */
  public int match(Matcher m, ByteBuffer data, int start, int limit) {
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
