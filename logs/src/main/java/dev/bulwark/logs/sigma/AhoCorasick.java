package dev.bulwark.logs.sigma;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Finds which of many needles occur in a text in one pass (Aho and Corasick, 1975). Used to pick,
 * out of thousands of rules, the few whose required substrings are in an event at all.
 */
final class AhoCorasick {
  private static final int[] NO_OUTPUT = new int[0];
  private final int[] rootAscii = new int[128];
  private final char[][] keys;
  private final int[][] targets;

  /** ASCII transitions of states with many children, -1 for none; null for small states. */
  private final int[][] dense;

  private final int[] fail;
  private final int[][] output;

  /**
   * Builds the automaton with primitive arrays: a log source's rules give tens of thousands of trie
   * states, and a map and a list per state made building it cost more than a small hunt's matching.
   */
  AhoCorasick(List<String> needles) {
    int cap = 1;
    for (String needle : needles) {
      cap += needle.length();
    }
    // the trie while it grows: each state's children as a list (first child, next sibling)
    char[] label = new char[cap];
    int[] firstChild = new int[cap];
    int[] nextSibling = new int[cap];
    int[] childCount = new int[cap];
    Arrays.fill(firstChild, -1);
    int[] end = new int[needles.size()];
    int n = 1;
    for (int id = 0; id < needles.size(); id++) {
      String needle = needles.get(id);
      int s = 0;
      for (int p = 0; p < needle.length(); p++) {
        char c = needle.charAt(p);
        boolean rootAsciiStep = s == 0 && c < 128;
        int t = rootAsciiStep ? rootAscii[c] : 0;
        if (t == 0 && !rootAsciiStep) {
          for (int k = firstChild[s]; k >= 0; k = nextSibling[k]) {
            if (label[k] == c) {
              t = k;
              break;
            }
          }
        }
        if (t == 0) {
          t = n++;
          label[t] = c;
          nextSibling[t] = firstChild[s];
          firstChild[s] = t;
          childCount[s]++;
          if (s == 0 && c < 128) {
            rootAscii[c] = t;
          }
        }
        s = t;
      }
      end[id] = s;
    }
    // each state's own needles, in the order they were given
    int[] ownCount = new int[n];
    for (int id = 0; id < end.length; id++) {
      ownCount[end[id]]++;
    }
    int[][] own = new int[n][];
    for (int id = 0; id < end.length; id++) {
      int st = end[id];
      if (own[st] == null) {
        own[st] = new int[ownCount[st]];
        ownCount[st] = 0;
      }
      own[st][ownCount[st]++] = id;
    }
    keys = new char[n][];
    targets = new int[n][];
    for (int st = 0; st < n; st++) {
      int m = childCount[st];
      char[] k = new char[m];
      int[] t = new int[m];
      int i = 0;
      for (int c = firstChild[st]; c >= 0; c = nextSibling[c]) {
        // insertion by character: children are few, except at the root
        int j = i++;
        while (j > 0 && k[j - 1] > label[c]) {
          k[j] = k[j - 1];
          t[j] = t[j - 1];
          j--;
        }
        k[j] = label[c];
        t[j] = c;
      }
      keys[st] = k;
      targets[st] = t;
    }
    dense = new int[n][];
    for (int st = 1; st < n; st++) {
      if (keys[st].length >= 6) {
        int[] d = new int[128];
        Arrays.fill(d, -1);
        for (int i = 0; i < keys[st].length; i++) {
          if (keys[st][i] < 128) {
            d[keys[st][i]] = targets[st][i];
          }
        }
        dense[st] = d;
      }
    }
    fail = new int[n];
    output = new int[n][];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    output[0] = own[0] == null ? NO_OUTPUT : own[0];
    for (int t : targets[0]) {
      fail[t] = 0;
      queue[tail++] = t;
    }
    while (head < tail) {
      int st = queue[head++];
      int[] mine = own[st];
      int[] inherited = output[fail[st]];
      if (mine == null) {
        output[st] = inherited == null ? NO_OUTPUT : inherited;
      } else {
        int[] merged =
            Arrays.copyOf(mine, mine.length + (inherited == null ? 0 : inherited.length));
        if (inherited != null) {
          System.arraycopy(inherited, 0, merged, mine.length, inherited.length);
        }
        output[st] = merged;
      }
      for (int i = 0; i < keys[st].length; i++) {
        char c = keys[st][i];
        int t = targets[st][i];
        int f = fail[st];
        int g;
        while ((g = step(f, c)) < 0 && f != 0) {
          f = fail[f];
        }
        fail[t] = g < 0 || g == t ? 0 : g;
        queue[tail++] = t;
      }
    }
  }

  /** The transition from s on c, or -1 (the root never fails: it stays at 0). */
  private int step(int s, char c) {
    if (s == 0) {
      if (c < 128) {
        return rootAscii[c];
      }
      int i = Arrays.binarySearch(keys[0], c);
      return i >= 0 ? targets[0][i] : 0;
    }
    int[] d = dense[s];
    if (d != null && c < 128) {
      return d[c];
    }
    char[] k = keys[s];
    int i = k.length < 8 ? linear(k, c) : Arrays.binarySearch(k, c);
    return i >= 0 ? targets[s][i] : -1;
  }

  private static int linear(char[] k, char c) {
    for (int i = 0; i < k.length; i++) {
      if (k[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** Calls {@code found} with the id of every needle occurring in the text (repeats possible). */
  void search(String text, IntConsumer found) {
    int s = 0;
    for (int p = 0; p < text.length(); p++) {
      char c = text.charAt(p);
      int t;
      if (s == 0 && c < 128) {
        t = rootAscii[c];
      } else {
        while ((t = step(s, c)) < 0) {
          s = fail[s];
        }
      }
      s = t;
      int[] out = output[s];
      for (int k = 0; k < out.length; k++) {
        found.accept(out[k]);
      }
    }
  }
}
