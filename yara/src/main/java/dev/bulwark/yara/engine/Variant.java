package dev.bulwark.yara.engine;

import dev.bulwark.yara.regex.Node;
import dev.bulwark.yara.regex.Program;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One concrete form of a string (its ASCII form, its wide form, one base64 encoding …): the atoms
 * that find candidate positions, and the check at a candidate start.
 */
abstract sealed class Variant {
  /** An atom: bytes folded to lowercase when {@code folded}, found at {@code offset} in a match. */
  record Atom(byte[] bytes, int offset) {}

  final boolean fullword;
  final boolean wide;

  Variant(boolean fullword, boolean wide) {
    this.fullword = fullword;
    this.wide = wide;
  }

  abstract List<Atom> atoms();

  /** Length of the match starting at {@code start}, or -1. */
  abstract int verify(Program.Matcher m, ByteBuffer data, int start, int limit);

  /** Whether a match could start with byte {@code b} (used when there is no atom). */
  abstract boolean canStart(int b);

  static boolean alnum(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** YARA's fullword: no alphanumeric character right before or after the match. */
  boolean delimited(ByteBuffer d, int start, int len, int limit) {
    if (!fullword) {
      return true;
    }
    if (wide) {
      if (start >= 2 && d.get(start - 1) == 0 && alnum(d.get(start - 2) & 0xff)) {
        return false;
      }
      int e = start + len;
      return !(e + 1 < limit && d.get(e + 1) == 0 && alnum(d.get(e) & 0xff));
    }
    if (start >= 1 && alnum(d.get(start - 1) & 0xff)) {
      return false;
    }
    int e = start + len;
    return !(e < limit && alnum(d.get(e) & 0xff));
  }

  static int lower(int b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  /** Picks the most selective window of at most {@code max} bytes of a literal. */
  static int bestWindow(byte[] p, int max) {
    if (p.length <= max) {
      return 0;
    }
    int best = 0;
    int bestScore = Integer.MIN_VALUE;
    for (int s = 0; s + max <= p.length; s++) {
      int score = score(p, s, max);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    return best;
  }

  static int score(byte[] p, int s, int len) {
    int score = 0;
    java.util.BitSet seen = new java.util.BitSet(256);
    for (int i = s; i < s + len; i++) {
      int b = p[i] & 0xff;
      score += (b == 0 || b == 0xff || b == 0x20 || b == 0xcc || b == 0x90) ? 1 : 3;
      if (!seen.get(b)) {
        seen.set(b);
        score += 2;
      }
    }
    return score;
  }

  static final int ATOM_MAX = 4;

  /** A literal: case-sensitive, case-insensitive or xor-encoded with a key range. */
  static final class Literal extends Variant {
    final byte[] pattern;
    final boolean nocase;
    final int xorLo;
    final int xorHi;
    final boolean xor;

    Literal(byte[] pattern, boolean nocase, int[] xorRange, boolean fullword, boolean wide) {
      super(fullword, wide);
      this.pattern = pattern;
      this.nocase = nocase;
      this.xor = xorRange != null;
      this.xorLo = xor ? xorRange[0] : 0;
      this.xorHi = xor ? xorRange[1] : 0;
    }

    @Override
    List<Atom> atoms() {
      int len = Math.min(ATOM_MAX, pattern.length);
      int off = bestWindow(pattern, len);
      List<Atom> out = new ArrayList<>();
      if (xor) {
        for (int k = xorLo; k <= xorHi; k++) {
          byte[] a = new byte[len];
          for (int i = 0; i < len; i++) {
            a[i] = (byte) lower((pattern[off + i] ^ k) & 0xff);
          }
          out.add(new Atom(a, off));
        }
      } else {
        byte[] a = new byte[len];
        for (int i = 0; i < len; i++) {
          a[i] = (byte) lower(pattern[off + i] & 0xff);
        }
        out.add(new Atom(a, off));
      }
      return out;
    }

    @Override
    int verify(Program.Matcher m, ByteBuffer d, int start, int limit) {
      int n = pattern.length;
      if (start < 0 || start + n > limit) {
        return -1;
      }
      if (xor) {
        int key = (d.get(start) ^ pattern[0]) & 0xff;
        if (key < xorLo || key > xorHi) {
          return -1;
        }
        for (int i = 1; i < n; i++) {
          if (((d.get(start + i) ^ key) & 0xff) != (pattern[i] & 0xff)) {
            return -1;
          }
        }
      } else if (nocase) {
        for (int i = 0; i < n; i++) {
          if (lower(d.get(start + i) & 0xff) != lower(pattern[i] & 0xff)) {
            return -1;
          }
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (d.get(start + i) != pattern[i]) {
            return -1;
          }
        }
      }
      return delimited(d, start, n, limit) ? n : -1;
    }

    @Override
    boolean canStart(int b) {
      return true;
    }
  }

  /** A hex string or regular expression, run by the Pike VM. */
  static final class Pattern extends Variant {
    final Program program;
    final Node tree;
    private Program search;
    private boolean searchTried;

    Pattern(Node tree, Program program, boolean fullword, boolean wide) {
      super(fullword, wide);
      this.tree = tree;
      this.program = program;
    }

    /**
     * The unanchored and reversed programs used to find starts without an atom; null when the
     * pattern has assertions (they do not read the same backwards).
     */
    synchronized Program search() {
      if (!searchTried) {
        searchTried = true;
        // a rule set read from the cache keeps the tree only of patterns without an atom
        if (tree != null && !program.hasAssertions()) {
          try {
            search = Program.compile(Node.anywhere(Node.reverse(tree)));
          } catch (dev.bulwark.yara.regex.RegexSyntaxException e) {
            search = null;
          }
        }
      }
      return search;
    }

    @Override
    List<Atom> atoms() {
      // walk the leading fixed-width part and keep the best run of literal bytes in it
      List<Node> items = tree instanceof Node.Concat c ? c.items() : List.of(tree);
      List<int[]> run = new ArrayList<>(); // {byte, offset}
      List<List<int[]>> runs = new ArrayList<>();
      int offset = 0;
      outer:
      for (Node n : flatten(items)) {
        if (n instanceof Node.Bytes b) {
          int lit = literal(b);
          if (lit >= 0) {
            run.add(new int[] {lit, offset});
          } else {
            cut(run, runs);
          }
          offset++;
          continue;
        }
        cut(run, runs);
        int w = fixedWidth(n);
        if (w < 0) {
          break outer;
        }
        offset += w;
      }
      cut(run, runs);
      byte[] bestBytes = null;
      int bestOff = 0;
      int bestScore = -1;
      for (List<int[]> r : runs) {
        byte[] p = new byte[r.size()];
        for (int i = 0; i < p.length; i++) {
          p[i] = (byte) r.get(i)[0];
        }
        int len = Math.min(ATOM_MAX, p.length);
        int s = bestWindow(p, len);
        int score = score(p, s, len);
        if (score > bestScore) {
          bestScore = score;
          bestBytes = java.util.Arrays.copyOfRange(p, s, s + len);
          bestOff = r.get(s)[1];
        }
      }
      if (bestBytes == null || bestScore < 3) {
        return List.of();
      }
      return List.of(new Atom(bestBytes, bestOff));
    }

    private static List<Node> flatten(List<Node> items) {
      List<Node> out = new ArrayList<>();
      for (Node n : items) {
        if (n instanceof Node.Concat c) {
          out.addAll(flatten(c.items()));
        } else {
          out.add(n);
        }
      }
      return out;
    }

    private static int fixedWidth(Node n) {
      return switch (n) {
        case Node.Bytes b -> 1;
        case Node.Empty e -> 0;
        case Node.Assert a -> 0;
        case Node.Concat c -> {
          int w = 0;
          for (Node x : c.items()) {
            int k = fixedWidth(x);
            if (k < 0) {
              yield -1;
            }
            w += k;
          }
          yield w;
        }
        case Node.Alt a -> {
          int w = -2;
          for (Node x : a.items()) {
            int k = fixedWidth(x);
            if (k < 0 || (w != -2 && k != w)) {
              yield -1;
            }
            w = k;
          }
          yield w < 0 ? -1 : w;
        }
        case Node.Repeat r -> {
          int k = fixedWidth(r.body());
          yield (k >= 0 && r.min() == r.max()) ? k * r.min() : -1;
        }
      };
    }

    private static void cut(List<int[]> run, List<List<int[]>> runs) {
      if (!run.isEmpty()) {
        runs.add(new ArrayList<>(run));
        run.clear();
      }
    }

    /** The folded byte a set stands for, when it is one byte or one letter in both cases. */
    private static int literal(Node.Bytes b) {
      int n = b.size();
      if (n == 1) {
        for (int i = 0; i < 256; i++) {
          if (b.has(i)) {
            return lower(i);
          }
        }
      }
      if (n == 2) {
        for (int i = 'a'; i <= 'z'; i++) {
          if (b.has(i) && b.has(i - 32)) {
            return i;
          }
        }
      }
      return -1;
    }

    @Override
    int verify(Program.Matcher m, ByteBuffer d, int start, int limit) {
      if (start < 0 || start >= limit) {
        return -1;
      }
      int len = program.match(m, d, start, limit);
      if (len < 0 || !delimited(d, start, len, limit)) {
        return -1;
      }
      return len;
    }

    @Override
    boolean canStart(int b) {
      return program.canStartWith(b);
    }
  }
}
