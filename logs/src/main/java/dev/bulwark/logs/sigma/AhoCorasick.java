package dev.bulwark.logs.sigma;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  AhoCorasick(List<String> needles) {
    List<Map<Character, Integer>> trie = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    trie.add(new TreeMap<>());
    out.add(new ArrayList<>());
    for (int id = 0; id < needles.size(); id++) {
      int s = 0;
      for (char c : needles.get(id).toCharArray()) {
        Integer t = trie.get(s).get(c);
        if (t == null) {
          t = trie.size();
          trie.get(s).put(c, t);
          trie.add(new TreeMap<>());
          out.add(new ArrayList<>());
        }
        s = t;
      }
      out.get(s).add(id);
    }
    int n = trie.size();
    keys = new char[n][];
    targets = new int[n][];
    for (int s = 0; s < n; s++) {
      Map<Character, Integer> m = trie.get(s);
      keys[s] = new char[m.size()];
      targets[s] = new int[m.size()];
      int i = 0;
      for (Map.Entry<Character, Integer> e : m.entrySet()) {
        keys[s][i] = e.getKey();
        targets[s][i++] = e.getValue();
      }
    }
    for (int c = 0; c < 128; c++) {
      Integer t = trie.get(0).get((char) c);
      rootAscii[c] = t == null ? 0 : t;
    }
    dense = new int[n][];
    for (int s = 1; s < n; s++) {
      if (keys[s].length >= 6) {
        int[] d = new int[128];
        Arrays.fill(d, -1);
        for (int i = 0; i < keys[s].length; i++) {
          if (keys[s][i] < 128) {
            d[keys[s][i]] = targets[s][i];
          }
        }
        dense[s] = d;
      }
    }
    fail = new int[n];
    output = new int[n][];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    output[0] = toArray(out.get(0));
    for (int t : targets[0]) {
      fail[t] = 0;
      queue.add(t);
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      List<Integer> own = out.get(s);
      int[] inherited = output[fail[s]];
      if (own.isEmpty()) {
        output[s] = inherited == null ? NO_OUTPUT : inherited;
      } else {
        int[] merged =
            Arrays.copyOf(toArray(own), own.size() + (inherited == null ? 0 : inherited.length));
        if (inherited != null) {
          System.arraycopy(inherited, 0, merged, own.size(), inherited.length);
        }
        output[s] = merged;
      }
      for (int i = 0; i < keys[s].length; i++) {
        char c = keys[s][i];
        int t = targets[s][i];
        int f = fail[s];
        int g;
        while ((g = step(f, c)) < 0 && f != 0) {
          f = fail[f];
        }
        fail[t] = g < 0 || g == t ? 0 : g;
        queue.add(t);
      }
    }
  }

  private static int[] toArray(List<Integer> l) {
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
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
