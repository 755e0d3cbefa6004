package dev.bulwark.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs of two texts, line by line (longest common subsequence over the lines that differ,
 * after trimming the common head and tail), with three lines of context as {@code git diff} prints
 * them.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  /** Beyond this many differing lines in both texts the middle is shown as one replaced block. */
  private static final int MAX_LCS_CELLS = 4_000_000;

  private UnifiedDiff() {}

  private record Op(char kind, String line) {}

  /** The diff of {@code before} and {@code after} for {@code path}; empty when they are equal. */
  public static String of(String path, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Op> ops = diff(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- a/").append(path).append('\n');
    out.append("+++ b/").append(path).append('\n');
    int i = 0;
    while (i < ops.size()) {
      while (i < ops.size() && ops.get(i).kind == ' ') {
        i++;
      }
      if (i >= ops.size()) {
        break;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int lastChange = i;
      while (end < ops.size()) {
        if (ops.get(end).kind != ' ') {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      hunk(out, ops, start, end);
      i = end;
    }
    return out.toString();
  }

  private static void hunk(StringBuilder out, List<Op> ops, int start, int end) {
    int aLine = 1;
    int bLine = 1;
    for (int k = 0; k < start; k++) {
      if (ops.get(k).kind != '+') {
        aLine++;
      }
      if (ops.get(k).kind != '-') {
        bLine++;
      }
    }
    int aCount = 0;
    int bCount = 0;
    for (int k = start; k < end; k++) {
      if (ops.get(k).kind != '+') {
        aCount++;
      }
      if (ops.get(k).kind != '-') {
        bCount++;
      }
    }
    out.append("@@ -")
        .append(aCount == 0 ? aLine - 1 : aLine)
        .append(',')
        .append(aCount)
        .append(" +")
        .append(bCount == 0 ? bLine - 1 : bLine)
        .append(',')
        .append(bCount)
        .append(" @@\n");
    for (int k = start; k < end; k++) {
      out.append(ops.get(k).kind).append(ops.get(k).line).append('\n');
    }
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static List<Op> diff(List<String> a, List<String> b) {
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < a.size() - head
        && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < head; i++) {
      ops.add(new Op(' ', a.get(i)));
    }
    List<String> ma = a.subList(head, a.size() - tail);
    List<String> mb = b.subList(head, b.size() - tail);
    if ((long) ma.size() * mb.size() > MAX_LCS_CELLS) {
      ma.forEach(l -> ops.add(new Op('-', l)));
      mb.forEach(l -> ops.add(new Op('+', l)));
    } else {
      int[][] lcs = new int[ma.size() + 1][mb.size() + 1];
      for (int i = ma.size() - 1; i >= 0; i--) {
        for (int j = mb.size() - 1; j >= 0; j--) {
          lcs[i][j] =
              ma.get(i).equals(mb.get(j))
                  ? lcs[i + 1][j + 1] + 1
                  : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
        }
      }
      int i = 0;
      int j = 0;
      while (i < ma.size() || j < mb.size()) {
        if (i < ma.size() && j < mb.size() && ma.get(i).equals(mb.get(j))) {
          ops.add(new Op(' ', ma.get(i++)));
          j++;
        } else if (i < ma.size() && (j == mb.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
          ops.add(new Op('-', ma.get(i++)));
        } else {
          ops.add(new Op('+', mb.get(j++)));
        }
      }
    }
    for (int i = a.size() - tail; i < a.size(); i++) {
      ops.add(new Op(' ', a.get(i)));
    }
    return ops;
  }
}
