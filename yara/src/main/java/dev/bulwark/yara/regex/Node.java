package dev.bulwark.yara.regex;

import java.util.List;

/** A byte-level pattern tree shared by regular expressions and hex strings. */
public sealed interface Node {
  /** One byte out of a set (256 bits). */
  record Bytes(long[] set) implements Node {
    public boolean has(int b) {
      return (set[b >>> 6] & (1L << (b & 63))) != 0;
    }

    public int size() {
      return Long.bitCount(set[0])
          + Long.bitCount(set[1])
          + Long.bitCount(set[2])
          + Long.bitCount(set[3]);
    }

    public static Bytes of(int... bytes) {
      long[] s = new long[4];
      for (int b : bytes) {
        s[b >>> 6] |= 1L << (b & 63);
      }
      return new Bytes(s);
    }

    public static Bytes any() {
      return new Bytes(new long[] {-1L, -1L, -1L, -1L});
    }
  }

  record Concat(List<Node> items) implements Node {}

  record Alt(List<Node> items) implements Node {}

  /** max &lt; 0: unbounded. */
  record Repeat(Node body, int min, int max, boolean greedy) implements Node {}

  record Assert(Kind kind) implements Node {
    public enum Kind {
      BEGIN,
      END,
      WORD_BOUNDARY,
      NOT_WORD_BOUNDARY
    }
  }

  /** Matches the empty string. */
  record Empty() implements Node {}

  /** Width in bytes when fixed, else -1. */
  public static int fixedWidth(Node n) {
    return switch (n) {
      case Bytes b -> 1;
      case Empty e -> 0;
      case Assert a -> 0;
      case Concat c -> {
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
      case Alt a -> {
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
      case Repeat r -> {
        int k = fixedWidth(r.body());
        yield (k >= 0 && r.min() == r.max()) ? k * r.min() : -1;
      }
    };
  }

  /** The pattern read backwards: its matches are the reversed matches of the original. */
  public static Node reverse(Node n) {
    return switch (n) {
      case Concat c -> {
        java.util.List<Node> items = new java.util.ArrayList<>();
        for (int i = c.items().size() - 1; i >= 0; i--) {
          items.add(reverse(c.items().get(i)));
        }
        yield new Concat(items);
      }
      case Alt a -> new Alt(a.items().stream().map(Node::reverse).toList());
      case Repeat r -> new Repeat(reverse(r.body()), r.min(), r.max(), r.greedy());
      default -> n;
    };
  }

  /** The pattern allowed to start anywhere: a lazy run of any bytes in front of it. */
  public static Node anywhere(Node n) {
    return new Concat(List.of(new Repeat(Bytes.any(), 0, -1, false), n));
  }

  /** Interleaves a zero byte after every byte, as a {@code wide} string is encoded. */
  static Node wide(Node n) {
    return switch (n) {
      case Bytes b -> new Concat(List.of(b, Bytes.of(0)));
      case Concat c -> new Concat(c.items().stream().map(Node::wide).toList());
      case Alt a -> new Alt(a.items().stream().map(Node::wide).toList());
      case Repeat r -> new Repeat(wide(r.body()), r.min(), r.max(), r.greedy());
      default -> n;
    };
  }
}
